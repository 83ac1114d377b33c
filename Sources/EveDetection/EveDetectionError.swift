/// Errors thrown by the EveDetection API. Each message says what was wrong and what is allowed.
public enum EveDetectionError: Error, CustomStringConvertible, Equatable, Sendable {
  /// A numeric parameter was outside its allowed range or not finite.
  case invalidParameter(name: String, value: Double, allowed: String)
  /// Arrays that must have matching sizes did not.
  case dimensionMismatch(what: String, expected: Int, found: Int)
  /// An input that must not be empty was empty.
  case empty(what: String)
  /// A label or class index was outside the model's classes.
  case invalidLabel(value: Int, allowed: String)
  /// The training data holds a single class, so no decision boundary can be fitted.
  case singleClass(what: String)
  /// A LAPACK routine reported failure (for example a Hessian that is not positive definite).
  case lapackFailure(routine: String, info: Int)
  /// A saved model has a format version this library cannot read.
  case unsupportedFormatVersion(found: Int, supported: Int)
  /// A saved model was trained on other features than the caller supplies.
  case featureMismatch(expected: [String], found: [String])
  /// A saved model could not be decoded.
  case malformedModel(reason: String)
  /// A CSV file could not be parsed.
  case malformedCSV(line: Int, reason: String)
  /// Session counts are inconsistent (for example more errors than detections).
  case inconsistentCounts(reason: String)

  /// A human-readable message.
  public var description: String {
    switch self {
    case .invalidParameter(let name, let value, let allowed):
      return "invalid \(name) = \(value); allowed: \(allowed)"
    case .dimensionMismatch(let what, let expected, let found):
      return "\(what): expected \(expected), found \(found)"
    case .empty(let what):
      return "\(what) is empty; at least one element is required"
    case .invalidLabel(let value, let allowed):
      return "invalid label \(value); allowed: \(allowed)"
    case .singleClass(let what):
      return "\(what) holds a single class; training needs examples of at least two classes"
    case .lapackFailure(let routine, let info):
      return "\(routine) failed with info = \(info)"
    case .unsupportedFormatVersion(let found, let supported):
      return "saved model has format version \(found); this library reads version \(supported)"
    case .featureMismatch(let expected, let found):
      return
        "saved model features \(found) do not match the expected features \(expected)"
    case .malformedModel(let reason):
      return "malformed saved model: \(reason)"
    case .malformedCSV(let line, let reason):
      return "malformed CSV at line \(line): \(reason)"
    case .inconsistentCounts(let reason):
      return "inconsistent session counts: \(reason)"
    }
  }
}
