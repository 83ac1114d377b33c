/// A keyed polynomial hash over GF(2^64): an ε-almost-XOR-universal family for comparing long
/// keys (verification after error correction) and for Wegman–Carter authentication.
///
/// A message of b 64-bit blocks `m_1 … m_b` (zero-padded) followed by its bit length `m_{b+1}` is
/// hashed as `h_k = Σ m_i · k^{b+2−i}` (Horner: `acc = (acc ⊕ m_i) · k`). For two different
/// messages of at most b blocks, `h_k(m) ⊕ h_k(m′) ⊕ δ` is a nonzero polynomial in k of degree
/// at most b + 1, so for a uniformly random key
/// `Pr[h_k(m) ⊕ h_k(m′) = δ] ≤ (b + 1) / 2^64` for every δ (Wegman & Carter, JCSS 22, 1981;
/// Bierbrauer et al., CRYPTO 1993). δ = 0 is the collision probability.
public struct PolynomialHash: Sendable, CustomStringConvertible {
  private let multiplier: GF2x64Multiplier

  /// Creates the hash with secret key `key` (every 64-bit value is a valid key).
  public init(key: UInt64) { multiplier = GF2x64Multiplier(key) }

  /// Creates the hash with a uniformly random key from `generator`.
  public init<G: RandomNumberGenerator>(using generator: inout G) {
    self.init(key: generator.next())
  }

  /// The 64-bit hash of `bytes` (little-endian 8-byte blocks, then the length in bits).
  public func hash(_ bytes: [UInt8]) -> UInt64 {
    var acc: UInt64 = 0
    var i = 0
    while i < bytes.count {
      var block: UInt64 = 0
      for b in 0..<min(8, bytes.count - i) { block |= UInt64(bytes[i + b]) << UInt64(8 * b) }
      acc = multiplier.multiply(acc ^ block)
      i += 8
    }
    return multiplier.multiply(acc ^ UInt64(bytes.count) &* 8)
  }

  /// The 64-bit hash of a bit vector (its packed words, then its length in bits). Equals
  /// ``hash(_:)-(([UInt8]))`` of the same bits packed into bytes when the count is a multiple of 8.
  public func hash(_ bits: BitVector) -> UInt64 {
    var acc: UInt64 = 0
    for word in bits.words { acc = multiplier.multiply(acc ^ word) }
    return multiplier.multiply(acc ^ UInt64(bits.count))
  }

  /// The bound ε = (b + 1) / 2^64 on the collision (and XOR-difference) probability for messages
  /// of at most `bitLength` bits, b = ⌈bitLength / 64⌉ blocks.
  public static func collisionProbability(bitLength: Int) -> Double {
    let blocks = (max(0, bitLength) + 63) / 64
    return Double(blocks + 1) / 0x1p64
  }

  /// A redacted summary (the key is secret).
  public var description: String { "PolynomialHash(GF(2^64), key redacted)" }
}
