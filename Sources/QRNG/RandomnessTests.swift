import ClassicalCrypto
import Foundation

/// The statistical tests of NIST SP 800-22 rev. 1a ("A Statistical Test Suite for Random and
/// Pseudorandom Number Generators for Cryptographic Applications", 2010), section 2.
///
/// Each test takes the sequence ε as a ``BitVector`` (ε_1 is bit 0) and a significance level α
/// (0.01 by default, as in the document) and returns a ``StatisticalTestResult``. Inputs the
/// test cannot be computed for (too short, a block size out of range) throw ``QRNGError``.
/// ``TestBattery`` runs them all with parameters chosen from the sequence length.
public enum RandomnessTests {
  /// The default significance level, α = 0.01 (SP 800-22 section 1.1.5).
  public static let defaultSignificance = 0.01

  static func checkSignificance(_ alpha: Double) throws(QRNGError) {
    guard alpha.isFinite, alpha > 0, alpha < 1 else {
      throw .invalidParameter(
        name: "significance", value: "\(alpha)", allowed: "a number strictly between 0 and 1")
    }
  }

  static func checkLength(_ bits: BitVector, _ minimum: Int, _ test: String) throws(QRNGError) {
    guard bits.count >= minimum else {
      throw .sequenceTooShort(test: test, length: bits.count, minimum: minimum)
    }
  }

  /// The number of ones among bits `lo..<hi` of `words`.
  static func ones(_ words: [UInt64], _ lo: Int, _ hi: Int) -> Int {
    guard lo < hi else { return 0 }
    let firstWord = lo >> 6
    let lastWord = (hi - 1) >> 6
    var total = 0
    for w in firstWord...lastWord {
      var word = words[w]
      if w == firstWord { word &= ~((1 << UInt64(lo & 63)) &- 1) }
      if w == lastWord && hi & 63 != 0 { word &= (1 << UInt64(hi & 63)) &- 1 }
      total += word.nonzeroBitCount
    }
    return total
  }

  /// Frequency (monobit) test, SP 800-22 section 2.1: S_n = Σ(2ε_i − 1),
  /// s_obs = |S_n|/√n, p = erfc(s_obs/√2). The statistic is s_obs.
  /// - Throws: ``QRNGError/sequenceTooShort(test:length:minimum:)`` for an empty sequence.
  public static func frequency(
    _ bits: BitVector, significance: Double = defaultSignificance
  ) throws(QRNGError) -> StatisticalTestResult {
    try checkSignificance(significance)
    try checkLength(bits, 1, "frequency test")
    let n = bits.count
    let s = Double(2 * bits.popcount - n)
    let sObs = abs(s) / Double(n).squareRoot()
    let p = erfc(sObs / 2.0.squareRoot())
    return StatisticalTestResult(
      name: "frequency", statistic: sObs, pValues: [p], significance: significance)
  }

  /// Frequency test within a block, SP 800-22 section 2.2: N = ⌊n/M⌋ blocks,
  /// χ² = 4M Σ(π_i − ½)² with π_i the fraction of ones in block i, p = igamc(N/2, χ²/2).
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)`` unless 1 ≤ M ≤ n.
  public static func blockFrequency(
    _ bits: BitVector, blockLength m: Int, significance: Double = defaultSignificance
  ) throws(QRNGError) -> StatisticalTestResult {
    try checkSignificance(significance)
    try checkLength(bits, 1, "block frequency test")
    try QRNGError.check(m, in: 1...bits.count, name: "block frequency block length M")
    let blocks = bits.count / m
    var chiSquared = 0.0
    for b in 0..<blocks {
      let pi = Double(ones(bits.words, b * m, (b + 1) * m)) / Double(m)
      chiSquared += (pi - 0.5) * (pi - 0.5)
    }
    chiSquared *= 4 * Double(m)
    let p = SpecialFunctions.igamc(Double(blocks) / 2, chiSquared / 2)
    return StatisticalTestResult(
      name: "block_frequency", statistic: chiSquared, pValues: [p], significance: significance)
  }

  /// Runs test, SP 800-22 section 2.3: V_n = 1 + #{k : ε_k ≠ ε_{k+1}},
  /// p = erfc(|V_n − 2nπ(1−π)| / (2√(2n) π(1−π))). When the frequency prerequisite
  /// |π − ½| < 2/√n fails the test is not run and p = 0 (section 2.3.4 step 2).
  /// The statistic is V_n.
  /// - Throws: ``QRNGError/sequenceTooShort(test:length:minimum:)`` below 2 bits.
  public static func runs(
    _ bits: BitVector, significance: Double = defaultSignificance
  ) throws(QRNGError) -> StatisticalTestResult {
    try checkSignificance(significance)
    try checkLength(bits, 2, "runs test")
    let n = bits.count
    let pi = Double(bits.popcount) / Double(n)
    let tau = 2 / Double(n).squareRoot()
    // Transitions: bit k differs from bit k + 1, for k in 0..<n−1, counted word by word.
    let words = bits.words
    var changes = 0
    for w in words.indices {
      let next: UInt64 = w + 1 < words.count ? words[w + 1] & 1 : 0
      var diff = words[w] ^ ((words[w] >> 1) | (next << 63))
      let hi = min(64, n - 1 - w * 64)  // number of valid comparisons starting in this word
      if hi <= 0 { break }
      if hi < 64 { diff &= (1 << UInt64(hi)) &- 1 }
      changes += diff.nonzeroBitCount
    }
    let v = Double(changes + 1)
    guard abs(pi - 0.5) < tau else {
      return StatisticalTestResult(
        name: "runs", statistic: v, pValues: [0], significance: significance)
    }
    let nd = Double(n)
    let p = erfc(
      abs(v - 2 * nd * pi * (1 - pi)) / (2 * (2 * nd).squareRoot() * pi * (1 - pi)))
    return StatisticalTestResult(
      name: "runs", statistic: v, pValues: [p], significance: significance)
  }
}
