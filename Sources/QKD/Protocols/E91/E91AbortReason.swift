/// Why an E91 session stopped without a key. Every abort of ``E91Session`` carries one.
///
/// ``code`` is a stable snake_case identifier for scripts (the `abort_reason` of the JSON
/// report); ``description`` is a sentence for people.
public enum E91AbortReason: Error, Sendable, Hashable, CustomStringConvertible {
  /// The CHSH value S does not exceed the local bound 2 by the required number of standard
  /// deviations: the pairs may not be entangled (an eavesdropper, or too much noise).
  case bellViolationTooWeak(s: Double, sigma: Double, requiredStandardDeviations: Double)
  /// Too few coincidences at the CHSH settings to estimate S (each of the four setting pairs
  /// needs at least `required`).
  case tooFewTestCoincidences(available: Int, required: Int)
  /// Too few sifted key bits to sample, reconcile and distil.
  case tooFewSiftedBits(available: Int, required: Int)
  /// The observed QBER of the disclosed sample reached the threshold.
  case qberTooHigh(observed: Double, threshold: Double)
  /// The length bound in force (device-independent or BBM92) is below one bit.
  case noSecretKey(bound: String, length: Double)
  /// A failure in a stage shared with BB84 (classical channel, Cascade, verification, privacy
  /// amplification).
  case postProcessing(BB84AbortReason)

  /// A stable snake_case identifier (`bell_violation_too_weak`, `qber_too_high`, …; for a
  /// shared stage, its BB84 code such as `authentication_failure`).
  public var code: String {
    switch self {
    case .bellViolationTooWeak: return "bell_violation_too_weak"
    case .tooFewTestCoincidences: return "too_few_test_coincidences"
    case .tooFewSiftedBits: return "too_few_sifted_bits"
    case .qberTooHigh: return "qber_too_high"
    case .noSecretKey: return "no_secret_key"
    case .postProcessing(let inner): return inner.code
    }
  }

  /// A sentence saying why the session aborted.
  public var description: String {
    switch self {
    case .bellViolationTooWeak(let s, let sigma, let k):
      return "CHSH S = \(s) ± \(sigma) does not exceed the local bound 2 by \(k) standard "
        + "deviations: no Bell violation, the pairs cannot be trusted to be entangled"
    case .tooFewTestCoincidences(let available, let required):
      return "only \(available) coincidences at one of the CHSH setting pairs; at least "
        + "\(required) are needed to estimate S"
    case .tooFewSiftedBits(let available, let required):
      return "only \(available) sifted key bits; at least \(required) are needed"
    case .qberTooHigh(let observed, let threshold):
      return "QBER \(observed) of the disclosed sample reached the threshold \(threshold): "
        + "no secret key is possible"
    case .noSecretKey(let bound, let length):
      return "privacy amplification leaves no key (\(bound) length bound \(length) bits)"
    case .postProcessing(let inner):
      return inner.description
    }
  }
}
