import ClassicalCrypto
import Foundation

/// The ε parameters of a composable security statement (Renner, PhD thesis, ETH 2005;
/// Tomamichel, Lim, Gisin & Renner, Nat. Commun. 3, 634 (2012)).
///
/// The protocol is ε_cor-correct (verification) and ε_sec-secret with
/// ε_sec = ε_PE + ε_PA + ε_decoy (parameter estimation, leftover hash lemma, decoy-state
/// fluctuations; each a failure probability), hence (ε_sec + ε_cor)-secure.
public struct SecurityParameters: Sendable, Hashable, Codable {
  /// ε_PE: probability that the QBER (or phase-error) bound fails.
  public var epsilonPE: Double
  /// ε_PA: distance from uniform allowed by the leftover hash lemma.
  public var epsilonPA: Double
  /// ε_cor: probability that unequal keys pass verification.
  public var epsilonCor: Double
  /// ε_decoy: probability that the decoy-state fluctuation bounds fail (0 asymptotically).
  public var epsilonDecoy: Double

  /// Creates the parameters; ``validated()`` checks them.
  public init(
    epsilonPE: Double = 1e-10, epsilonPA: Double = 1e-10, epsilonCor: Double = 1e-15,
    epsilonDecoy: Double = 0
  ) {
    self.epsilonPE = epsilonPE
    self.epsilonPA = epsilonPA
    self.epsilonCor = epsilonCor
    self.epsilonDecoy = epsilonDecoy
  }

  /// ε_sec = ε_PE + ε_PA + ε_decoy.
  public var epsilonSecret: Double { epsilonPE + epsilonPA + epsilonDecoy }
  /// ε = ε_sec + ε_cor, the overall security parameter.
  public var epsilonTotal: Double { epsilonSecret + epsilonCor }

  /// Checks that ε_PE, ε_PA, ε_cor ∈ (0, 1) and ε_decoy ∈ [0, 1).
  /// - Throws: ``PostProcessingError/invalidParameter(name:value:allowed:)``.
  @discardableResult
  public func validated() throws(PostProcessingError) -> SecurityParameters {
    try requireEpsilon("epsilon_PE", epsilonPE)
    try requireEpsilon("epsilon_PA", epsilonPA)
    try requireEpsilon("epsilon_cor", epsilonCor)
    guard epsilonDecoy.isFinite, epsilonDecoy >= 0, epsilonDecoy < 1 else {
      throw .invalidParameter(name: "epsilon_decoy", value: epsilonDecoy, allowed: "in [0, 1)")
    }
    return self
  }
}

/// Privacy amplification: the final key length from the leftover hash lemma and the Toeplitz
/// hashing that produces it.
///
/// Length (Tomamichel et al. 2012, Eq. (2), with the phase-error bound of parameter
/// estimation; for weak pulses GLLP, QIC 4, 325 (2004), counting only single-photon bits as in
/// Lim, Lucamarini, Fröhlich & Curty, PRA 89, 022307 (2014)):
///
/// ℓ = ⌊ n₁·(1 − h(e₁ᵘ)) − leak_EC − log2(2/ε_cor) − 2·log2(1/(2·ε_PA)) ⌋,
///
/// where n₁ is the number of key bits that came from single photons (all of them for a
/// single-photon source), e₁ᵘ the upper bound on their phase-error rate, and leak_EC every bit
/// disclosed by error correction. The verification hash is paid for by the log2(2/ε_cor) term.
public enum PrivacyAmplification {
  /// The real-valued length bound before flooring (may be negative).
  /// - Throws: ``PostProcessingError/invalidParameter(name:value:allowed:)`` for negative
  ///   counts, e₁ᵘ outside [0, 1] or bad ε values.
  public static func lengthBound(
    singlePhotonBits n1: Int, phaseErrorUpperBound e1: Double, leakedBits: Int,
    security: SecurityParameters
  ) throws(PostProcessingError) -> Double {
    guard n1 >= 0 else {
      throw .invalidParameter(name: "single-photon bits", value: Double(n1), allowed: "≥ 0")
    }
    guard leakedBits >= 0 else {
      throw .invalidParameter(name: "leaked bits", value: Double(leakedBits), allowed: "≥ 0")
    }
    try require("phase-error upper bound", e1, in: 0...1)
    try security.validated()
    let privacy = e1 >= 0.5 ? 0 : Double(n1) * (1 - binaryEntropy(e1))
    return privacy - Double(leakedBits) - log2(2 / security.epsilonCor)
      - 2 * log2(1 / (2 * security.epsilonPA))
  }

  /// The final key length ℓ for BB84 on single photons: n₁ = all `keyBits`, e₁ᵘ = the QBER
  /// upper bound of parameter estimation (bit and phase errors coincide for symmetric BB84).
  /// - Throws: invalid input, or ``PostProcessingError/aborted(_:)`` with
  ///   ``KeyAbortReason/noSecretKey(length:)`` when ℓ ≤ 0.
  public static func secretKeyLength(
    keyBits: Int, qberUpperBound: Double, leakedBits: Int, security: SecurityParameters
  ) throws(PostProcessingError) -> Int {
    try positiveLength(
      lengthBound(
        singlePhotonBits: keyBits, phaseErrorUpperBound: min(1, max(0, qberUpperBound)),
        leakedBits: leakedBits, security: security))
  }

  /// The final key length ℓ for decoy-state BB84: of `keyBits` signal bits, at least
  /// n₁ = ⌊keyBits·Q₁ᴸ/Q_μ⌋ came from single photons, whose phase-error rate is at most e₁ᵘ.
  /// - Throws: invalid input; ``PostProcessingError/aborted(_:)`` with
  ///   ``KeyAbortReason/noSinglePhotonContribution(yieldLowerBound:errorUpperBound:)`` when
  ///   Y₁ᴸ ≤ 0 or e₁ᵘ ≥ 1/2, or ``KeyAbortReason/noSecretKey(length:)`` when ℓ ≤ 0.
  public static func secretKeyLength(
    keyBits: Int, decoy: DecoyEstimate, signalGain: Double, leakedBits: Int,
    security: SecurityParameters
  ) throws(PostProcessingError) -> Int {
    guard keyBits >= 0 else {
      throw .invalidParameter(name: "key bits", value: Double(keyBits), allowed: "≥ 0")
    }
    try require("signal gain", signalGain, in: 0...1)
    guard decoy.singlePhotonYieldLowerBound > 0, decoy.singlePhotonErrorUpperBound < 0.5 else {
      throw .aborted(
        .noSinglePhotonContribution(
          yieldLowerBound: decoy.rawYieldLowerBound,
          errorUpperBound: decoy.singlePhotonErrorUpperBound))
    }
    let n1 = Int(
      (Double(keyBits) * decoy.singlePhotonFraction(signalGain: signalGain)).rounded(
        .down))
    return try positiveLength(
      lengthBound(
        singlePhotonBits: n1, phaseErrorUpperBound: decoy.singlePhotonErrorUpperBound,
        leakedBits: leakedBits, security: security))
  }

  /// Hashes `key` to `outputLength` bits with a Toeplitz matrix whose n + ℓ − 1 seed bits are
  /// drawn from `generator` (the seed is public; both parties use the same one).
  /// - Throws: ``PostProcessingError/invalidParameter(name:value:allowed:)`` unless
  ///   1 ≤ outputLength ≤ key.count ≤ ``ToeplitzHash/maximumInputLength``.
  public static func amplify<G: RandomNumberGenerator>(
    _ key: BitVector, outputLength: Int, using generator: inout G
  ) throws(PostProcessingError) -> (key: BitVector, seed: BitVector) {
    guard outputLength >= 1, outputLength <= key.count,
      key.count <= ToeplitzHash.maximumInputLength
    else {
      throw .invalidParameter(
        name: "output length", value: Double(outputLength),
        allowed: "in 1...\(key.count) (the input length, at most 2^27)")
    }
    do {
      let toeplitz = try ToeplitzHash(
        inputLength: key.count, outputLength: outputLength, using: &generator)
      return (try toeplitz.hash(key), toeplitz.seed)
    } catch {
      throw .invalidParameter(
        name: "Toeplitz hash", value: Double(outputLength), allowed: error.description)
    }
  }

  static func positiveLength(_ bound: Double) throws(PostProcessingError) -> Int {
    guard bound >= 1 else { throw .aborted(.noSecretKey(length: bound)) }
    return Int(bound.rounded(.down))
  }
}
