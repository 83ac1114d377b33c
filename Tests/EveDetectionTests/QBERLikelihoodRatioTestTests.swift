import Foundation
import Testing

@testable import EveDetection

@Suite struct QBERLikelihoodRatioTestTests {
  @Test func tailMatchesDirectSumForSmallN() {
    let n = 40
    let p = 0.1
    var pmf = [Double](repeating: 0, count: n + 1)
    for k in 0...n {
      var c = 1.0
      for j in 0..<k { c = c * Double(n - j) / Double(j + 1) }
      pmf[k] = c * pow(p, Double(k)) * pow(1 - p, Double(n - k))
    }
    for k in [0, 1, 4, 8, 15, 40] {
      let direct = pmf[k...].reduce(0, +)
      #expect(
        abs(QBERLikelihoodRatioTest.upperTail(atLeast: k, trials: n, probability: p) - direct)
          < 1e-12)
    }
  }

  @Test func criticalCountIsTheSmallestAtLevel() throws {
    let test = try QBERLikelihoodRatioTest(
      calibratedQBER: 0.02, siftedBits: 100_000, falsePositiveRate: 0.01)
    #expect(test.achievedFalsePositiveRate <= 0.01)
    let below = QBERLikelihoodRatioTest.upperTail(
      atLeast: test.criticalCount - 1, trials: 100_000, probability: 0.02)
    #expect(below > 0.01)
    // Normal approximation: k* ≈ n e0 + 2.326 σ.
    let approx = 2000 + 2.326 * (100_000 * 0.02 * 0.98).squareRoot()
    #expect(abs(Double(test.criticalCount) - approx) < 5)
    // Power grows with the intercept fraction and equals α at p = 0.
    #expect(test.power(trueQBER: 0.02) == test.achievedFalsePositiveRate)
    let p1 = test.power(
      trueQBER: QBERLikelihoodRatioTest.interceptResendQBER(calibrated: 0.02, fraction: 0.01))
    let p2 = test.power(
      trueQBER: QBERLikelihoodRatioTest.interceptResendQBER(calibrated: 0.02, fraction: 0.02))
    #expect(p1 < p2 && p2 > 0.99)
    #expect(throws: EveDetectionError.self) {
      try QBERLikelihoodRatioTest(calibratedQBER: 0.6, siftedBits: 10, falsePositiveRate: 0.01)
    }
  }
}
