/// Arithmetic in GF(2^64) = GF(2)[x] / (x^64 + x^4 + x^3 + x + 1), the field of
/// ``PolynomialHash``. The modulus is the lexicographically first irreducible pentanomial of
/// degree 64 (IEEE P1363 / the GHASH-style "x^4 + x^3 + x + 1" tail).
enum GF2x64 {
  /// The low 64 bits of the modulus: x^4 + x^3 + x + 1.
  static let reductionTail: UInt64 = 0x1B

  /// `a · x` in the field.
  @inline(__always)
  static func timesX(_ a: UInt64) -> UInt64 {
    (a << 1) ^ ((0 &- (a >> 63)) & reductionTail)
  }

  /// `a · b` in the field, bit by bit (the slow reference for the table method).
  static func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var result: UInt64 = 0
    var shifted = a
    for bit in 0..<64 {
      result ^= shifted & (0 &- ((b >> UInt64(bit)) & 1))
      shifted = timesX(shifted)
    }
    return result
  }
}

/// Multiplication by one fixed field element k through 16 tables of 16 entries (Shoup's
/// method): `T[i][v] = (v · x^{4i}) · k`, so `a · k` is the XOR of 16 table entries.
struct GF2x64Multiplier: Sendable {
  /// `table[16 * i + v] = (v · x^{4i}) · k`.
  private let table: [UInt64]

  init(_ k: UInt64) {
    var powers = [UInt64](repeating: 0, count: 64)  // k · x^j
    var p = k
    for j in 0..<64 {
      powers[j] = p
      p = GF2x64.timesX(p)
    }
    var t = [UInt64](repeating: 0, count: 256)
    for i in 0..<16 {
      for v in 0..<16 {
        var acc: UInt64 = 0
        for b in 0..<4 where (v >> b) & 1 == 1 { acc ^= powers[4 * i + b] }
        t[16 * i + v] = acc
      }
    }
    table = t
  }

  /// `a · k`.
  @inline(__always)
  func multiply(_ a: UInt64) -> UInt64 {
    table.withUnsafeBufferPointer { t in
      var acc: UInt64 = 0
      for i in 0..<16 { acc ^= t[16 * i + Int((a >> UInt64(4 * i)) & 15)] }
      return acc
    }
  }
}
