import ClassicalCrypto
import QuantumEngine

/// A bit vector from a string of '0' and '1' (other characters, such as spaces, are skipped).
func bitVector(_ text: String) -> BitVector {
  BitVector(text.compactMap { $0 == "1" ? true : $0 == "0" ? false : nil })
}

/// The 100-bit sequence used by the worked examples of SP 800-22 sections 2.1–2.3, 2.6, 2.12
/// and 2.13 (the first 100 bits of the binary expansion of π's fraction, as printed there).
let sp80022Example100 = bitVector(
  "11001001000011111101101010100010001000010110100011"
    + "00001000110100110001001100011001100010100010111000")

/// `count` bits from xoshiro256** with the given seed (a good generator for the battery).
func goodBits(_ count: Int, seed: UInt64) -> BitVector {
  var rng = Xoshiro256StarStar(seed: seed)
  return BitVector(randomCount: count, using: &rng)
}

/// `count` independent bits that are 1 with probability `p`.
func bernoulliBits(_ count: Int, p: Double, seed: UInt64) -> BitVector {
  var rng = Xoshiro256StarStar(seed: seed)
  var words = [UInt64](repeating: 0, count: (count + 63) / 64)
  for i in 0..<count where rng.nextUnitDouble() < p { words[i >> 6] |= 1 << UInt64(i & 63) }
  return (try? BitVector(words: words, count: count)) ?? BitVector([])
}
