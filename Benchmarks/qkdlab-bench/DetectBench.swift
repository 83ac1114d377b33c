import EveDetection
import Foundation

/// Eavesdropping detection: data generation, training time on 10^5 sessions, scoring rate, held-out
/// detection figures against the targets, and the comparison with the likelihood-ratio test.
let detectArea = BenchArea(name: "detect") {
  do {
    let trainGen = try DatasetGenerator()
    let heldGen = try DatasetGenerator(ranges: .heldOut)
    var t0 = now()
    let train = try trainGen.generate(count: 100_000, seed: 1)
    emit([
      ("bench", "detect_generate"), ("sessions", 100_000),
      ("sessions_per_s", 100_000 / (now() - t0)),
    ])
    let held = try heldGen.generate(count: 40_000, seed: 2)
    for kind in DetectorTrainingConfiguration.ModelKind.allCases {
      t0 = now()
      let detector = try EveDetector.train(
        on: train, configuration: DetectorTrainingConfiguration(model: kind), seed: 7)
      let trainSeconds = now() - t0
      let report = try detector.evaluate(on: held)
      emit([
        ("bench", "detect_train"), ("model", kind.rawValue), ("sessions", 100_000),
        ("seconds", trainSeconds), ("target_seconds", 10.0),
      ])
      emit([
        ("bench", "detect_heldout"), ("model", kind.rawValue), ("sessions", held.count),
        ("auc", report.auc), ("detection_rate_at_fpr_1pct", report.detectionRateAtFPR1pct),
        ("detection_rate_at_fpr_0_1pct", report.detectionRateAtFPR01pct),
        ("false_positive_rate", report.falsePositiveRate), ("detection_rate", report.detectionRate),
        ("attack_accuracy", report.attackConfusion.accuracy),
      ])
      for row in report.perAttack {
        emit([
          ("bench", "detect_heldout_attack"), ("model", kind.rawValue), ("attack", row.attack),
          ("strength_min", row.strengthMin), ("strength_max", row.strengthMax),
          ("sessions", row.sessions), ("detection_rate", row.detectionRate),
          ("detection_rate_at_fpr_1pct", row.detectionRateAtFPR1pct), ("auc", row.auc),
          ("attack_named_correctly", row.attackNamedCorrectly),
        ])
      }
      // The targets on held-out links at the detector's own threshold.
      let verdicts = try detector.assess(held.features)
      func rate(_ include: (SessionLabel) -> Bool) -> (Double, Int) {
        let idx = held.labels.indices.filter { include(held.labels[$0]) }
        return (
          Double(idx.filter { verdicts[$0].flagged }.count) / Double(max(idx.count, 1)), idx.count
        )
      }
      let fp = rate { $0.family == .none }
      let ir = rate { $0.family == .interceptResend && $0.strength >= 0.2 }
      let bs = rate { $0.family == .beamSplitting && $0.strength >= 0.5 }
      let pns = rate { $0.family == .photonNumberSplitting }
      emit([
        ("bench", "detect_targets"), ("model", kind.rawValue), ("sifted_bits", 100_000),
        ("false_positive_rate", fp.0), ("clean_sessions", fp.1),
        ("intercept_resend_ge_0_2", ir.0), ("beam_splitting_ge_0_5", bs.0), ("pns", pns.0),
        ("target_detection", 0.995), ("target_fpr", 0.005),
      ])
      // Scoring rate on 10^6 feature rows (standardise + model), best of three.
      var rows = [Double]()
      let d = held.features.columns
      while rows.count < 1_000_000 * d { rows += held.features.values }
      let big = try FeatureMatrix(
        rows: 1_000_000, columns: d, values: Array(rows.prefix(1_000_000 * d)))
      let seconds = bestTime(minRepeats: 3, minSeconds: 0.5) { _ = try? detector.scores(big) }
      emit([
        ("bench", "detect_score"), ("model", kind.rawValue), ("sessions", 1_000_000),
        ("sessions_per_s", 1_000_000 / seconds), ("target_sessions_per_s", 1e6),
      ])
      if kind == .logisticPerAttack || kind == .logistic {
        let link = try LinkParameters(
          lengthKm: 50, attenuationDBPerKm: 0.2, detectorEfficiency: 0.3,
          darkCountProbability: 1e-7, misalignment: 0.015)
        let comparison = try detector.compareWithLikelihoodRatioTest(
          link: link, interceptFractions: [0.02, 0.05, 0.1, 0.2, 0.3],
          siftedBits: [10_000, 100_000, 1_000_000],
          sessions: kind == .logisticPerAttack ? 1000 : 300, falsePositiveRate: 0.01,
          seed: 11)
        for r in comparison {
          emit([
            ("bench", "detect_vs_lrt"), ("model", kind.rawValue),
            ("intercept_fraction", r.interceptFraction), ("sifted_bits", r.siftedBits),
            ("fpr", r.falsePositiveRate), ("lrt_model_power", r.lrtModelPower),
            ("lrt_detection_rate", r.lrtDetectionRate),
            ("lrt_false_positive_rate", r.lrtFalsePositiveRate),
            ("classifier_detection_rate", r.classifierDetectionRate), ("ratio", r.ratio),
          ])
        }
      }
    }
    // Parity data for scikit-learn (shared/bench/sklearn_parity.py): a plain logistic regression
    // with sklearn's defaults (C = 1, i.e. λ = 1/n per average loss; unweighted classes), its
    // held-out accuracy, and the CSVs when QKDLAB_DETECT_CSV_DIR is set.
    let parityTrain = try train.subset(Array(0..<20_000))
    let parityTest = try held.subset(Array(0..<10_000))
    let scaler = try FeatureScaler(fitting: parityTrain.features)
    let plain = try LogisticRegression(
      fitting: scaler.transform(parityTrain.features), labels: parityTrain.eveLabels,
      configuration: .init(l2: 1.0 / 20_000, classWeights: [1, 1]))
    let p = try plain.probabilities(scaler.transform(parityTest.features))
    let correct = zip(p, parityTest.eveLabels).filter { ($0 > 0.5 ? 1 : 0) == $1 }.count
    emit([
      ("bench", "detect_parity"), ("model", "LogisticRegression"),
      ("train_sessions", parityTrain.count), ("test_sessions", parityTest.count),
      ("test_accuracy", Double(correct) / Double(parityTest.count)),
    ])
    // Is the Breidbart basis distinguishable from a random basis? A logistic model on the
    // intercept-resend sessions only, judged by its AUC on held-out ones (0.5 = no).
    let irTrain = try train.subset(
      train.labels.indices.filter { train.labels[$0].family == .interceptResend })
    let irHeld = try held.subset(
      held.labels.indices.filter { held.labels[$0].family == .interceptResend })
    let irScaler = try FeatureScaler(fitting: irTrain.features)
    let basisModel = try LogisticRegression(
      fitting: irScaler.transform(irTrain.features),
      labels: irTrain.labels.map { $0.breidbart ? 1 : 0 })
    let basisScores = try basisModel.probabilities(irScaler.transform(irHeld.features))
    let basisROC = try ROCCurve(
      negativeScores: irHeld.labels.indices.filter { !irHeld.labels[$0].breidbart }.map {
        basisScores[$0]
      },
      positiveScores: irHeld.labels.indices.filter { irHeld.labels[$0].breidbart }.map {
        basisScores[$0]
      })
    emit([
      ("bench", "detect_breidbart_vs_random"), ("train_sessions", irTrain.count),
      ("test_sessions", irHeld.count), ("auc", basisROC.auc),
    ])
    if let dir = ProcessInfo.processInfo.environment["QKDLAB_DETECT_CSV_DIR"] {
      try parityTrain.csv(labelColumnsOnlyEve: true).write(
        toFile: dir + "/detect-train.csv", atomically: true, encoding: .utf8)
      try parityTest.csv(labelColumnsOnlyEve: true).write(
        toFile: dir + "/detect-test.csv", atomically: true, encoding: .utf8)
    }
  } catch {
    emit([("bench", "detect"), ("error", "\(error)")])
  }
}
