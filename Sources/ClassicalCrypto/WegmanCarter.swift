/// Wegman–Carter message authentication with key from a ``KeyPool``: the tag is
/// `h_k(message) ⊕ r`, where `h_k` is the ε-almost-XOR-universal ``PolynomialHash`` with a fresh
/// 64-bit key k and r is a fresh 64-bit one-time pad, both taken from the pool (Wegman & Carter,
/// JCSS 22, 1981). Each tag therefore consumes ``keyBitsPerTag`` bits.
///
/// An adversary who sees messages and tags and substitutes a different message (or injects one)
/// is accepted with probability at most ε = (b + 1)/2^64 for messages of at most b 64-bit
/// blocks (see ``forgeryProbability(messageByteCount:)``), information-theoretically.
public enum WegmanCarter {
  /// Key bits consumed by one tag: 64 for the hash key and 64 for the pad.
  public static let keyBitsPerTag = 128

  /// An authentication tag with the key bits it used and its forgery bound.
  public struct Tag: Sendable, Hashable, Codable {
    /// The 64-bit tag value `h_k(m) ⊕ r`.
    public var value: UInt64
    /// The forgery probability bound ε for the message it authenticates.
    public var epsilon: Double

    /// Wraps a tag value and its bound.
    public init(value: UInt64, epsilon: Double) {
      self.value = value
      self.epsilon = epsilon
    }
  }

  /// Computes the tag of `message`, consuming ``keyBitsPerTag`` bits of `pool`.
  /// - Throws: ``KeyPoolError/exhausted(requested:available:)`` when the pool is too small
  ///   (nothing is consumed then).
  public static func tag(for message: [UInt8], using pool: inout KeyPool) throws(KeyPoolError)
    -> Tag
  {
    guard pool.availableBits >= keyBitsPerTag else {
      throw .exhausted(requested: keyBitsPerTag, available: pool.availableBits)
    }
    let hashKey = try pool.consumeWord()
    let pad = try pool.consumeWord()
    let value = PolynomialHash(key: hashKey).hash(message) ^ pad
    return Tag(value: value, epsilon: forgeryProbability(messageByteCount: message.count))
  }

  /// Whether `tag` authenticates `message`, consuming the same ``keyBitsPerTag`` bits of the
  /// receiver's copy of the pool that the sender used. The comparison is constant time.
  /// - Throws: ``KeyPoolError/exhausted(requested:available:)`` when the pool is too small.
  public static func verify(_ tag: Tag, for message: [UInt8], using pool: inout KeyPool)
    throws(KeyPoolError) -> Bool
  {
    let expected = try self.tag(for: message, using: &pool)
    return ConstantTime.equals(expected.value, tag.value)
  }

  /// ε = (b + 1)/2^64, the substitution-forgery bound for a message of `messageByteCount` bytes
  /// (b = ⌈8·bytes/64⌉ blocks). An impersonation (no message seen) succeeds with 2^−64.
  public static func forgeryProbability(messageByteCount: Int) -> Double {
    PolynomialHash.collisionProbability(bitLength: 8 * max(0, messageByteCount))
  }
}
