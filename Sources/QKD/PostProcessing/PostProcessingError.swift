/// Why a run produced no key although its inputs were valid.
public enum KeyAbortReason: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The QBER upper confidence bound is at or above the threshold that leaves a key.
  case qberAboveThreshold(upperBound: Double, threshold: Double)
  /// The leftover-hash-lemma length is zero or negative (`length` is its real value).
  case noSecretKey(length: Double)
  /// The decoy-state bounds leave no single-photon contribution (Y1 lower bound ≤ 0 or
  /// e1 upper bound ≥ 1/2).
  case noSinglePhotonContribution(yieldLowerBound: Double, errorUpperBound: Double)
  /// Alice's and Bob's verification hashes differ: reconciliation left errors.
  case verificationFailed

  /// A sentence saying why the run aborted.
  public var description: String {
    switch self {
    case .qberAboveThreshold(let bound, let threshold):
      return "QBER upper bound \(bound) is at or above \(threshold): no secret key is possible"
    case .noSecretKey(let length):
      return "privacy amplification leaves no key (length bound \(length) bits)"
    case .noSinglePhotonContribution(let y1, let e1):
      return "decoy bounds leave no single-photon key (Y1 ≥ \(y1), e1 ≤ \(e1))"
    case .verificationFailed:
      return "verification hashes differ: the reconciled keys are not equal"
    }
  }
}

/// Errors from the post-processing stages: invalid input, or an abort with its reason.
public enum PostProcessingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A parameter was NaN, infinite or outside its allowed range.
  case invalidParameter(name: String, value: Double, allowed: String)
  /// Two keys that must have equal length did not.
  case keyLengthMismatch(Int, Int)
  /// The inputs were valid but leave no secret key.
  case aborted(KeyAbortReason)

  /// A sentence saying what was wrong and what is allowed.
  public var description: String {
    switch self {
    case .invalidParameter(let name, let value, let allowed):
      return "\(name) must be \(allowed), got \(value)"
    case .keyLengthMismatch(let a, let b):
      return "Alice's and Bob's keys must have equal length, got \(a) and \(b)"
    case .aborted(let reason):
      return "aborted: \(reason)"
    }
  }
}

/// Throws ``PostProcessingError/invalidParameter(name:value:allowed:)`` unless `value` is finite
/// and in `range`.
func require(_ name: String, _ value: Double, in range: ClosedRange<Double>)
  throws(PostProcessingError)
{
  guard value.isFinite, range.contains(value) else {
    throw .invalidParameter(
      name: name, value: value, allowed: "finite in [\(range.lowerBound), \(range.upperBound)]")
  }
}

/// Throws unless 0 < ε < 1.
func requireEpsilon(_ name: String, _ value: Double) throws(PostProcessingError) {
  guard value.isFinite, value > 0, value < 1 else {
    throw .invalidParameter(name: name, value: value, allowed: "finite in (0, 1)")
  }
}
