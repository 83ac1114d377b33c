import Foundation
import QuantumEngine
import Testing

@testable import Photonics

@Suite struct FibreTests {
  @Test func lossAndNoiseCompoundOverLength() throws {
    let f = try Fibre(
      lengthKm: 50, attenuationDbPerKm: 0.2, insertionLossDb: 1, depolarizationPerKm: 0.001,
      dephasingPerKm: 0.002)
    #expect(abs(f.transmittance - pow(10, -1.1)) < 1e-15)
    // Depolarizing km by km with the engine equals the compounded channel.
    var stepwise = try Polarization.diagonal.densityMatrix()
    for _ in 0..<50 {
      try stepwise.apply(QuantumChannel.depolarizing(0.001), to: 0)
      try stepwise.apply(QuantumChannel.dephasing(0.002), to: 0)
    }
    var whole = try Polarization.diagonal.densityMatrix()
    try whole.apply(f.channel(), to: 0)
    #expect(try stepwise.traceDistance(to: whole) < 1e-12)
  }

  @Test func badParametersThrow() {
    #expect(throws: PhotonicsError.self) { try Fibre(lengthKm: -1) }
    #expect(throws: PhotonicsError.self) { try Fibre(lengthKm: .nan) }
    #expect(throws: PhotonicsError.self) { try Fibre(lengthKm: 1, dephasingPerKm: 0.7) }
    #expect(throws: PhotonicsError.self) {
      try PolarizationDrift(diffusionRadiansPerSqrtSecond: -1)
    }
    #expect(throws: PhotonicsError.self) {
      try PolarizationDrift(diffusionRadiansPerSqrtSecond: 1, alignmentIntervalSeconds: 0)
    }
  }

  @Test func driftAnglesAreReproducibleAndResetByAlignment() throws {
    let free = try PolarizationDrift(diffusionRadiansPerSqrtSecond: 0.1)
    let a = free.angles(seed: 3, batches: 0..<100, batchDuration: 0.01)
    #expect(a == free.angles(seed: 3, batches: 0..<100, batchDuration: 0.01))
    #expect(Array(a[40..<60]) == free.angles(seed: 3, batches: 40..<60, batchDuration: 0.01))
    #expect(a[0] == 0 && a[99] != 0)
    let aligned = try PolarizationDrift(
      diffusionRadiansPerSqrtSecond: 0.1, alignmentIntervalSeconds: 0.1)
    let b = aligned.angles(seed: 3, batches: 0..<100, batchDuration: 0.01)
    #expect(b[10] == 0 && b[20] == 0 && b[15] != 0)
  }
}
