internal import COpenSSL

/// SHA-256 (FIPS 180-4) through OpenSSL's EVP digest interface.
public enum SHA256 {
  /// The digest length in bytes.
  public static let digestByteCount = 32

  /// The 32-byte SHA-256 digest of `bytes`.
  /// - Throws: ``CryptoError/openSSLFailure(operation:)`` if OpenSSL reports an error.
  public static func hash(_ bytes: [UInt8]) throws(CryptoError) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: digestByteCount)
    var length: UInt32 = 0
    let ok = bytes.withUnsafeBytes { input in
      digest.withUnsafeMutableBufferPointer { out in
        EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, EVP_sha256(), nil)
      }
    }
    guard ok == 1, length == UInt32(digestByteCount) else {
      throw .openSSLFailure(operation: "EVP_Digest(SHA-256)")
    }
    return digest
  }
}
