import ClassicalCrypto

/// Von Neumann debiasing (von Neumann, "Various techniques used in connection with random
/// digits", 1951): read the raw bits in non-overlapping pairs, output 0 for "01", 1 for "10",
/// and discard "00" and "11".
///
/// For independent bits with any fixed bias the output is exactly unbiased, at a rate of
/// p(1 − p) output bits per input bit (at most ¼). It does not remove correlations between
/// bits, which is why the QRNG pipeline uses seeded hashing instead; this is the teaching
/// baseline.
public enum VonNeumannExtractor {
  /// The debiased bits of `raw` (a trailing unpaired bit is ignored).
  public static func extract(_ raw: BitVector) -> BitVector {
    var out = [UInt64](repeating: 0, count: (raw.count / 2 + 63) / 64 + 1)
    var produced = 0
    let pairs = raw.count / 2
    let words = raw.words
    let evenMask: UInt64 = 0x5555_5555_5555_5555
    for w in words.indices {
      let word = words[w]
      let pairsHere = min(32, pairs - w * 32)
      if pairsHere <= 0 { break }
      // Bit 2j of `differs` is set when pair j is "01" or "10".
      var differs = (word ^ (word >> 1)) & evenMask
      if pairsHere < 32 { differs &= (1 << UInt64(2 * pairsHere)) &- 1 }
      while differs != 0 {
        let position = differs.trailingZeroBitCount
        // The first bit of the pair: "10" (first = 1) gives 1, "01" gives 0.
        if (word >> UInt64(position)) & 1 == 1 {
          out[produced >> 6] |= 1 << UInt64(produced & 63)
        }
        produced += 1
        differs &= differs &- 1
      }
    }
    return (try? BitVector(words: out, count: produced)) ?? BitVector([])
  }
}
