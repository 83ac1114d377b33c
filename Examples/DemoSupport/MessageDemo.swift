import ClassicalCrypto
import QKD

/// Uses a freshly distilled key the way the demos narrate it: Alice encrypts a message with
/// AES-256-GCM keyed by the next 256 key bits (``KeyedAESGCM``), Bob decrypts it with his copy.
/// A key shorter than 256 bits cannot key AES-256; then the message is sent with a one-time pad
/// when the key is long enough for it, and otherwise not at all.
public enum MessageDemo {
  /// Encrypts `message` with Alice's key, decrypts with Bob's, and prints each step.
  /// - Returns: whether Bob recovered the message exactly.
  @discardableResult
  public static func run(message: String, aliceKey: BitVector, bobKey: BitVector) -> Bool {
    let plaintext = Array(message.utf8)
    var alice = KeyStore(aliceKey)
    var bob = KeyStore(bobKey)
    do {
      if aliceKey.count >= KeyedAESGCM.keyBitsPerMessage {
        let sealed = try KeyedAESGCM.seal(plaintext, using: &alice)
        Narration.say(
          "Alice encrypts \"\(message)\" with AES-256-GCM, keyed by the first "
            + "\(KeyedAESGCM.keyBitsPerMessage) key bits (used once, then gone):")
        Narration.say(
          "  ciphertext \(HexPreview.prefix(sealed.box.ciphertext, bytes: 16)) "
            + "tag \(HexPreview.prefix(sealed.box.tag, bytes: 16))")
        let opened = try KeyedAESGCM.open(sealed, using: &bob)
        let text = String(decoding: opened, as: UTF8.self)
        Narration.say("Bob checks the tag and decrypts with his copy of the key: \"\(text)\"")
        return opened == plaintext
      }
      guard aliceKey.count >= 8 * plaintext.count else {
        Narration.say(
          "The key (\(aliceKey.count) bits) is too short for AES-256 (256 bits) or a one-time "
            + "pad of this \(8 * plaintext.count)-bit message: send more pulses to distil more key."
        )
        return false
      }
      let sealed = try OneTimePad.encrypt(plaintext, using: &alice)
      Narration.say(
        "The key is shorter than AES-256 needs, so Alice uses a one-time pad: "
          + "ciphertext \(HexPreview.prefix(sealed.ciphertext, bytes: 16))")
      let opened = try OneTimePad.decrypt(sealed, using: &bob)
      Narration.say(
        "Bob XORs the same key bits back: \"\(String(decoding: opened, as: UTF8.self))\"")
      return opened == plaintext
    } catch {
      Narration.say("Encryption failed: \(error)")
      return false
    }
  }
}
