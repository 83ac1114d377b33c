/// Errors from configuring or running Cascade error reconciliation.
public enum CascadeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The QBER estimate that sizes the blocks was NaN or outside [0, 0.5).
  case invalidQBER(Double)
  /// The frame length was outside the supported range.
  case invalidFrameLength(Int, maximum: Int)
  /// A configuration value was not allowed.
  case invalidConfiguration(String)
  /// Alice's and Bob's keys, or a key and the plan, have different lengths.
  case keyLengthMismatch(expected: Int, got: Int)
  /// A parity query named a pass that the plan does not have.
  case invalidPass(Int, passCount: Int)
  /// A parity query asked for bits outside the frame or for an empty range.
  case invalidRange(lower: Int, upper: Int, frameLength: Int)

  /// The disclosed parities contradict each other: Bob flipped more bits than the frame holds.
  case inconsistentParities(corrections: Int)

  /// A sentence saying what was wrong and what is allowed.
  public var description: String {
    switch self {
    case .invalidQBER(let q):
      return "Cascade needs a QBER estimate in [0, 0.5), got \(q)"
    case .invalidFrameLength(let n, let maximum):
      return "Cascade frame length must be in 2...\(maximum) bits, got \(n)"
    case .invalidConfiguration(let message):
      return "invalid Cascade configuration: \(message)"
    case .keyLengthMismatch(let expected, let got):
      return "key must have \(expected) bits (the frame length), got \(got)"
    case .invalidPass(let pass, let passCount):
      return "parity query for pass \(pass), but passes are 0..<\(passCount)"
    case .inconsistentParities(let c):
      return "Cascade parities are inconsistent (\(c) corrections exceed the frame length): "
        + "the parity answers were altered"
    case .invalidRange(let lower, let upper, let n):
      return "parity query for bits \(lower)..<\(upper) must be a non-empty range inside 0..<\(n)"
    }
  }
}
