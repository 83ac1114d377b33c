import ClassicalCrypto

/// How a ``ClassicalChannel`` authenticates messages.
public enum ChannelAuthentication: Sendable, CustomStringConvertible {
  /// No authentication: a man in the middle can change anything unnoticed.
  case none
  /// HMAC-SHA-256 with a pre-shared key (computationally secure; the key is reused).
  case hmacSHA256(key: SecretBytes)
  /// Wegman–Carter with a pre-shared key pool (information-theoretically secure; each message
  /// consumes ``WegmanCarter/keyBitsPerTag`` bits, replenished from new QKD key).
  case wegmanCarter(preSharedKey: BitVector)

  /// The scheme's name (keys are never shown).
  public var description: String {
    switch self {
    case .none: return "none"
    case .hmacSHA256: return "HMAC-SHA-256"
    case .wegmanCarter: return "Wegman–Carter"
    }
  }
}

/// A message on the wire: the message as the sender wrote it (or as an adversary rewrote it)
/// and its authentication tag (empty without authentication).
public struct ChannelFrame: Sendable, Hashable, Codable {
  /// The message.
  public var message: ClassicalMessage
  /// The tag bytes: 32 for HMAC-SHA-256, 8 for Wegman–Carter, none without authentication.
  public var tag: [UInt8]

  /// Creates a frame.
  public init(message: ClassicalMessage, tag: [UInt8]) {
    self.message = message
    self.tag = tag
  }
}
