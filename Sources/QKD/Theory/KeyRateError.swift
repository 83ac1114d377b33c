/// Errors from the key-rate theory: a link parameter or range that is not allowed.
public enum KeyRateError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A parameter was NaN, infinite or outside its allowed range.
  case invalidParameter(name: String, value: Double, allowed: String)
  /// A distance range was empty, reversed, or had a step that is not positive.
  case invalidDistanceRange(from: Double, to: Double, step: Double)

  /// A sentence saying what was wrong and what is allowed.
  public var description: String {
    switch self {
    case .invalidParameter(let name, let value, let allowed):
      return "\(name) must be \(allowed), got \(value)"
    case .invalidDistanceRange(let from, let to, let step):
      return
        "distance range \(from):\(to):\(step) must have finite 0 ≤ from ≤ to, a step > 0 and "
        + "at most 100000 points"
    }
  }
}

/// Throws ``KeyRateError/invalidParameter(name:value:allowed:)`` unless `value` is finite and
/// in `range`.
func checkParameter(_ name: String, _ value: Double, in range: ClosedRange<Double>)
  throws(KeyRateError)
{
  guard value.isFinite, range.contains(value) else {
    throw .invalidParameter(
      name: name, value: value, allowed: "finite in [\(range.lowerBound), \(range.upperBound)]")
  }
}
