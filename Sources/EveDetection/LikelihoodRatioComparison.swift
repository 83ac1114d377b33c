import Dispatch
import Foundation
import QuantumEngine

/// One point of the classifier-against-LRT comparison.
public struct LikelihoodRatioComparisonRow: Sendable, Codable, Equatable {
  /// Intercept-resend fraction p.
  public var interceptFraction: Double
  /// Expected sifted signal bits per session.
  public var siftedBits: Int
  /// The false-positive rate both tests are set to.
  public var falsePositiveRate: Double
  /// The LRT's power under its binomial model (H1 QBER e₀ + p/4).
  public var lrtModelPower: Double
  /// Fraction of the simulated attacked sessions the LRT flags.
  public var lrtDetectionRate: Double
  /// Fraction of the simulated clean sessions the LRT flags.
  public var lrtFalsePositiveRate: Double
  /// Fraction of attacked sessions the classifier flags with its score thresholded at the same
  /// false-positive rate on clean sessions of this link.
  public var classifierDetectionRate: Double
  /// classifierDetectionRate / lrtDetectionRate (1 when both are 0).
  public var ratio: Double

  enum CodingKeys: String, CodingKey {
    case interceptFraction = "intercept_fraction"
    case siftedBits = "sifted_bits"
    case falsePositiveRate = "false_positive_rate"
    case lrtModelPower = "lrt_model_power"
    case lrtDetectionRate = "lrt_detection_rate"
    case lrtFalsePositiveRate = "lrt_false_positive_rate"
    case classifierDetectionRate = "classifier_detection_rate"
    case ratio
  }
}

extension EveDetector {
  /// Compares the detector with the Neyman–Pearson QBER test on one exactly calibrated link, where
  /// the LRT applies: for each session size and intercept fraction (random basis) it simulates
  /// `sessions` clean and `sessions` attacked sessions, sets both tests to `falsePositiveRate`
  /// (the LRT by its binomial tail, the classifier by the empirical quantile of its clean scores)
  /// and reports both detection rates.
  public func compareWithLikelihoodRatioTest(
    link: LinkParameters, decoyProtocol: DecoyProtocol = .standard, interceptFractions: [Double],
    siftedBits: [Int], sessions: Int, falsePositiveRate: Double, seed: UInt64
  ) throws -> [LikelihoodRatioComparisonRow] {
    guard sessions >= 10 else {
      throw EveDetectionError.invalidParameter(
        name: "sessions", value: Double(sessions), allowed: ">= 10")
    }
    guard featureNames == LinkFeatures.names else {
      throw EveDetectionError.featureMismatch(expected: featureNames, found: LinkFeatures.names)
    }
    let clean = try SessionOutcomeModel(link: link, decoyProtocol: decoyProtocol)
    let e0 = clean.cells[0][0].qber
    var rows = [LikelihoodRatioComparisonRow]()
    for (sizeIndex, bits) in siftedBits.enumerated() {
      let pulses = clean.pulses(forSiftedSignalBits: bits)
      let lrt = try QBERLikelihoodRatioTest(
        calibratedQBER: e0, siftedBits: bits, falsePositiveRate: falsePositiveRate)
      let calibration = LinkCalibration(nominal: link, decoyProtocol: decoyProtocol)
      // The LRT is set up for the session's actual sifted bits, which vary a little around `bits`.
      func lrtFlags(_ c: SessionCounts) throws -> Bool {
        let n = c.siftedSignalBits
        let k = c.cells[0][0].errors + c.cells[0][1].errors
        if n == bits { return lrt.flags(errors: k) }
        return try QBERLikelihoodRatioTest(
          calibratedQBER: e0, siftedBits: max(n, 1), falsePositiveRate: falsePositiveRate
        ).flags(errors: k)
      }
      let cleanRun = try simulate(
        clean, calibration: calibration, pulses: pulses, sessions: sessions,
        seed: seed &+ UInt64(sizeIndex) &* 1000, lrt: lrtFlags)
      let cut = try DecisionThreshold(
        cleanScores: cleanRun.scores, falsePositiveRate: falsePositiveRate)
      for (fractionIndex, p) in interceptFractions.enumerated() {
        let attacked = try SessionOutcomeModel(
          link: link, decoyProtocol: decoyProtocol,
          attack: .interceptResend(fraction: p, basis: .random))
        let run = try simulate(
          attacked, calibration: calibration, pulses: pulses, sessions: sessions,
          seed: seed &+ UInt64(sizeIndex) &* 1000 &+ UInt64(fractionIndex + 1), lrt: lrtFlags)
        let classifierRate = Double(run.scores.filter(cut.flags).count) / Double(sessions)
        rows.append(
          LikelihoodRatioComparisonRow(
            interceptFraction: p, siftedBits: bits, falsePositiveRate: falsePositiveRate,
            lrtModelPower: lrt.power(
              trueQBER: QBERLikelihoodRatioTest.interceptResendQBER(calibrated: e0, fraction: p)),
            lrtDetectionRate: run.lrtRate, lrtFalsePositiveRate: cleanRun.lrtRate,
            classifierDetectionRate: classifierRate,
            ratio: run.lrtRate > 0
              ? classifierRate / run.lrtRate : (classifierRate == 0 ? 1 : .infinity)))
      }
    }
    return rows
  }

  private func simulate(
    _ model: SessionOutcomeModel, calibration: LinkCalibration, pulses: Int, sessions: Int,
    seed: UInt64, lrt: (SessionCounts) throws -> Bool
  ) throws -> (scores: [Double], lrtRate: Double) {
    let expected = try SessionOutcomeModel(
      link: calibration.nominal, decoyProtocol: calibration.decoyProtocol)
    var rows = [Double]()
    rows.reserveCapacity(sessions * featureNames.count)
    var flagged = 0
    for i in 0..<sessions {
      var g = Xoshiro256StarStar.stream(seed: seed, index: UInt64(i))
      let counts = try model.sampleSession(pulses: pulses, using: &g)
      rows += try LinkFeatures(counts: counts, expected: expected).vector
      if try lrt(counts) { flagged += 1 }
    }
    let scores = try self.scores(
      FeatureMatrix(rows: sessions, columns: featureNames.count, values: rows))
    return (scores, Double(flagged) / Double(sessions))
  }
}
