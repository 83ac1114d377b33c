/// Errors from the QRNG module: invalid parameters, sequences too short for a test, health-test
/// failures of the raw source and failures of the conditioning primitives.
public enum QRNGError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A parameter was outside its allowed range.
  case invalidParameter(name: String, value: String, allowed: String)
  /// A bit sequence was too short for the named test or estimator.
  case sequenceTooShort(test: String, length: Int, minimum: Int)
  /// The raw source failed a continuous health test; output stops until the source is reset.
  case healthTestFailure(HealthTestFailure)
  /// The Toeplitz hash or SHA-256 primitive reported an error.
  case extractorFailure(String)

  /// A sentence saying what was wrong and what is allowed.
  public var description: String {
    switch self {
    case .invalidParameter(let name, let value, let allowed):
      return "invalid \(name) = \(value); allowed: \(allowed)"
    case .sequenceTooShort(let test, let length, let minimum):
      return "\(test) needs at least \(minimum) bits, got \(length)"
    case .healthTestFailure(let failure):
      return "raw source failed its health test, output stopped: \(failure)"
    case .extractorFailure(let message):
      return "extractor failed: \(message)"
    }
  }
}

/// The reason a continuous SP 800-90B health test rejected the raw stream.
public enum HealthTestFailure: Sendable, Equatable, Codable, CustomStringConvertible {
  /// The same bit repeated `runLength` times, reaching the repetition count cutoff
  /// (SP 800-90B section 4.4.1); `bitIndex` is the position of the bit that reached it.
  case repetitionCount(runLength: Int, cutoff: Int, bitIndex: Int)
  /// The first bit of a window recurred `count` times in the window, reaching the adaptive
  /// proportion cutoff (SP 800-90B section 4.4.2).
  case adaptiveProportion(count: Int, cutoff: Int, window: Int, bitIndex: Int)

  /// A sentence naming the test, the observed value and the cutoff.
  public var description: String {
    switch self {
    case .repetitionCount(let run, let cutoff, let index):
      return "repetition count test: a run of \(run) identical bits ending at bit \(index) "
        + "reached the cutoff \(cutoff)"
    case .adaptiveProportion(let count, let cutoff, let window, let index):
      return "adaptive proportion test: the window's first bit occurred \(count) times in "
        + "\(window) bits (window ending at bit \(index)), reaching the cutoff \(cutoff)"
    }
  }
}

extension QRNGError {
  /// Throws ``invalidParameter(name:value:allowed:)`` unless `value` is finite and in `range`.
  static func check(
    _ value: Double, in range: ClosedRange<Double>, name: String
  ) throws(QRNGError) {
    guard value.isFinite, range.contains(value) else {
      throw .invalidParameter(
        name: name, value: "\(value)",
        allowed: "a finite number in \(range.lowerBound)...\(range.upperBound)")
    }
  }

  /// Throws ``invalidParameter(name:value:allowed:)`` unless `value` is in `range`.
  static func check(_ value: Int, in range: ClosedRange<Int>, name: String) throws(QRNGError) {
    guard range.contains(value) else {
      throw .invalidParameter(
        name: name, value: "\(value)",
        allowed: "an integer in \(range.lowerBound)...\(range.upperBound)")
    }
  }
}
