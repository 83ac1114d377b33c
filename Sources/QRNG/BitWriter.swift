import ClassicalCrypto

/// Appends bit vectors word by word (shifting when the write position is not word aligned),
/// where `BitVector.append(contentsOf:)` would go bit by bit.
struct BitWriter {
  private(set) var words: [UInt64] = []
  private(set) var count = 0

  init(reservingCapacity bits: Int = 0) { words.reserveCapacity((bits + 63) / 64) }

  mutating func append(_ bits: BitVector) {
    append(words: bits.words, count: bits.count)
  }

  /// Appends the first `count` bits of `source` (bits beyond `count` in the last word must be
  /// zero).
  mutating func append(words source: [UInt64], count n: Int) {
    guard n > 0 else { return }
    let shift = count & 63
    let used = (n + 63) / 64
    if shift == 0 {
      words.append(contentsOf: source[0..<used])
    } else {
      for i in 0..<used {
        let w = source[i]
        words[words.count - 1] |= w << UInt64(shift)
        words.append(w >> UInt64(64 - shift))
      }
    }
    count += n
    let needed = (count + 63) / 64
    if words.count > needed { words.removeLast(words.count - needed) }
  }

  /// The bits written so far.
  var bitVector: BitVector { (try? BitVector(words: words, count: count)) ?? BitVector([]) }
}

/// Bits `range` of `bits` (clamped), copied a word at a time.
func wordSlice(_ bits: BitVector, _ range: Range<Int>) -> BitVector {
  let lo = max(0, range.lowerBound)
  let hi = min(bits.count, range.upperBound)
  guard lo < hi else { return BitVector([]) }
  let n = hi - lo
  let source = bits.words
  let first = lo >> 6
  let shift = UInt64(lo & 63)
  var out = [UInt64](repeating: 0, count: (n + 63) / 64)
  for i in out.indices {
    let low = source[first + i] >> shift
    let high: UInt64 =
      shift == 0 || first + i + 1 >= source.count ? 0 : source[first + i + 1] << (64 - shift)
    out[i] = low | high
  }
  if n & 63 != 0 { out[out.count - 1] &= (1 << UInt64(n & 63)) &- 1 }
  return (try? BitVector(words: out, count: n)) ?? BitVector([])
}
