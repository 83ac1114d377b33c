/// A pool of secret key bits that are handed out once each: the pre-shared authentication key
/// for Wegman–Carter tags, replenished from new QKD key.
///
/// Alice and Bob each hold an identical pool and consume it in the same order, so they always
/// use the same bits for the same message. Consumed bits are erased from the pool and can never
/// be handed out again.
public struct KeyPool: Sendable, CustomStringConvertible {
  /// Unconsumed bits start at `offset`.
  private var storage: BitVector
  private var offset = 0
  /// The total number of bits consumed so far.
  public private(set) var consumedBits = 0
  /// The total number of bits ever added (initial key plus replenishments).
  public private(set) var depositedBits: Int

  /// Creates a pool holding `key`.
  public init(_ key: BitVector) {
    storage = key
    depositedBits = key.count
  }

  /// The number of bits still available.
  public var availableBits: Int { storage.count - offset }

  /// Takes the next `count` bits out of the pool.
  /// - Throws: ``KeyPoolError/negativeCount(_:)`` for `count < 0`,
  ///   ``KeyPoolError/exhausted(requested:available:)`` when fewer than `count` bits remain
  ///   (nothing is consumed then).
  public mutating func consume(_ count: Int) throws(KeyPoolError) -> BitVector {
    guard count >= 0 else { throw .negativeCount(count) }
    guard count <= availableBits else {
      throw .exhausted(requested: count, available: availableBits)
    }
    let taken = storage.slice(offset..<(offset + count))
    offset += count
    consumedBits += count
    compactIfWorthwhile()
    return taken
  }

  /// Takes the next 64 bits as one word (bit i of the word is the i-th bit taken).
  /// - Throws: ``KeyPoolError/exhausted(requested:available:)`` when fewer than 64 bits remain.
  public mutating func consumeWord() throws(KeyPoolError) -> UInt64 {
    let bits = try consume(64)
    return bits.words.first ?? 0
  }

  /// Appends fresh secret bits (for example part of a new QKD key) to the end of the pool.
  public mutating func replenish(with key: BitVector) {
    compact()
    storage.append(contentsOf: key)
    depositedBits += key.count
  }

  /// A redacted summary: counts only.
  public var description: String {
    "KeyPool(available: \(availableBits) bits, consumed: \(consumedBits) bits; contents redacted)"
  }

  private mutating func compactIfWorthwhile() {
    if offset >= 4096 && offset * 2 >= storage.count { compact() }
  }

  /// Drops consumed bits so they no longer exist in memory.
  private mutating func compact() {
    guard offset > 0 else { return }
    storage = storage.slice(offset..<storage.count)
    offset = 0
  }
}

/// Errors from ``KeyPool``.
public enum KeyPoolError: Error, Sendable, Equatable, CustomStringConvertible {
  /// More bits were requested than remain.
  case exhausted(requested: Int, available: Int)
  /// A negative number of bits was requested.
  case negativeCount(Int)

  /// A sentence saying what was wrong and what is allowed.
  public var description: String {
    switch self {
    case .exhausted(let requested, let available):
      return "key pool exhausted: \(requested) bits requested, \(available) available; "
        + "replenish it from new key"
    case .negativeCount(let n): return "number of key bits must be ≥ 0, got \(n)"
    }
  }
}
