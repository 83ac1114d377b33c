/// The xoshiro256** generator (Blackman & Vigna, "Scrambled linear pseudorandom number
/// generators", 2018): 256 bits of state, period 2^256 − 1, about a nanosecond per draw.
///
/// Seeded through SplitMix64 so that any 64-bit seed gives a well-mixed state. ``jumped()``
/// advances by 2^128 draws, so ``split(into:)`` hands out non-overlapping streams: parallel work
/// that gives batch `k` the stream `k` produces the same result for any thread count.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable, Codable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64

  /// Creates a generator whose whole state is derived from `seed`.
  public init(seed: UInt64) {
    var sm = seed
    s0 = Xoshiro256StarStar.splitMix(&sm)
    s1 = Xoshiro256StarStar.splitMix(&sm)
    s2 = Xoshiro256StarStar.splitMix(&sm)
    s3 = Xoshiro256StarStar.splitMix(&sm)
  }

  @inline(__always)
  static func splitMix(_ x: inout UInt64) -> UInt64 {
    x &+= 0x9E37_79B9_7F4A_7C15
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  @usableFromInline @inline(__always)
  static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

  private enum CodingKeys: String, CodingKey { case s0, s1, s2, s3 }

  /// Decodes a saved state; the all-zero state (a fixed point that only ever returns 0) is
  /// rejected.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    s0 = try c.decode(UInt64.self, forKey: .s0)
    s1 = try c.decode(UInt64.self, forKey: .s1)
    s2 = try c.decode(UInt64.self, forKey: .s2)
    s3 = try c.decode(UInt64.self, forKey: .s3)
    guard s0 | s1 | s2 | s3 != 0 else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: c.codingPath, debugDescription: "xoshiro256** state must not be all zero")
      )
    }
  }

  /// The next 64 random bits.
  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    let result = Xoshiro256StarStar.rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = Xoshiro256StarStar.rotl(s3, 45)
    return result
  }

  /// A uniform double in [0, 1) with 53 random bits.
  @inlinable @inline(__always)
  public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// This generator advanced by 2^128 draws (the reference jump polynomial).
  public func jumped() -> Xoshiro256StarStar {
    let jump: [UInt64] = [
      0x180e_c6d3_3cfd_0aba, 0xd5a6_1266_f0c9_392c, 0xa958_2618_e03f_c9aa, 0x39ab_dc45_29b1_661c,
    ]
    var copy = self
    var t0: UInt64 = 0
    var t1: UInt64 = 0
    var t2: UInt64 = 0
    var t3: UInt64 = 0
    for word in jump {
      for b in 0..<64 {
        if word & (1 << UInt64(b)) != 0 {
          t0 ^= copy.s0
          t1 ^= copy.s1
          t2 ^= copy.s2
          t3 ^= copy.s3
        }
        _ = copy.next()
      }
    }
    copy.s0 = t0
    copy.s1 = t1
    copy.s2 = t2
    copy.s3 = t3
    return copy
  }

  /// `count` independent, non-overlapping streams: stream 0 is this generator, stream k is it
  /// jumped k times.
  public func split(into count: Int) -> [Xoshiro256StarStar] {
    guard count > 0 else { return [] }
    var streams = [self]
    streams.reserveCapacity(count)
    for _ in 1..<count { streams.append(streams[streams.count - 1].jumped()) }
    return streams
  }

  /// An independent generator for batch `index`, derived from `seed` by hashing, cheap to create
  /// for any index (use when the number of batches is large or not known in advance).
  public static func stream(seed: UInt64, index: UInt64) -> Xoshiro256StarStar {
    var sm = seed ^ 0x6A09_E667_F3BC_C909
    let a = splitMix(&sm)
    var sm2 = a ^ (index &* 0xD1B5_4A32_D192_ED03)
    return Xoshiro256StarStar(seed: splitMix(&sm2))
  }
}
