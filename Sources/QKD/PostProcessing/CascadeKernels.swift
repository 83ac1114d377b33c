/// Word-level kernels for Cascade on packed bits (bit i in word i/64 at position i%64).
/// They assume valid arguments; the public types check them first.
enum CascadeKernels {
  /// Writes the bits of `key` in the order of `permutation[base ..< base + n]` into
  /// `output[outputBase ..< outputBase + ⌈n/64⌉]`.
  static func gather(
    key: UnsafeBufferPointer<UInt64>, permutation: UnsafeBufferPointer<Int32>, base: Int,
    count n: Int, into output: UnsafeMutableBufferPointer<UInt64>, outputBase: Int
  ) {
    let fullWords = n >> 6
    for w in 0..<fullWords {
      var acc: UInt64 = 0
      let start = base + (w << 6)
      for t in 0..<64 {
        let i = Int(permutation[start + t])
        acc |= ((key[i >> 6] >> UInt64(i & 63)) & 1) << UInt64(t)
      }
      output[outputBase + w] = acc
    }
    let rest = n & 63
    if rest != 0 {
      var acc: UInt64 = 0
      let start = base + (fullWords << 6)
      for t in 0..<rest {
        let i = Int(permutation[start + t])
        acc |= ((key[i >> 6] >> UInt64(i & 63)) & 1) << UInt64(t)
      }
      output[outputBase + fullWords] = acc
    }
  }

  /// The parity of bits `lower ..< upper` of the packed array starting at word `base`.
  @inline(__always)
  static func parity(
    _ words: UnsafeBufferPointer<UInt64>, base: Int, lower: Int, upper: Int
  ) -> UInt64 {
    let first = lower >> 6
    let last = (upper - 1) >> 6
    let lowMask = ~((1 as UInt64) << UInt64(lower & 63) &- 1)
    let highMask: UInt64 = upper & 63 == 0 ? ~0 : ((1 as UInt64) << UInt64(upper & 63)) &- 1
    if first == last {
      return UInt64((words[base + first] & lowMask & highMask).nonzeroBitCount & 1)
    }
    var acc = words[base + first] & lowMask
    var w = first + 1
    while w < last {
      acc ^= words[base + w]
      w += 1
    }
    acc ^= words[base + last] & highMask
    return UInt64(acc.nonzeroBitCount & 1)
  }

  /// The parity of `key AND mask[maskBase ..< maskBase + key.count]`.
  static func maskedParity(
    _ key: UnsafeBufferPointer<UInt64>, mask: UnsafeBufferPointer<UInt64>, maskBase: Int
  ) -> UInt64 {
    var acc: UInt64 = 0
    for w in 0..<key.count { acc ^= key[w] & mask[maskBase + w] }
    return UInt64(acc.nonzeroBitCount & 1)
  }
}
