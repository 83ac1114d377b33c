import Foundation

/// The secret-key bounds of E91: the device-independent bound from the CHSH value and the
/// BBM92 bound from the QBER, as asymptotic rates per sifted bit and as finite key lengths.
///
/// - Device independent (Acín, Brunner, Gisin, Massar, Pironio & Scarani, PRL 98, 230501
///   (2007), Eq. (4), collective attacks): r ≥ 1 − h(Q) − h((1 + √((S/2)² − 1))/2), for
///   2 < S ≤ 2√2. The second term bounds Eve's information from S alone; at S = 2√2 it is 0.
/// - BBM92 (Bennett, Brassard & Mermin, PRL 68, 557 (1992); Shor & Preskill, PRL 85, 441
///   (2000) for the entanglement-based protocol): r = 1 − 2h(Q), the phase-error rate taken
///   equal to the bit-error rate (trusted, symmetric devices).
///
/// The finite lengths follow the leftover hash lemma as in ``PrivacyAmplification``:
/// ℓ = n·(1 − χ) − leak_EC − log2(2/ε_cor) − 2·log2(1/(2ε_PA)), where χ is Eve's information per
/// bit (h of the phase-error bound for BBM92, the S term above at the lower confidence bound
/// of S for the DI bound) and leak_EC the bits Cascade actually disclosed.
public enum E91KeyLength {
  /// Eve's information per key bit allowed by a CHSH value S: h((1 + √((S/2)² − 1))/2); S is
  /// clamped to [2, 2√2], so 1 at S ≤ 2 (no key) and 0 at Tsirelson's bound. NaN gives 1.
  public static func eveInformation(chsh s: Double) -> Double {
    guard !s.isNaN else { return 1 }
    let clamped = min(max(abs(s), 2), 2 * 2.0.squareRoot())
    let root = max(0, (clamped / 2) * (clamped / 2) - 1).squareRoot()
    return binaryEntropy((1 + root) / 2)
  }

  /// The device-independent asymptotic rate per sifted bit, 1 − h(Q) − h((1 + √((S/2)² − 1))/2)
  /// (may be negative: no key).
  public static func deviceIndependentRate(chsh s: Double, qber q: Double) -> Double {
    1 - binaryEntropy(q) - eveInformation(chsh: s)
  }

  /// The BBM92 asymptotic rate per sifted bit, 1 − 2h(Q) (may be negative).
  public static func bbm92Rate(qber q: Double) -> Double { 1 - 2 * binaryEntropy(q) }

  /// The finite device-independent length bound (real, may be negative) for `keyBits`
  /// reconciled bits, a lower confidence bound on S, and `leakedBits` disclosed.
  /// - Throws: ``PostProcessingError/invalidParameter(name:value:allowed:)`` for negative counts
  ///   or bad ε values.
  public static func deviceIndependentLength(
    keyBits n: Int, chshLowerBound s: Double, leakedBits: Int, security: SecurityParameters
  ) throws(PostProcessingError) -> Double {
    guard n >= 0 else {
      throw .invalidParameter(name: "key bits", value: Double(n), allowed: "≥ 0")
    }
    guard leakedBits >= 0 else {
      throw .invalidParameter(name: "leaked bits", value: Double(leakedBits), allowed: "≥ 0")
    }
    try security.validated()
    let privacy = Double(n) * (1 - eveInformation(chsh: s))
    return privacy - Double(leakedBits) - log2(2 / security.epsilonCor)
      - 2 * log2(1 / (2 * security.epsilonPA))
  }

  /// The finite BBM92 length bound (real, may be negative): the leftover-hash-lemma length of
  /// ``PrivacyAmplification/lengthBound(singlePhotonBits:phaseErrorUpperBound:leakedBits:security:)``
  /// with every key bit a single pair and the phase-error rate bounded by the QBER bound.
  /// - Throws: ``PostProcessingError/invalidParameter(name:value:allowed:)``.
  public static func bbm92Length(
    keyBits n: Int, qberUpperBound e: Double, leakedBits: Int, security: SecurityParameters
  ) throws(PostProcessingError) -> Double {
    try PrivacyAmplification.lengthBound(
      singlePhotonBits: n, phaseErrorUpperBound: min(1, max(0, e)), leakedBits: leakedBits,
      security: security)
  }
}
