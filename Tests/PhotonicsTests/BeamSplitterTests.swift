import Foundation
import QuantumEngine
import Testing

@testable import Photonics

@Suite struct BeamSplitterTests {
  @Test func polarizingSplitterLeaksOneOverOnePlusExtinction() throws {
    let pbs = try PolarizingBeamSplitter(extinctionRatio: 99)
    let h = try pbs.portProbabilities(of: Polarization.horizontal.densityMatrix())
    #expect(abs(h.reflected - 0.01) < 1e-12)
    // With a HWP at π/8 in front it measures D/A.
    let d = try pbs.portProbabilities(
      of: Polarization.antidiagonal.densityMatrix(), after: Receiver.analyzer(for: .diagonal))
    #expect(abs(d.reflected - 0.99) < 1e-12)
    #expect(throws: PhotonicsError.self) { try PolarizingBeamSplitter(extinctionRatio: 0.2) }
  }

  @Test func nonPolarizingSplitterIsBinomial() throws {
    let bs = try NonPolarizingBeamSplitter(transmittance: 0.3)
    let dist = bs.transmittedPhotonDistribution(photons: 3)
    #expect(abs(dist[0] - 0.343) < 1e-12)
    #expect(abs(dist[3] - 0.027) < 1e-12)
    #expect(abs(dist.reduce(0, +) - 1) < 1e-12)
    #expect(throws: PhotonicsError.self) { try NonPolarizingBeamSplitter(transmittance: 1.5) }
  }
}
