import ClassicalCrypto

extension RandomnessTests {
  /// Longest run of ones in a block, SP 800-22 section 2.4, with the document's block lengths:
  /// M = 8 (n ≥ 128), M = 128 (n ≥ 6272) or M = 10^4 (n ≥ 750,000), and its categories
  /// ν_0…ν_K of the longest run per block. χ² = Σ (ν_i − Nπ_i)²/(Nπ_i), p = igamc(K/2, χ²/2).
  ///
  /// The category probabilities π_i are computed exactly for the block length (a dynamic
  /// programme over the current run), rather than taken from the document's four-digit table.
  /// - Throws: ``QRNGError/sequenceTooShort(test:length:minimum:)`` below 128 bits.
  public static func longestRunOfOnes(
    _ bits: BitVector, significance: Double = defaultSignificance
  ) throws(QRNGError) -> StatisticalTestResult {
    try checkSignificance(significance)
    try checkLength(bits, 128, "longest run of ones test")
    let n = bits.count
    // (M, lowest category bound, highest category bound) from SP 800-22 section 2.4.2.
    let (m, low, high): (Int, Int, Int) =
      n >= 750_000 ? (10_000, 10, 16) : n >= 6272 ? (128, 4, 9) : (8, 1, 4)
    let blocks = n / m
    let categories = high - low + 1
    var counts = [Int](repeating: 0, count: categories)
    let words = bits.words
    for b in 0..<blocks {
      var longest = 0
      var current = 0
      for i in (b * m)..<((b + 1) * m) {
        if (words[i >> 6] >> UInt64(i & 63)) & 1 == 1 {
          current += 1
          if current > longest { longest = current }
        } else {
          current = 0
        }
      }
      counts[min(max(longest, low), high) - low] += 1
    }
    let pi = longestRunCategoryProbabilities(blockLength: m, low: low, high: high)
    var chiSquared = 0.0
    for i in 0..<categories {
      let expected = Double(blocks) * pi[i]
      chiSquared += (Double(counts[i]) - expected) * (Double(counts[i]) - expected) / expected
    }
    let p = SpecialFunctions.igamc(Double(categories - 1) / 2, chiSquared / 2)
    return StatisticalTestResult(
      name: "longest_run_of_ones", statistic: chiSquared, pValues: [p],
      significance: significance)
  }

  /// P(longest run of ones in M fair bits ≤ low), P(= low + 1), …, P(≥ high).
  static func longestRunCategoryProbabilities(blockLength m: Int, low: Int, high: Int) -> [Double] {
    // cumulative[k] = P(longest run ≤ k), from the distribution of the trailing run given no
    // run longer than k so far.
    func atMost(_ k: Int) -> Double {
      var state = [Double](repeating: 0, count: k + 1)
      state[0] = 1
      for _ in 0..<m {
        var next = [Double](repeating: 0, count: k + 1)
        var total = 0.0
        for r in 0...k { total += state[r] }
        next[0] = 0.5 * total
        if k >= 1 { for r in 0..<k { next[r + 1] = 0.5 * state[r] } }
        state = next
      }
      return state.reduce(0, +)
    }
    var out: [Double] = [atMost(low)]
    for k in (low + 1)..<high { out.append(atMost(k) - atMost(k - 1)) }
    out.append(1 - atMost(high - 1))
    return out
  }
}
