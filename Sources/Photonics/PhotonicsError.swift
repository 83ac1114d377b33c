import QuantumEngine

/// Everything that can be wrong with input to the photonics layer.
///
/// Every public entry point validates its parameters once (as the engine does) and throws one of
/// these cases with a sentence saying what was wrong and what is allowed.
public enum PhotonicsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A numeric parameter outside its allowed range (or NaN / infinite).
  case invalidParameter(name: String, value: Double, allowed: String)
  /// A configuration whose parts do not fit together.
  case invalidConfiguration(String)
  /// The quantum engine refused an operation (should not happen for validated input).
  case engine(QuantumError)

  /// A sentence saying what was wrong and what is allowed.
  public var description: String {
    switch self {
    case .invalidParameter(let name, let value, let allowed):
      return "\(name) = \(value) is not allowed; allowed: \(allowed)"
    case .invalidConfiguration(let message):
      return "invalid configuration: \(message)"
    case .engine(let error):
      return "quantum engine error: \(error.description)"
    }
  }
}

/// Runs an engine call, turning its ``QuantumError`` into ``PhotonicsError/engine(_:)``.
@inline(__always)
func engine<T>(_ body: () throws(QuantumError) -> T) throws(PhotonicsError) -> T {
  do {
    return try body()
  } catch {
    throw .engine(error)
  }
}

/// Validation helpers used at every public boundary.
enum Check {
  /// A finite number in `range`.
  static func inRange(
    _ value: Double, _ range: ClosedRange<Double>, _ name: String
  ) throws(PhotonicsError) {
    guard value.isFinite, range.contains(value) else {
      throw .invalidParameter(
        name: name, value: value,
        allowed: "a finite number in [\(range.lowerBound), \(range.upperBound)]")
    }
  }

  /// A probability in [0, 1].
  static func probability(_ value: Double, _ name: String) throws(PhotonicsError) {
    try inRange(value, 0...1, name)
  }

  /// A finite number ≥ 0.
  static func nonNegative(_ value: Double, _ name: String) throws(PhotonicsError) {
    guard value.isFinite, value >= 0 else {
      throw .invalidParameter(name: name, value: value, allowed: "a finite number ≥ 0")
    }
  }

  /// A finite number (any sign).
  static func finite(_ value: Double, _ name: String) throws(PhotonicsError) {
    guard value.isFinite else {
      throw .invalidParameter(name: name, value: value, allowed: "a finite number")
    }
  }

  /// An integer in `range`.
  static func count(_ value: Int, _ range: ClosedRange<Int>, _ name: String) throws(PhotonicsError)
  {
    guard range.contains(value) else {
      throw .invalidParameter(
        name: name, value: Double(value),
        allowed: "an integer in \(range.lowerBound)...\(range.upperBound)")
    }
  }
}
