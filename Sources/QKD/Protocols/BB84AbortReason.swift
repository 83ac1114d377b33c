/// Why a BB84 session stopped without a key. Every abort of ``BB84Session`` carries one.
///
/// ``code`` is a stable snake_case identifier for scripts (the `abort_reason` of the JSON
/// report); ``description`` is a sentence for people.
public enum BB84AbortReason: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The observed signal QBER of the sample (in `basis`, "Z", "X" or "all") reached the
  /// threshold beyond which no key is possible.
  case qberTooHigh(basis: String, observed: Double, threshold: Double)
  /// Too few sifted signal bits to sample, reconcile and distil (`available` bits).
  case tooFewSiftedBits(available: Int, required: Int)
  /// The decoy-state bounds leave no single-photon contribution (Y1 lower bound ≤ 0 or e1 upper
  /// bound ≥ 1/2), or, without decoys, the GLLP single-photon fraction is not positive.
  case noSinglePhotonKey(yieldLowerBound: Double, errorUpperBound: Double)
  /// The leftover-hash-lemma length is below one bit (`length` is its real value).
  case noSecretKey(length: Double)
  /// A classical message failed authentication: it was altered, forged, replayed or reordered.
  case authenticationFailure(message: String)
  /// The Wegman–Carter key pool ran out.
  case authenticationKeyExhausted(message: String)
  /// A classical message never arrived.
  case messageLost(message: String)
  /// A delivered message could not be understood, or Alice's and Bob's views disagree in a way
  /// only an unauthenticated, altered message can cause.
  case inconsistentMessages(String)
  /// The verification hashes of the reconciled keys differ.
  case verificationFailure

  /// A stable snake_case identifier (`qber_too_high`, `no_single_photon_key`, …).
  public var code: String {
    switch self {
    case .qberTooHigh: return "qber_too_high"
    case .tooFewSiftedBits: return "too_few_sifted_bits"
    case .noSinglePhotonKey: return "no_single_photon_key"
    case .noSecretKey: return "no_secret_key"
    case .authenticationFailure: return "authentication_failure"
    case .authenticationKeyExhausted: return "authentication_key_exhausted"
    case .messageLost: return "message_lost"
    case .inconsistentMessages: return "inconsistent_messages"
    case .verificationFailure: return "verification_failure"
    }
  }

  /// A sentence saying why the session aborted.
  public var description: String {
    switch self {
    case .qberTooHigh(let basis, let observed, let threshold):
      return "QBER \(observed) (\(basis) basis) reached the threshold \(threshold): "
        + "no secret key is possible"
    case .tooFewSiftedBits(let available, let required):
      return "only \(available) sifted signal bits; at least \(required) are needed"
    case .noSinglePhotonKey(let y1, let e1):
      return "no single-photon key: Y1 lower bound \(y1), e1 upper bound \(e1)"
    case .noSecretKey(let length):
      return "privacy amplification leaves no key (length bound \(length) bits)"
    case .authenticationFailure(let message):
      return "authentication failure: \(message)"
    case .authenticationKeyExhausted(let message):
      return "authentication key exhausted: \(message)"
    case .messageLost(let message):
      return "message lost: \(message)"
    case .inconsistentMessages(let message):
      return "inconsistent messages: \(message)"
    case .verificationFailure:
      return "verification hashes differ: the reconciled keys are not equal"
    }
  }

  /// The abort reason for a classical-channel failure.
  init(_ error: ClassicalChannelError) {
    switch error {
    case .authenticationFailed, .unexpectedMessage:
      self = .authenticationFailure(message: error.description)
    case .authenticationKeyExhausted:
      self = .authenticationKeyExhausted(message: error.description)
    case .messageLost:
      self = .messageLost(message: error.description)
    case .cryptoFailure:
      self = .authenticationFailure(message: error.description)
    case .malformedPayload:
      self = .inconsistentMessages(error.description)
    }
  }

  /// The abort reason for a post-processing abort.
  init(_ reason: KeyAbortReason) {
    switch reason {
    case .qberAboveThreshold(let bound, let threshold):
      self = .qberTooHigh(basis: "all", observed: bound, threshold: threshold)
    case .noSecretKey(let length):
      self = .noSecretKey(length: length)
    case .noSinglePhotonContribution(let y1, let e1):
      self = .noSinglePhotonKey(yieldLowerBound: y1, errorUpperBound: e1)
    case .verificationFailed:
      self = .verificationFailure
    }
  }
}
