import ComplexModule
import Foundation
import QuantumEngine
import Testing

@testable import Photonics

@Suite struct PolarizationTests {
  @Test func namedStatesHaveTheirStokesAndBlochVectors() throws {
    let cases: [(Polarization, (Double, Double, Double))] = [
      (.horizontal, (1, 0, 0)), (.vertical, (-1, 0, 0)), (.diagonal, (0, 1, 0)),
      (.antidiagonal, (0, -1, 0)), (.rightCircular, (0, 0, 1)), (.leftCircular, (0, 0, -1)),
    ]
    for (p, s) in cases {
      #expect(abs(p.stokes.s1 - s.0) < 1e-12)
      #expect(abs(p.stokes.s2 - s.1) < 1e-12)
      #expect(abs(p.stokes.s3 - s.2) < 1e-12)
      // Bloch (x, y, z) = (S2, S3, S1), and the engine agrees.
      let b = try p.densityMatrix().blochVector(of: 0)
      #expect(abs(b.x - s.1) < 1e-12 && abs(b.y - s.2) < 1e-12 && abs(b.z - s.0) < 1e-12)
      let back = try Polarization(stokes: s.0, s.1, s.2)
      #expect(back.overlap(with: p) > 1 - 1e-12)
      #expect(p.overlap(with: p.orthogonal) < 1e-24)
    }
    #expect(Polarization.diagonal.description == "D")
    #expect(Polarization.leftCircular.description == "L")
  }

  @Test func jonesVectorsAreNormalisedAndRoundTripThroughBloch() throws {
    let p = try Polarization(jones: Complex(3, 1), Complex(0, -2))
    #expect(abs(p.h.lengthSquared + p.v.lengthSquared - 1) < 1e-12)
    let b = p.blochVector
    let q = try Polarization(bloch: b.x, b.y, b.z)
    #expect(q.overlap(with: p) > 1 - 1e-12)
    let s = try StokesParameters(p.densityMatrix())
    #expect(abs(s.degreeOfPolarization - 1) < 1e-12)
  }

  @Test func partialPolarizationRoundTripsThroughDensityMatrix() throws {
    let s = try StokesParameters(s1: 0.3, s2: -0.2, s3: 0.5)
    let back = try StokesParameters(s.densityMatrix())
    #expect(abs(back.s1 - 0.3) < 1e-12 && abs(back.s2 + 0.2) < 1e-12 && abs(back.s3 - 0.5) < 1e-12)
  }

  @Test func badInputThrowsTypedErrors() {
    #expect(throws: PhotonicsError.self) { try Polarization(jones: .zero, .zero) }
    #expect(throws: PhotonicsError.self) { try Polarization(stokes: 0.5, 0, 0) }
    #expect(throws: PhotonicsError.self) { try Polarization.linear(angle: .nan) }
    #expect(throws: PhotonicsError.self) { try StokesParameters(s1: 1, s2: 1, s3: 0) }
    do {
      _ = try Polarization(stokes: 2, 0, 0)
    } catch {
      #expect(error.description.contains("allowed"))
    }
  }

  @Test func basesEncodeBitsAsBB84States() {
    #expect(Basis.rectilinear.state(bit: 0) == .horizontal)
    #expect(Basis.rectilinear.state(bit: 1) == .vertical)
    #expect(Basis.diagonal.state(bit: 0) == .diagonal)
    #expect(Basis.diagonal.state(bit: 1) == .antidiagonal)
  }
}
