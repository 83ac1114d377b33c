import ComplexModule
import Foundation
import QuantumEngine
import Testing

@testable import Photonics

@Suite struct OpticalElementTests {
  @Test func halfWavePlateAndPolarizerReproduceMalusLaw() throws {
    // HWP at θ turns H into linear 2θ; a polarizer at 0 then passes cos²(2θ).
    let polarizer = try OpticalElement.linearPolarizer(angle: 0)
    for k in 0...16 {
      let theta = Double(k) * .pi / 32
      let hwp = try OpticalElement.halfWavePlate(angle: theta)
      let out = hwp.transmission(of: .horizontal)
      #expect(abs(out.probability - 1) < 1e-12)
      let rotated = try #require(out.output)
      let expected = try Polarization.linear(angle: 2 * theta)
      #expect(rotated.overlap(with: expected) > 1 - 1e-12)
      let passed = try polarizer.transmission(of: rotated.densityMatrix())
      #expect(abs(passed.probability - pow(cos(2 * theta), 2)) < 1e-12)
    }
  }

  @Test func polarizerAtAngleFollowsMalusForLinearInput() throws {
    for phi in stride(from: 0.0, through: Double.pi, by: Double.pi / 7) {
      let p = try OpticalElement.linearPolarizer(angle: 0.3)
      let t = p.transmission(of: try Polarization.linear(angle: phi))
      #expect(abs(t.probability - pow(cos(phi - 0.3), 2)) < 1e-12)
    }
  }

  @Test func quarterWavePlateAt45DegreesMakesCircularLight() throws {
    let qwp = try OpticalElement.quarterWavePlate(angle: .pi / 4)
    let out = try #require(qwp.transmission(of: .horizontal).output)
    #expect(abs(abs(out.stokes.s3) - 1) < 1e-12)
    // Two QWPs make a HWP: H → V at 45°.
    let twice = try #require(qwp.then(qwp).transmission(of: .horizontal).output)
    #expect(twice.overlap(with: .vertical) > 1 - 1e-12)
  }

  @Test func rotatorTurnsLinearPolarization() throws {
    let r = try OpticalElement.rotator(angle: 0.2)
    let out = try #require(r.transmission(of: try .linear(angle: 0.5)).output)
    #expect(out.overlap(with: try .linear(angle: 0.7)) > 1 - 1e-12)
    #expect(r.isUnitary)
    _ = try r.gate()
  }

  @Test func finiteExtinctionPolarizerLeaksAndIsNotUnitary() throws {
    let p = try OpticalElement.linearPolarizer(angle: 0, extinctionRatio: 1000)
    #expect(abs(p.transmission(of: .vertical).probability - 1e-3) < 1e-15)
    #expect(!p.isUnitary)
    #expect(throws: PhotonicsError.self) { try p.gate() }
    #expect(throws: PhotonicsError.self) {
      try OpticalElement.linearPolarizer(angle: 0, extinctionRatio: 0.5)
    }
  }
}
