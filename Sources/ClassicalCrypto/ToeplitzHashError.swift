/// Errors from constructing or applying a ``ToeplitzHash``.
public enum ToeplitzHashError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The input length was below 1 or above the supported maximum.
  case invalidInputLength(Int, maximum: Int)
  /// The output length was below 1 or above the input length.
  case invalidOutputLength(Int, inputLength: Int)
  /// The seed did not have exactly `inputLength + outputLength - 1` bits.
  case seedLengthMismatch(expected: Int, got: Int)
  /// A vector to hash did not have the input length the hash was built for.
  case inputLengthMismatch(expected: Int, got: Int)
  /// The floating-point convolution drifted too far from an integer to round safely; the
  /// input is larger than the transform can handle exactly.
  case precisionLost(deviation: Double)

  /// A sentence saying what was wrong and what is allowed.
  public var description: String {
    switch self {
    case .invalidInputLength(let n, let maximum):
      return "Toeplitz input length must be in 1...\(maximum) bits, got \(n)"
    case .invalidOutputLength(let m, let n):
      return "Toeplitz output length must be in 1...\(n) (the input length), got \(m)"
    case .seedLengthMismatch(let expected, let got):
      return "Toeplitz seed must have inputLength + outputLength - 1 = \(expected) bits, got \(got)"
    case .inputLengthMismatch(let expected, let got):
      return "input to hash must have \(expected) bits, got \(got)"
    case .precisionLost(let deviation):
      return "Toeplitz FFT lost precision (a convolution value was \(deviation) from an integer)"
    }
  }
}
