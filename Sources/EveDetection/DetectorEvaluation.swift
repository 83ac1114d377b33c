/// Detection figures for one attack kind within a strength range.
public struct AttackEvaluationRow: Sendable, Codable, Equatable {
  /// `intercept_resend`, `breidbart`, `beam_splitting` or `pns`.
  public var attack: String
  /// Lower end of the strength range (inclusive).
  public var strengthMin: Double
  /// Upper end of the strength range (exclusive, except for 1).
  public var strengthMax: Double
  /// Sessions in the row.
  public var sessions: Int
  /// Fraction flagged at the detector's threshold.
  public var detectionRate: Double
  /// Detection rate at 1% false positives (threshold from the evaluation's clean sessions).
  public var detectionRateAtFPR1pct: Double
  /// AUC of these sessions against all clean sessions.
  public var auc: Double
  /// Fraction of these sessions whose flagged verdict names the right attack family.
  public var attackNamedCorrectly: Double

  enum CodingKeys: String, CodingKey {
    case attack
    case strengthMin = "strength_min"
    case strengthMax = "strength_max"
    case sessions
    case detectionRate = "detection_rate"
    case detectionRateAtFPR1pct = "detection_rate_at_fpr_1pct"
    case auc
    case attackNamedCorrectly = "attack_named_correctly"
  }
}

/// A detector's performance on a labelled data set.
public struct EvaluationReport: Sendable, Codable, Equatable {
  /// Sessions evaluated.
  public var sessions: Int
  /// Area under the ROC curve (all attacks against clean sessions).
  public var auc: Double
  /// Best detection rate at ≤ 1% false positives.
  public var detectionRateAtFPR1pct: Double
  /// Best detection rate at ≤ 0.1% false positives.
  public var detectionRateAtFPR01pct: Double
  /// The detector's threshold.
  public var threshold: Double
  /// Fraction of clean sessions flagged at the threshold.
  public var falsePositiveRate: Double
  /// Fraction of attacked sessions flagged at the threshold.
  public var detectionRate: Double
  /// Binary confusion matrix (`clean`, `eve`) at the threshold.
  public var confusion: ConfusionMatrix
  /// Attack-family confusion matrix of the verdicts (a session not flagged counts as `none`).
  public var attackConfusion: ConfusionMatrix
  /// Per attack kind and strength range.
  public var perAttack: [AttackEvaluationRow]
  /// ROC curve, thinned to at most 200 points.
  public var roc: ROCCurve

  enum CodingKeys: String, CodingKey {
    case sessions, auc, threshold, confusion, roc
    case detectionRateAtFPR1pct = "detection_rate_at_fpr_1pct"
    case detectionRateAtFPR01pct = "detection_rate_at_fpr_0_1pct"
    case falsePositiveRate = "false_positive_rate"
    case detectionRate = "detection_rate"
    case attackConfusion = "attack_confusion"
    case perAttack = "per_attack"
  }
}

extension EveDetector {
  /// Strength ranges used for the per-attack rows.
  public static let strengthBins: [(Double, Double)] = [
    (0, 0.1), (0.1, 0.2), (0.2, 0.5), (0.5, 1),
  ]

  /// Evaluates the detector on a labelled data set holding both clean and attacked sessions.
  public func evaluate(on data: DetectionDataset) throws -> EvaluationReport {
    guard data.featureNames == featureNames else {
      throw EveDetectionError.featureMismatch(expected: featureNames, found: data.featureNames)
    }
    let verdicts = try assess(data.features)
    let scores = verdicts.map(\.eveProbability)
    let cleanIdx = (0..<data.count).filter { data.labels[$0].eve == 0 }
    let eveIdx = (0..<data.count).filter { data.labels[$0].eve == 1 }
    guard !cleanIdx.isEmpty, !eveIdx.isEmpty else {
      throw EveDetectionError.singleClass(what: "evaluation data")
    }
    let cleanScores = cleanIdx.map { scores[$0] }
    let roc = try ROCCurve(negativeScores: cleanScores, positiveScores: eveIdx.map { scores[$0] })
    let flagged = verdicts.map { $0.flagged ? 1 : 0 }
    let confusion = try ConfusionMatrix(
      classNames: ["clean", "eve"], truth: data.eveLabels, predicted: flagged)
    let attackConfusion = try ConfusionMatrix(
      classNames: AttackFamily.allCases.map(\.description),
      truth: data.labels.map(\.family.rawValue), predicted: verdicts.map(\.attack.rawValue))
    let cut1 = try DecisionThreshold(cleanScores: cleanScores, falsePositiveRate: 0.01)

    var rows = [AttackEvaluationRow]()
    for kind in ["intercept_resend", "breidbart", "beam_splitting", "pns"] {
      let ofKind = eveIdx.filter { data.labels[$0].kindName == kind }
      let bins: [(Double, Double)] = [(0, 1)] + Self.strengthBins
      for (lo, hi) in bins {
        let members = ofKind.filter {
          let s = data.labels[$0].strength
          return s >= lo && (s < hi || hi == 1)
        }
        guard !members.isEmpty else { continue }
        let memberScores = members.map { scores[$0] }
        let named = members.filter { verdicts[$0].attack == data.labels[$0].family }.count
        rows.append(
          AttackEvaluationRow(
            attack: kind, strengthMin: lo, strengthMax: hi, sessions: members.count,
            detectionRate: Double(members.filter { verdicts[$0].flagged }.count)
              / Double(members.count),
            detectionRateAtFPR1pct: Double(memberScores.filter(cut1.flags).count)
              / Double(members.count),
            auc: try ROCCurve(negativeScores: cleanScores, positiveScores: memberScores).auc,
            attackNamedCorrectly: Double(named) / Double(members.count)))
      }
    }
    return EvaluationReport(
      sessions: data.count, auc: roc.auc,
      detectionRateAtFPR1pct: roc.detectionRate(atFalsePositiveRate: 0.01),
      detectionRateAtFPR01pct: roc.detectionRate(atFalsePositiveRate: 0.001),
      threshold: threshold.value,
      falsePositiveRate: Double(cleanIdx.filter { flagged[$0] == 1 }.count)
        / Double(cleanIdx.count),
      detectionRate: Double(eveIdx.filter { flagged[$0] == 1 }.count) / Double(eveIdx.count),
      confusion: confusion, attackConfusion: attackConfusion, perAttack: rows,
      roc: roc.thinned(to: 200))
  }
}
