extension ToeplitzHash {
  /// `y_i = parity(row_i & x)`. Row i of T is, read left to right, the window of the reversed
  /// seed `r[t] = seed[n + m − 2 − t]` that starts at `m − 1 − i`.
  func denseProduct(_ input: BitVector) -> BitVector {
    let n = inputLength
    let m = outputLength
    let total = n + m - 1
    var reversed = [UInt64](repeating: 0, count: (total + 63) / 64 + 2)
    for t in 0..<total where seed[total - 1 - t] {
      reversed[t >> 6] |= 1 << UInt64(t & 63)
    }
    let x = input.words
    var out = [UInt64](repeating: 0, count: (m + 63) / 64)
    for i in 0..<m {
      let start = m - 1 - i
      let wordStart = start >> 6
      let shift = UInt64(start & 63)
      var acc: UInt64 = 0
      for w in 0..<x.count {
        let lo = reversed[wordStart + w] >> shift
        let hi = shift == 0 ? 0 : reversed[wordStart + w + 1] << (64 - shift)
        acc ^= (lo | hi) & x[w]
      }
      if acc.nonzeroBitCount & 1 == 1 { out[i >> 6] |= 1 << UInt64(i & 63) }
    }
    // `out` has exactly the words m bits need, with unused high bits zero.
    return (try? BitVector(words: out, count: m)) ?? BitVector([])
  }
}
