import Foundation
import Testing

@testable import EveDetection

@Suite struct DetectorEvaluationTests {
  @Test func reportIsConsistentAndEncodesWithTheCLIKeys() throws {
    let detector = try Fixtures.detector.get()
    let held = try DatasetGenerator(ranges: .heldOut).generate(count: 1500, seed: 9)
    let report = try detector.evaluate(on: held)
    #expect(report.sessions == 1500)
    #expect(report.auc > 0.97 && report.auc <= 1)
    #expect(report.detectionRateAtFPR01pct <= report.detectionRateAtFPR1pct)
    let c = report.confusion.counts
    let clean = held.labels.filter { $0.eve == 0 }.count
    #expect(c[0][0] + c[0][1] == clean)
    #expect(abs(report.falsePositiveRate - Double(c[0][1]) / Double(clean)) < 1e-12)
    #expect(report.perAttack.contains { $0.attack == "pns" })
    let json = try #require(String(data: JSONEncoder().encode(report), encoding: .utf8))
    for key in [
      "\"auc\"", "\"detection_rate_at_fpr_1pct\"", "\"false_positive_rate\"", "\"per_attack\"",
    ] {
      #expect(json.contains(key))
    }
  }

  @Test func comparisonWithTheLikelihoodRatioTestRunsAtTheRightLevel() throws {
    let detector = try Fixtures.detector.get()
    let link = try LinkParameters(
      lengthKm: 40, attenuationDBPerKm: 0.2, detectorEfficiency: 0.3,
      darkCountProbability: 1e-7, misalignment: 0.015)
    let rows = try detector.compareWithLikelihoodRatioTest(
      link: link, interceptFractions: [0.3], siftedBits: [10_000], sessions: 200,
      falsePositiveRate: 0.01, seed: 4)
    let row = try #require(rows.first)
    // At p = 0.3 and 10⁴ bits both tests see a 7% QBER excess of ~50σ: both detect everything.
    #expect(row.lrtModelPower > 0.999)
    #expect(row.lrtDetectionRate == 1 && row.classifierDetectionRate == 1)
    // The LRT is at level 1%: on 200 clean sessions at most ~2 + 5σ flags.
    #expect(row.lrtFalsePositiveRate <= 0.05)
  }
}
