import ClassicalCrypto
import Foundation

extension RandomnessTests {
  /// Discrete Fourier transform (spectral) test, SP 800-22 rev. 1a section 2.6: X = 2ε − 1,
  /// S = DFT(X); N_1 counts |S_k| < T for k < n/2 with the 95 % threshold T = √(n ln(1/0.05)),
  /// N_0 = 0.95 n/2, d = (N_1 − N_0)/√(n·0.95·0.05/4) (the revised variance of rev. 1a), and
  /// p = erfc(|d|/√2). The statistic is d.
  /// - Throws: ``QRNGError/sequenceTooShort(test:length:minimum:)`` below 2 bits.
  public static func spectral(
    _ bits: BitVector, significance: Double = defaultSignificance
  ) throws(QRNGError) -> StatisticalTestResult {
    try checkSignificance(significance)
    try checkLength(bits, 2, "discrete Fourier transform test")
    let n = bits.count
    var x = [Double](repeating: -1, count: n)
    let words = bits.words
    for i in 0..<n where (words[i >> 6] >> UInt64(i & 63)) & 1 == 1 { x[i] = 1 }
    let magnitudes = FFT.realMagnitudes(x)
    let nd = Double(n)
    let threshold = (log(1 / 0.05) * nd).squareRoot()
    let n1 = magnitudes.reduce(0) { $0 + ($1 < threshold ? 1 : 0) }
    let (d, p) = spectralStatistic(length: n, peaksBelowThreshold: n1)
    return StatisticalTestResult(
      name: "discrete_fourier_transform", statistic: d, pValues: [p], significance: significance)
  }

  /// Steps 5–7 of section 2.6.4: d = (N_1 − N_0)/√(n·0.95·0.05/4) and p = erfc(|d|/√2).
  static func spectralStatistic(length n: Int, peaksBelowThreshold n1: Int) -> (
    d: Double, p: Double
  ) {
    let nd = Double(n)
    let n0 = 0.95 * nd / 2
    let d = (Double(n1) - n0) / (nd * 0.95 * 0.05 / 4).squareRoot()
    return (d, erfc(abs(d) / 2.0.squareRoot()))
  }
}
