import Foundation
import QuantumEngine
import Testing

@testable import Photonics

@Suite struct PulseSourceTests {
  @Test func poissonProbabilitiesAreExactAndComplete() throws {
    let s = try PulseSource.weakCoherent(mean: 0.5)
    let p = s.photonNumberProbabilities(intensity: 0)
    #expect(abs(p.reduce(0, +) - 1) < 1e-15)
    #expect(abs(p[0] - exp(-0.5)) < 1e-15)
    #expect(abs(p[2] - exp(-0.5) * 0.125) < 1e-15)
    #expect(PulseSource.singlePhoton.photonNumberProbabilities(intensity: 0) == [0, 1])
  }

  @Test func sampledPhotonNumbersArePoissonian() throws {
    let s = try PulseSource.weakCoherent(mean: 0.8)
    var rng = Xoshiro256StarStar(seed: 11)
    let n = 20_000
    var zeros = 0
    for _ in 0..<n where s.samplePhotonNumber(intensity: 0, using: &rng) == 0 { zeros += 1 }
    #expect(Links.withinBinomial(Double(zeros) / Double(n), exp(-0.8), n: UInt64(n)))
  }

  @Test func badSourcesThrow() {
    #expect(throws: PhotonicsError.self) { try PulseSource.weakCoherent(mean: -0.1) }
    #expect(throws: PhotonicsError.self) {
      try PulseSource.decoy(
        signal: 0.1, decoy: 0.5, signalProbability: 0.5, decoyProbability: 0.25,
        vacuumProbability: 0.25)
    }
    #expect(throws: PhotonicsError.self) {
      try PulseSource.decoy(
        signal: 0.5, decoy: 0.1, signalProbability: 0.5, decoyProbability: 0.25,
        vacuumProbability: 0.3)
    }
    #expect(throws: PhotonicsError.self) { try Detector(efficiency: 1.2) }
    #expect(throws: PhotonicsError.self) { try Detector(efficiency: 0.5, deadTimeGates: -1) }
    #expect(throws: PhotonicsError.self) {
      try Receiver(detector: .ideal, misalignment: 0.7)
    }
  }
}
