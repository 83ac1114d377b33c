import Testing

@testable import EveDetection

@Suite struct ClassificationMetricsTests {
  @Test func aucMatchesTheMannWhitneyCount() throws {
    let negatives = [0.1, 0.4, 0.35, 0.8]
    let positives = [0.9, 0.8, 0.5, 0.3]
    // Pairs (pos > neg) + ties/2: 0.9 beats 4; 0.8 beats 3, ties 1; 0.5 beats 3; 0.3 beats 1.
    let expected = (4 + 3.5 + 3 + 1) / 16
    let roc = try ROCCurve(negativeScores: negatives, positiveScores: positives)
    #expect(abs(roc.auc - expected) < 1e-12)
    #expect(roc.falsePositiveRates.first == 0 && roc.falsePositiveRates.last == 1)
    #expect(roc.detectionRate(atFalsePositiveRate: 0) == 0.25)
  }

  @Test func confusionMatrixCountsAndAccuracy() throws {
    let m = try ConfusionMatrix(
      classNames: ["a", "b"], truth: [0, 0, 1, 1, 1], predicted: [0, 1, 1, 1, 0])
    #expect(m.counts == [[1, 1], [1, 2]])
    #expect(abs(m.accuracy - 0.6) < 1e-12)
    #expect(m.recall == [0.5, 2.0 / 3])
    #expect(throws: EveDetectionError.self) {
      try ConfusionMatrix(classNames: ["a"], truth: [0], predicted: [1])
    }
  }

  @Test func thresholdKeepsTheFalsePositiveRate() throws {
    let clean = (0..<1000).map { Double($0) / 1000 }
    let t = try DecisionThreshold(cleanScores: clean, falsePositiveRate: 0.01)
    #expect(clean.filter(t.flags).count == 10)
    #expect(t.calibrationFalsePositiveRate <= 0.01)
    #expect(throws: EveDetectionError.self) {
      try DecisionThreshold(cleanScores: clean, falsePositiveRate: 1)
    }
  }
}
