import ComplexModule
import Foundation
import QuantumEngine

/// The four polarization Bell states (H = 0, V = 1; qubit 0 is Alice's photon, qubit 1 Bob's).
public enum BellState: String, Sendable, Hashable, Codable, CaseIterable {
  /// (|HH⟩ + |VV⟩)/√2: equal linear polarizations, E(θa, θb) = cos 2(θa − θb).
  case phiPlus
  /// (|HH⟩ − |VV⟩)/√2.
  case phiMinus
  /// (|HV⟩ + |VH⟩)/√2.
  case psiPlus
  /// (|HV⟩ − |VH⟩)/√2: the singlet, E(θa, θb) = −cos 2(θa − θb).
  case psiMinus

  /// The state vector (two qubits).
  /// - Throws: ``PhotonicsError/engine(_:)`` (not expected).
  public func stateVector() throws(PhotonicsError) -> StateVector {
    let r = Complex<Double>(0.5.squareRoot())
    let z = Complex<Double>.zero
    // Index = bit0 (Alice) + 2·bit1 (Bob): |HH⟩ = 0, |VH⟩ = 1 (Alice V), |HV⟩ = 2, |VV⟩ = 3.
    let amps: [Complex<Double>]
    switch self {
    case .phiPlus: amps = [r, z, z, r]
    case .phiMinus: amps = [r, z, z, -r]
    case .psiPlus: amps = [z, r, r, z]
    case .psiMinus: amps = [z, -r, r, z]
    }
    return try engine { () throws(QuantumError) in try StateVector(amplitudes: amps) }
  }
}

/// A source of polarization-entangled photon pairs (for example type-II SPDC), emitting per gate
/// no pair, one pair or two independent pairs.
///
/// Each pair is the Werner state V·|Ψ⟩⟨Ψ| + (1 − V)·I/4 with visibility V, so the CHSH value of
/// ideal detection is S = 2√2·V (Clauser, Horne, Shimony & Holt 1969; Werner 1989).
public struct EntangledPairSource: Sendable, Hashable, Codable {
  /// The Bell state emitted.
  public let bellState: BellState
  /// The visibility V in [0, 1].
  public let visibility: Double
  /// Probability of exactly one pair per gate.
  public let pairProbability: Double
  /// Probability of two pairs per gate (multi-pair emission).
  public let multiPairProbability: Double

  /// A source; the probabilities must be in [0, 1] with sum ≤ 1.
  /// - Throws: ``PhotonicsError``.
  public init(
    bellState: BellState = .phiPlus, visibility: Double = 1, pairProbability: Double = 1,
    multiPairProbability: Double = 0
  ) throws(PhotonicsError) {
    try Check.probability(visibility, "visibility")
    try Check.probability(pairProbability, "pair probability")
    try Check.probability(multiPairProbability, "multi-pair probability")
    guard pairProbability + multiPairProbability <= 1 + 1e-12 else {
      throw .invalidConfiguration(
        "pair probability + multi-pair probability = \(pairProbability + multiPairProbability); it must be at most 1"
      )
    }
    self.bellState = bellState
    self.visibility = visibility
    self.pairProbability = pairProbability
    self.multiPairProbability = multiPairProbability
  }

  /// P(0 pairs), P(1 pair), P(2 pairs).
  public var pairNumberProbabilities: [Double] {
    [max(0, 1 - pairProbability - multiPairProbability), pairProbability, multiPairProbability]
  }

  /// The two-photon density matrix of one pair.
  /// - Throws: ``PhotonicsError/engine(_:)`` (not expected).
  public func densityMatrix() throws(PhotonicsError) -> DensityMatrix {
    let vector = try bellState.stateVector()
    let pure = try engine { () throws(QuantumError) in try DensityMatrix(vector) }
    let v = visibility
    let mixed = pure.matrix.scaled(by: Complex(v))
    let noise = ComplexMatrix.identity(4).scaled(by: Complex((1 - v) / 4))
    return try engine { () throws(QuantumError) in
      try DensityMatrix(matrix: mixed.adding(noise), tolerance: 1e-9)
    }
  }
}
