import ClassicalCrypto

/// A message encrypted by ``KeyedAESGCM``: the sealed box and where its key starts.
public struct AESGCMKeyedMessage: Sendable, Hashable, Codable {
  /// The position of the 256-bit AES key in the key stream.
  public var keyPosition: Int
  /// Nonce, ciphertext and tag.
  public var box: AESGCM.SealedBox

  /// Creates a message.
  public init(keyPosition: Int, box: AESGCM.SealedBox) {
    self.keyPosition = keyPosition
    self.box = box
  }
}

/// AES-256-GCM with a fresh 256-bit key from a ``KeyStore`` for every message.
///
/// Because no key ever encrypts twice, the 96-bit nonce can be the key position itself (it is
/// unique anyway); the tag (2^−128 forgery per attempt) protects the message and the
/// associated data. A message that fails authentication still uses up its key on the
/// receiver's side, so key is never reused.
public enum KeyedAESGCM {
  /// Key bits per message.
  public static let keyBitsPerMessage = 8 * AESGCM.keyByteCount

  /// Encrypts `plaintext` with the next 256 bits of `store`.
  /// - Throws: ``KeyUseError/insufficientKey(requested:available:)`` or
  ///   ``KeyUseError/crypto(_:)``.
  public static func seal(
    _ plaintext: [UInt8], associatedData: [UInt8] = [], using store: inout KeyStore
  ) throws(KeyUseError) -> AESGCMKeyedMessage {
    let position = store.position
    let key = SecretBytes(bits: try store.take(keyBitsPerMessage))
    do {
      let box = try AESGCM.seal(
        plaintext, key: key, nonce: nonce(position), associatedData: associatedData)
      return AESGCMKeyedMessage(keyPosition: position, box: box)
    } catch {
      throw .crypto(error)
    }
  }

  /// Checks and decrypts `message` with the same 256 bits of the receiver's `store`.
  /// - Throws: ``KeyUseError/crypto(_:)`` with ``CryptoError/authenticationFailed`` when the
  ///   message was altered, ``KeyUseError/outOfSync(storePosition:messagePosition:)`` and
  ///   ``KeyUseError/insufficientKey(requested:available:)``.
  public static func open(
    _ message: AESGCMKeyedMessage, associatedData: [UInt8] = [], using store: inout KeyStore
  ) throws(KeyUseError) -> [UInt8] {
    let key = SecretBytes(bits: try store.take(keyBitsPerMessage, at: message.keyPosition))
    do {
      return try AESGCM.open(message.box, key: key, associatedData: associatedData)
    } catch {
      throw .crypto(error)
    }
  }

  /// The 12-byte nonce for a key starting at `position` (little-endian, zero-padded).
  static func nonce(_ position: Int) -> [UInt8] {
    var out: [UInt8] = []
    ClassicalPayload.appendLittleEndian(UInt64(bitPattern: Int64(position)), to: &out)
    return out + [0, 0, 0, 0]
  }
}
