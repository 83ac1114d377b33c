import ComplexModule
import Foundation
import QuantumEngine

/// A polarizing beam splitter: H leaves by the transmitted port (0), V by the reflected port (1).
///
/// A real PBS leaks: with extinction ratio ER a fraction ε = 1/(1 + ER) of the wrong polarization
/// reaches each port, so the port measurement is the POVM E₀ = (1 − ε)|H⟩⟨H| + ε|V⟩⟨V|,
/// E₁ = ε|H⟩⟨H| + (1 − ε)|V⟩⟨V|. Placed after an analyzer wave plate it measures any basis.
public struct PolarizingBeamSplitter: Sendable, Hashable, Codable {
  /// The ratio of wanted to unwanted power in each port (nil = ideal, infinite).
  public let extinctionRatio: Double?

  /// A PBS with the given extinction ratio (≥ 1; nil for an ideal splitter).
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` for a ratio below 1.
  public init(extinctionRatio: Double? = nil) throws(PhotonicsError) {
    if let er = extinctionRatio {
      guard er.isFinite, er >= 1 else {
        throw .invalidParameter(
          name: "PBS extinction ratio", value: er, allowed: "a finite number ≥ 1 (or nil)")
      }
    }
    self.extinctionRatio = extinctionRatio
  }

  /// The leakage ε = 1/(1 + ER) into the wrong port (0 for an ideal splitter).
  public var leakage: Double { extinctionRatio.map { 1 / (1 + $0) } ?? 0 }

  /// The two-outcome port POVM (transmitted, reflected), optionally preceded by an analyzer
  /// element U: elements U†E_kU.
  /// - Throws: ``PhotonicsError/invalidConfiguration(_:)`` for a lossy analyzer.
  public func povm(after analyzer: OpticalElement? = nil) throws(PhotonicsError) -> POVM {
    let e = leakage
    var e0 = ComplexMatrix.diagonal([Complex(1 - e), Complex(e)])
    var e1 = ComplexMatrix.diagonal([Complex(e), Complex(1 - e)])
    if let u = analyzer {
      guard u.isUnitary else {
        throw .invalidConfiguration("the analyzer before a PBS must be lossless (a wave plate)")
      }
      let m = u.jonesMatrix
      e0 = m.adjoint * e0 * m
      e1 = m.adjoint * e1 * m
    }
    let elements = [e0, e1]
    return try engine { () throws(QuantumError) in try POVM(elements: elements, tolerance: 1e-9) }
  }

  /// The probability of leaving by each port for a photon in `state`.
  /// - Throws: as ``povm(after:)`` or when the state is not one qubit.
  public func portProbabilities(of state: DensityMatrix, after analyzer: OpticalElement? = nil)
    throws(PhotonicsError) -> (transmitted: Double, reflected: Double)
  {
    let m = try povm(after: analyzer)
    let p = try engine { () throws(QuantumError) in try state.outcomeProbabilities(of: m, on: [0]) }
    return (p[0], p[1])
  }
}

/// A non-polarizing beam splitter: a photon leaves by the transmitted port with probability
/// `transmittance` whatever its polarization, which is unchanged (used, for example, for a
/// passive random basis choice, or by an eavesdropper tapping light).
public struct NonPolarizingBeamSplitter: Sendable, Hashable, Codable {
  /// The probability of the transmitted port.
  public let transmittance: Double

  /// A splitter with the given transmittance in [0, 1].
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` outside [0, 1].
  public init(transmittance: Double) throws(PhotonicsError) {
    try Check.probability(transmittance, "beam splitter transmittance")
    self.transmittance = transmittance
  }

  /// The port probabilities (transmitted, reflected), independent of polarization.
  public var portProbabilities: (transmitted: Double, reflected: Double) {
    (transmittance, 1 - transmittance)
  }

  /// The distribution of photons leaving by the transmitted port when `photons` enter: each
  /// photon independently (binomial), entry k = P(k transmitted).
  public func transmittedPhotonDistribution(photons: Int) -> [Double] {
    guard photons >= 0 else { return [] }
    var out = [Double](repeating: 0, count: photons + 1)
    var binom = 1.0
    for k in 0...photons {
      out[k] = binom * pow(transmittance, Double(k)) * pow(1 - transmittance, Double(photons - k))
      binom = binom * Double(photons - k) / Double(k + 1)
    }
    return out
  }
}
