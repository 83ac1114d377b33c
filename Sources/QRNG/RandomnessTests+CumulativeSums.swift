import ClassicalCrypto
import Foundation

extension RandomnessTests {
  /// Cumulative sums test, SP 800-22 section 2.13, forward and backward: z is the largest
  /// |S_k| of the partial sums of X = 2ε − 1 (from the start, then from the end), and
  /// p = 1 − Σ_k [Φ((4k+1)z/√n) − Φ((4k−1)z/√n)] + Σ_k [Φ((4k+3)z/√n) − Φ((4k+1)z/√n)]
  /// with the document's summation limits. The statistic is the forward z; the p-values are
  /// (forward, backward).
  /// - Throws: ``QRNGError/sequenceTooShort(test:length:minimum:)`` for an empty sequence.
  public static func cumulativeSums(
    _ bits: BitVector, significance: Double = defaultSignificance
  ) throws(QRNGError) -> StatisticalTestResult {
    try checkSignificance(significance)
    try checkLength(bits, 1, "cumulative sums test")
    let n = bits.count
    let words = bits.words
    var sum = 0
    var maxForward = 0
    var minSum = 0
    var maxSum = 0
    for i in 0..<n {
      sum += (words[i >> 6] >> UInt64(i & 63)) & 1 == 1 ? 1 : -1
      maxForward = max(maxForward, abs(sum))
      minSum = min(minSum, sum)
      maxSum = max(maxSum, sum)
    }
    // Backward partial sums are S_n − S_{n−k}; their largest magnitude follows from the
    // extremes of the forward sums (including S_0 = 0).
    let maxBackward = max(abs(sum - minSum), abs(sum - maxSum))
    let pForward = cumulativeSumsPValue(n: n, z: maxForward)
    let pBackward = cumulativeSumsPValue(n: n, z: maxBackward)
    return StatisticalTestResult(
      name: "cumulative_sums", statistic: Double(maxForward), pValues: [pForward, pBackward],
      significance: significance)
  }

  /// The p-value of a maximum excursion z over n steps (SP 800-22 section 2.13.4 step 4; the
  /// integer limits truncate toward zero as in the reference implementation).
  static func cumulativeSumsPValue(n: Int, z: Int) -> Double {
    guard z > 0 else { return 1 }
    let sqrtN = Double(n).squareRoot()
    let zd = Double(z)
    var sum1 = 0.0
    var k = (-n / z + 1) / 4
    while k <= (n / z - 1) / 4 {
      sum1 += SpecialFunctions.normalCDF(Double(4 * k + 1) * zd / sqrtN)
      sum1 -= SpecialFunctions.normalCDF(Double(4 * k - 1) * zd / sqrtN)
      k += 1
    }
    var sum2 = 0.0
    k = (-n / z - 3) / 4
    while k <= (n / z - 1) / 4 {
      sum2 += SpecialFunctions.normalCDF(Double(4 * k + 3) * zd / sqrtN)
      sum2 -= SpecialFunctions.normalCDF(Double(4 * k + 1) * zd / sqrtN)
      k += 1
    }
    return min(1, max(0, 1 - sum1 + sum2))
  }
}
