internal import COpenSSL

/// HMAC-SHA-256 (RFC 2104, FIPS 198-1) through OpenSSL, with constant-time verification.
public struct HMACSHA256: Sendable {
  /// The tag length in bytes.
  public static let tagByteCount = 32

  /// The secret key (any length; RFC 2104 hashes keys longer than 64 bytes).
  public let key: SecretBytes

  /// Creates an authenticator with `key`.
  public init(key: SecretBytes) { self.key = key }

  /// The 32-byte tag of `message`.
  /// - Throws: ``CryptoError/inputTooLarge(bytes:limit:)`` for a key over `Int32.max` bytes,
  ///   ``CryptoError/openSSLFailure(operation:)`` if OpenSSL reports an error.
  public func authenticationCode(for message: [UInt8]) throws(CryptoError) -> [UInt8] {
    guard key.count <= Int(Int32.max) else {
      throw .inputTooLarge(bytes: key.count, limit: Int(Int32.max))
    }
    var tag = [UInt8](repeating: 0, count: Self.tagByteCount)
    var length: UInt32 = 0
    // A one-byte buffer stands in for an empty key so OpenSSL never sees a null pointer.
    let keyBytes = key.bytes.isEmpty ? [UInt8(0)] : key.bytes
    let result = keyBytes.withUnsafeBytes { k in
      message.withUnsafeBytes { m in
        tag.withUnsafeMutableBufferPointer { out in
          HMAC(
            EVP_sha256(), k.baseAddress, Int32(key.count), m.bindMemory(to: UInt8.self).baseAddress,
            m.count, out.baseAddress, &length)
        }
      }
    }
    guard result != nil, length == UInt32(Self.tagByteCount) else {
      throw .openSSLFailure(operation: "HMAC(SHA-256)")
    }
    return tag
  }

  /// Whether `tag` is the correct tag of `message`, compared in constant time.
  /// - Throws: the errors of ``authenticationCode(for:)``.
  public func isValid(_ tag: [UInt8], for message: [UInt8]) throws(CryptoError) -> Bool {
    ConstantTime.equals(try authenticationCode(for: message), tag)
  }
}
