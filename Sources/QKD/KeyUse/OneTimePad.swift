import ClassicalCrypto

/// A message encrypted with the one-time pad: ciphertext and where its pad starts.
public struct OneTimePadMessage: Sendable, Hashable, Codable {
  /// The position of the pad in the key stream.
  public var keyPosition: Int
  /// plaintext ⊕ pad.
  public var ciphertext: [UInt8]

  /// Creates a message.
  public init(keyPosition: Int, ciphertext: [UInt8]) {
    self.keyPosition = keyPosition
    self.ciphertext = ciphertext
  }
}

/// Vernam's one-time pad with QKD key: perfectly secret (Shannon 1949) as long as each pad bit
/// is used once, which the ``KeyStore`` enforces. Costs 8 key bits per byte.
public enum OneTimePad {
  /// Encrypts `plaintext` with the next `8·count` bits of `store`.
  /// - Throws: ``KeyUseError/insufficientKey(requested:available:)``.
  public static func encrypt(_ plaintext: [UInt8], using store: inout KeyStore)
    throws(KeyUseError) -> OneTimePadMessage
  {
    let position = store.position
    let pad = try store.take(8 * plaintext.count).bytes
    var out = plaintext
    for i in out.indices { out[i] ^= pad[i] }
    return OneTimePadMessage(keyPosition: position, ciphertext: out)
  }

  /// Decrypts with the same bits of the receiver's `store`.
  /// - Throws: ``KeyUseError/outOfSync(storePosition:messagePosition:)`` and
  ///   ``KeyUseError/insufficientKey(requested:available:)``.
  public static func decrypt(_ message: OneTimePadMessage, using store: inout KeyStore)
    throws(KeyUseError) -> [UInt8]
  {
    let pad = try store.take(8 * message.ciphertext.count, at: message.keyPosition).bytes
    var out = message.ciphertext
    for i in out.indices { out[i] ^= pad[i] }
    return out
  }
}
