/// Why a BB84 or E91 configuration or command-line option set was refused.
///
/// Each message says what was wrong and what is allowed, so the CLI can print it as is.
public enum BB84ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A numeric setting outside its range (or NaN / infinite).
  case invalidParameter(name: String, value: Double, allowed: String)
  /// The `--eve` text could not be understood or carried a bad number.
  case invalidEavesdropper(String, reason: String)
  /// The Photonics layer refused the link (source, fibre, detectors or eavesdropper).
  case invalidLink(String)
  /// Settings that are fine alone but do not fit together.
  case inconsistent(String)

  /// A sentence saying what was wrong and what is allowed.
  public var description: String {
    switch self {
    case .invalidParameter(let name, let value, let allowed):
      return "\(name) = \(value) is not allowed; allowed: \(allowed)"
    case .invalidEavesdropper(let text, let reason):
      return "eavesdropper '\(text)' is not valid: \(reason)"
    case .invalidLink(let message):
      return "invalid link: \(message)"
    case .inconsistent(let message):
      return "inconsistent protocol settings: \(message)"
    }
  }
}

/// Range checks shared by the protocol configuration types.
enum ProtocolCheck {
  static func inRange(_ value: Double, _ range: ClosedRange<Double>, _ name: String)
    throws(BB84ConfigurationError)
  {
    guard value.isFinite, range.contains(value) else {
      throw .invalidParameter(
        name: name, value: value,
        allowed: "a finite number in [\(range.lowerBound), \(range.upperBound)]")
    }
  }

  static func openInterval(_ value: Double, _ lower: Double, _ upper: Double, _ name: String)
    throws(BB84ConfigurationError)
  {
    guard value.isFinite, value > lower, value < upper else {
      throw .invalidParameter(
        name: name, value: value, allowed: "a finite number strictly between \(lower) and \(upper)")
    }
  }

  static func count(_ value: Int, _ range: ClosedRange<Int>, _ name: String)
    throws(BB84ConfigurationError)
  {
    guard range.contains(value) else {
      throw .invalidParameter(
        name: name, value: Double(value),
        allowed: "an integer in \(range.lowerBound)...\(range.upperBound)")
    }
  }
}
