import ClassicalCrypto
import Foundation

extension RandomnessTests {
  /// Counts of every overlapping m-bit pattern in ε extended cyclically by its first m − 1 bits
  /// (SP 800-22 sections 2.11.4 and 2.12.4). Pattern bits read ε_i as the most significant.
  static func cyclicPatternCounts(_ bits: BitVector, length m: Int) -> [Int] {
    let n = bits.count
    var counts = [Int](repeating: 0, count: 1 << m)
    guard m > 0 else {
      counts[0] = n
      return counts
    }
    let mask = (1 << m) - 1
    let words = bits.words
    var pattern = 0
    // Prime with the first m − 1 bits, then slide over n positions (wrapping around).
    for i in 0..<(m - 1) {
      pattern = (pattern << 1) | Int((words[(i % n) >> 6] >> UInt64((i % n) & 63)) & 1)
    }
    var index = m - 1
    for _ in 0..<n {
      let j = index < n ? index : index - n
      pattern = ((pattern << 1) | Int((words[j >> 6] >> UInt64(j & 63)) & 1)) & mask
      counts[pattern] += 1
      index += 1
    }
    return counts
  }

  /// Collapses m-bit pattern counts to (m − 1)-bit counts by dropping the last bit.
  static func marginalize(_ counts: [Int]) -> [Int] {
    (0..<(counts.count / 2)).map { counts[2 * $0] + counts[2 * $0 + 1] }
  }

  /// Serial test, SP 800-22 section 2.11: ψ²_m = (2^m/n) Σ ν² − n for m, m − 1, m − 2;
  /// ∇ψ² = ψ²_m − ψ²_{m−1}, ∇²ψ² = ψ²_m − 2ψ²_{m−1} + ψ²_{m−2};
  /// p_1 = igamc(2^{m−2}, ∇ψ²/2), p_2 = igamc(2^{m−3}, ∇²ψ²/2). The statistic is ∇ψ².
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)`` unless 2 ≤ m ≤ 24 and
  ///   m ≤ n.
  public static func serial(
    _ bits: BitVector, patternLength m: Int, significance: Double = defaultSignificance
  ) throws(QRNGError) -> StatisticalTestResult {
    try checkSignificance(significance)
    try checkLength(bits, 2, "serial test")
    try QRNGError.check(m, in: 2...min(24, bits.count), name: "serial pattern length m")
    let n = Double(bits.count)
    let countsM = cyclicPatternCounts(bits, length: m)
    let countsM1 = marginalize(countsM)
    let countsM2 = marginalize(countsM1)
    func psiSquared(_ counts: [Int]) -> Double {
      guard counts.count > 1 else { return 0 }
      let sum = counts.reduce(0.0) { $0 + Double($1) * Double($1) }
      return Double(counts.count) / n * sum - n
    }
    let psiM = psiSquared(countsM)
    let psiM1 = psiSquared(countsM1)
    let psiM2 = psiSquared(countsM2)
    let del1 = psiM - psiM1
    let del2 = psiM - 2 * psiM1 + psiM2
    let p1 = SpecialFunctions.igamc(pow(2, Double(m - 2)), del1 / 2)
    let p2 = SpecialFunctions.igamc(pow(2, Double(m - 3)), del2 / 2)
    return StatisticalTestResult(
      name: "serial", statistic: del1, pValues: [p1, p2], significance: significance)
  }

  /// Approximate entropy test, SP 800-22 section 2.12: φ(m) = Σ π_i ln π_i over cyclic m-bit
  /// pattern frequencies, ApEn = φ(m) − φ(m+1), χ² = 2n(ln 2 − ApEn),
  /// p = igamc(2^{m−1}, χ²/2). The statistic is χ².
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)`` unless 1 ≤ m ≤ 23 and
  ///   m < n.
  public static func approximateEntropy(
    _ bits: BitVector, blockLength m: Int, significance: Double = defaultSignificance
  ) throws(QRNGError) -> StatisticalTestResult {
    try checkSignificance(significance)
    try checkLength(bits, 2, "approximate entropy test")
    try QRNGError.check(m, in: 1...min(23, bits.count - 1), name: "approximate entropy m")
    let n = Double(bits.count)
    let countsM1 = cyclicPatternCounts(bits, length: m + 1)
    let countsM = marginalize(countsM1)
    func phi(_ counts: [Int]) -> Double {
      counts.reduce(0.0) { acc, c in
        guard c > 0 else { return acc }
        let pi = Double(c) / n
        return acc + pi * log(pi)
      }
    }
    let apEn = phi(countsM) - phi(countsM1)
    let chiSquared = 2 * n * (log(2) - apEn)
    let p = SpecialFunctions.igamc(pow(2, Double(m - 1)), chiSquared / 2)
    return StatisticalTestResult(
      name: "approximate_entropy", statistic: chiSquared, pValues: [p], significance: significance)
  }
}
