internal import COpenSSL

/// AES-256 in Galois/Counter Mode (NIST SP 800-38D) through OpenSSL's EVP cipher interface:
/// 32-byte key, 12-byte nonce, 16-byte tag, optional associated data.
///
/// A (key, nonce) pair must never encrypt two messages; the QKD key store guarantees this by
/// using each key once.
public enum AESGCM {
  /// The key length in bytes (AES-256).
  public static let keyByteCount = 32
  /// The nonce length in bytes (the 96-bit IV recommended by SP 800-38D).
  public static let nonceByteCount = 12
  /// The tag length in bytes (128-bit tag).
  public static let tagByteCount = 16

  /// A ciphertext with the nonce and tag needed to open it.
  public struct SealedBox: Sendable, Hashable, Codable {
    /// The 12-byte nonce used for encryption.
    public var nonce: [UInt8]
    /// The ciphertext, as long as the plaintext.
    public var ciphertext: [UInt8]
    /// The 16-byte authentication tag.
    public var tag: [UInt8]

    /// Bundles a nonce, ciphertext and tag (validated when opened).
    public init(nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8]) {
      self.nonce = nonce
      self.ciphertext = ciphertext
      self.tag = tag
    }
  }

  /// Encrypts and authenticates `plaintext`, also authenticating `associatedData`.
  /// - Throws: ``CryptoError/invalidKeyLength(expected:got:)``,
  ///   ``CryptoError/invalidNonceLength(expected:got:)``,
  ///   ``CryptoError/inputTooLarge(bytes:limit:)``, ``CryptoError/openSSLFailure(operation:)``.
  public static func seal(
    _ plaintext: [UInt8], key: SecretBytes, nonce: [UInt8], associatedData: [UInt8] = []
  ) throws(CryptoError) -> SealedBox {
    try validate(key: key, nonce: nonce, lengths: [plaintext.count, associatedData.count])
    let context = try CipherContext()
    var ciphertext = [UInt8](repeating: 0, count: plaintext.count)
    var tag = [UInt8](repeating: 0, count: tagByteCount)
    try context.run { ctx throws(CryptoError) in
      try check(EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nil, nil, nil), "EVP_EncryptInit_ex")
      try check(
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, Int32(nonceByteCount), nil),
        "EVP_CTRL_GCM_SET_IVLEN")
      try check(
        key.bytes.withUnsafeBufferPointer { k in
          nonce.withUnsafeBufferPointer { n in
            EVP_EncryptInit_ex(ctx, nil, nil, k.baseAddress, n.baseAddress)
          }
        }, "EVP_EncryptInit_ex(key, nonce)")
      var outLength: Int32 = 0
      if !associatedData.isEmpty {
        try check(
          associatedData.withUnsafeBufferPointer { a in
            EVP_EncryptUpdate(ctx, nil, &outLength, a.baseAddress, Int32(a.count))
          }, "EVP_EncryptUpdate(associated data)")
      }
      if !plaintext.isEmpty {
        try check(
          plaintext.withUnsafeBufferPointer { p in
            ciphertext.withUnsafeMutableBufferPointer { c in
              EVP_EncryptUpdate(ctx, c.baseAddress, &outLength, p.baseAddress, Int32(p.count))
            }
          }, "EVP_EncryptUpdate")
      }
      var finalScratch = [UInt8](repeating: 0, count: 16)
      try check(
        finalScratch.withUnsafeMutableBufferPointer { f in
          EVP_EncryptFinal_ex(ctx, f.baseAddress, &outLength)
        }, "EVP_EncryptFinal_ex")
      try check(
        tag.withUnsafeMutableBytes { t in
          EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, Int32(tagByteCount), t.baseAddress)
        }, "EVP_CTRL_GCM_GET_TAG")
    }
    return SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag)
  }

  /// Checks the tag and decrypts `box`; nothing is returned unless every byte is authentic.
  /// - Throws: ``CryptoError/authenticationFailed`` when the ciphertext, tag, nonce or associated
  ///   data were altered or the key is wrong; length errors as in ``seal(_:key:nonce:associatedData:)``
  ///   and ``CryptoError/invalidTagLength(expected:got:)``.
  public static func open(
    _ box: SealedBox, key: SecretBytes, associatedData: [UInt8] = []
  ) throws(CryptoError) -> [UInt8] {
    try validate(key: key, nonce: box.nonce, lengths: [box.ciphertext.count, associatedData.count])
    guard box.tag.count == tagByteCount else {
      throw .invalidTagLength(expected: tagByteCount, got: box.tag.count)
    }
    let context = try CipherContext()
    var plaintext = [UInt8](repeating: 0, count: box.ciphertext.count)
    try context.run { ctx throws(CryptoError) in
      try check(EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nil, nil, nil), "EVP_DecryptInit_ex")
      try check(
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, Int32(nonceByteCount), nil),
        "EVP_CTRL_GCM_SET_IVLEN")
      try check(
        key.bytes.withUnsafeBufferPointer { k in
          box.nonce.withUnsafeBufferPointer { n in
            EVP_DecryptInit_ex(ctx, nil, nil, k.baseAddress, n.baseAddress)
          }
        }, "EVP_DecryptInit_ex(key, nonce)")
      var outLength: Int32 = 0
      if !associatedData.isEmpty {
        try check(
          associatedData.withUnsafeBufferPointer { a in
            EVP_DecryptUpdate(ctx, nil, &outLength, a.baseAddress, Int32(a.count))
          }, "EVP_DecryptUpdate(associated data)")
      }
      if !box.ciphertext.isEmpty {
        try check(
          box.ciphertext.withUnsafeBufferPointer { c in
            plaintext.withUnsafeMutableBufferPointer { p in
              EVP_DecryptUpdate(ctx, p.baseAddress, &outLength, c.baseAddress, Int32(c.count))
            }
          }, "EVP_DecryptUpdate")
      }
      var expectedTag = box.tag
      try check(
        expectedTag.withUnsafeMutableBytes { t in
          EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, Int32(tagByteCount), t.baseAddress)
        }, "EVP_CTRL_GCM_SET_TAG")
      var finalScratch = [UInt8](repeating: 0, count: 16)
      let verified = finalScratch.withUnsafeMutableBufferPointer { f in
        EVP_DecryptFinal_ex(ctx, f.baseAddress, &outLength)
      }
      guard verified == 1 else { throw .authenticationFailed }
    }
    return plaintext
  }

  private static func validate(key: SecretBytes, nonce: [UInt8], lengths: [Int])
    throws(CryptoError)
  {
    guard key.count == keyByteCount else {
      throw .invalidKeyLength(expected: keyByteCount, got: key.count)
    }
    guard nonce.count == nonceByteCount else {
      throw .invalidNonceLength(expected: nonceByteCount, got: nonce.count)
    }
    // OpenSSL takes `int` lengths; leave room for the final block.
    let limit = Int(Int32.max) - 64
    for length in lengths where length > limit { throw .inputTooLarge(bytes: length, limit: limit) }
  }

  private static func check(_ result: Int32, _ operation: String) throws(CryptoError) {
    guard result == 1 else { throw .openSSLFailure(operation: operation) }
  }
}

/// Owns an `EVP_CIPHER_CTX` and frees it when released.
private final class CipherContext {
  let pointer: OpaquePointer

  init() throws(CryptoError) {
    guard let p = EVP_CIPHER_CTX_new() else {
      throw .openSSLFailure(operation: "EVP_CIPHER_CTX_new")
    }
    pointer = p
  }

  func run(_ body: (OpaquePointer) throws(CryptoError) -> Void) throws(CryptoError) {
    try body(pointer)
  }

  deinit { EVP_CIPHER_CTX_free(pointer) }
}
