extension ToeplitzHash {
  /// The seed reversed, `r[t] = seed[n + m − 2 − t]`, packed with two spare zero words so
  /// row windows can always read one word ahead.
  static func reversedSeedWords(_ seed: BitVector) -> [UInt64] {
    let total = seed.count
    var reversed = [UInt64](repeating: 0, count: (total + 63) / 64 + 2)
    for t in 0..<total where seed[total - 1 - t] {
      reversed[t >> 6] |= 1 << UInt64(t & 63)
    }
    return reversed
  }

  /// `y_i = parity(row_i & x)`. Row i of T is, read left to right, the window of the reversed
  /// seed that starts at bit `m − 1 − i`.
  func denseProduct(_ input: BitVector) -> BitVector {
    let m = outputLength
    var out = [UInt64](repeating: 0, count: (m + 63) / 64)
    reversedSeed.withUnsafeBufferPointer { reversed in
      input.words.withUnsafeBufferPointer { x in
        for i in 0..<m {
          let start = m - 1 - i
          let row = reversed.baseAddress.map { $0 + (start >> 6) }
          guard let row else { continue }
          let shift = UInt64(start & 63)
          var acc: UInt64 = 0
          if shift == 0 {
            for w in 0..<x.count { acc ^= row[w] & x[w] }
          } else {
            for w in 0..<x.count {
              acc ^= ((row[w] >> shift) | (row[w + 1] << (64 - shift))) & x[w]
            }
          }
          if acc.nonzeroBitCount & 1 == 1 { out[i >> 6] |= 1 << UInt64(i & 63) }
        }
      }
    }
    // `out` has exactly the words m bits need, with unused high bits zero.
    return (try? BitVector(words: out, count: m)) ?? BitVector([])
  }
}
