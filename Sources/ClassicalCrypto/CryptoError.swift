/// Errors from the OpenSSL-backed primitives (``SHA256``, ``HMACSHA256``, ``AESGCM``).
public enum CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A key had the wrong number of bytes.
  case invalidKeyLength(expected: Int, got: Int)
  /// A nonce had the wrong number of bytes.
  case invalidNonceLength(expected: Int, got: Int)
  /// An authentication tag had the wrong number of bytes.
  case invalidTagLength(expected: Int, got: Int)
  /// A buffer was larger than OpenSSL's `int` length parameters allow.
  case inputTooLarge(bytes: Int, limit: Int)
  /// The ciphertext, tag, nonce or associated data was altered, or the key is wrong.
  case authenticationFailed
  /// An OpenSSL call reported failure.
  case openSSLFailure(operation: String)

  /// A sentence saying what was wrong and what is allowed.
  public var description: String {
    switch self {
    case .invalidKeyLength(let expected, let got):
      return "key must be \(expected) bytes, got \(got)"
    case .invalidNonceLength(let expected, let got):
      return "nonce must be \(expected) bytes, got \(got)"
    case .invalidTagLength(let expected, let got):
      return "authentication tag must be \(expected) bytes, got \(got)"
    case .inputTooLarge(let bytes, let limit):
      return "input of \(bytes) bytes exceeds the limit of \(limit) bytes per call"
    case .authenticationFailed:
      return "authentication failed: ciphertext, tag, nonce or associated data were altered, "
        + "or the key is wrong"
    case .openSSLFailure(let operation):
      return "OpenSSL call \(operation) failed"
    }
  }
}
