import ClassicalCrypto

/// Distilled secret key waiting to be used, handed out so that no bit is ever used twice.
///
/// Alice and Bob each keep a store filled with the same final keys; encrypting consumes bits
/// from the sender's store and decrypting the same bits, at the same position, from the
/// receiver's. Every message records the ``position`` its key started at, so a receiver whose
/// store is at a different position refuses instead of decrypting with the wrong (or a reused)
/// key.
public struct KeyStore: Sendable, CustomStringConvertible {
  private var pool: KeyPool

  /// Creates a store holding `key` (empty by default).
  public init(_ key: BitVector = BitVector([])) { pool = KeyPool(key) }

  /// Bits not yet used.
  public var availableBits: Int { pool.availableBits }
  /// Bits used so far; also the position of the next unused bit in the key stream.
  public var position: Int { pool.consumedBits }
  /// Bits ever deposited.
  public var depositedBits: Int { pool.depositedBits }

  /// Appends a freshly distilled key.
  public mutating func deposit(_ key: BitVector) { pool.replenish(with: key) }

  /// Takes the next `count` bits, which are then gone from the store.
  /// - Throws: ``KeyUseError/insufficientKey(requested:available:)`` when fewer remain
  ///   (nothing is taken then), ``KeyUseError/negativeLength(_:)`` for `count < 0`.
  public mutating func take(_ count: Int) throws(KeyUseError) -> BitVector {
    guard count >= 0 else { throw .negativeLength(count) }
    guard count <= pool.availableBits else {
      throw .insufficientKey(requested: count, available: pool.availableBits)
    }
    do {
      return try pool.consume(count)
    } catch {
      throw .insufficientKey(requested: count, available: pool.availableBits)
    }
  }

  /// Takes `count` bits for a message that says its key starts at `position`.
  /// - Throws: ``KeyUseError/outOfSync(storePosition:messagePosition:)`` when the store is
  ///   elsewhere in the key stream, and the errors of ``take(_:)``.
  mutating func take(_ count: Int, at position: Int) throws(KeyUseError) -> BitVector {
    guard position == self.position else {
      throw .outOfSync(storePosition: self.position, messagePosition: position)
    }
    return try take(count)
  }

  /// A redacted summary: counts only.
  public var description: String {
    "KeyStore(available: \(availableBits) bits, used: \(position) bits; contents redacted)"
  }
}

/// Errors from using distilled key.
public enum KeyUseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The store holds fewer bits than the message needs.
  case insufficientKey(requested: Int, available: Int)
  /// A negative length was requested.
  case negativeLength(Int)
  /// The message was encrypted at a different position of the key stream than the receiver's
  /// store is at (a message was skipped or replayed).
  case outOfSync(storePosition: Int, messagePosition: Int)
  /// AES-GCM refused (altered ciphertext, wrong key) or OpenSSL failed.
  case crypto(CryptoError)

  /// A sentence saying what was wrong and what is allowed.
  public var description: String {
    switch self {
    case .insufficientKey(let requested, let available):
      return "not enough key: \(requested) bits needed, \(available) left; distil more key first"
    case .negativeLength(let n): return "key length must be ≥ 0, got \(n)"
    case .outOfSync(let store, let message):
      return "message uses key from position \(message) but this store is at \(store); "
        + "key is used in order and never twice"
    case .crypto(let error): return error.description
    }
  }
}
