import QuantumEngine

/// Settings for ``EveDetector/train(on:configuration:seed:)``.
public struct DetectorTrainingConfiguration: Sendable, Codable, Equatable {
  /// The binary score model to fit.
  public enum ModelKind: String, Sendable, Codable, CaseIterable {
    /// One logistic regression per attack family against clean sessions, score = their maximum.
    case logisticPerAttack
    /// A single logistic regression by Newton/IRLS (eavesdropper against clean).
    case logistic
    /// Multilayer perceptron by minibatch Adam.
    case perceptron
  }

  /// Binary model.
  public var model: ModelKind
  /// Logistic-regression settings.
  public var logistic: LogisticRegression.Configuration
  /// Perceptron settings (binary model, if chosen, and the attack head).
  public var perceptron: MultilayerPerceptron.Configuration
  /// False-positive rate the threshold is chosen for.
  public var targetFalsePositiveRate: Double
  /// Fraction of the clean sessions held out to choose the threshold.
  public var calibrationFraction: Double

  /// The perceptron settings used by default: one hidden layer of 32 ReLU units, 12 epochs of
  /// minibatches of 512 (enough for 10⁵ sessions of 14 features).
  public static let defaultPerceptron = MultilayerPerceptron.Configuration(
    hiddenLayers: [32], epochs: 12, batchSize: 512)

  /// Defaults: per-attack logistic regressions, the ``defaultPerceptron`` head, threshold for 0.5% false
  /// positives chosen on 25% of the clean sessions.
  public init(
    model: ModelKind = .logisticPerAttack,
    logistic: LogisticRegression.Configuration = .init(),
    perceptron: MultilayerPerceptron.Configuration = Self.defaultPerceptron,
    targetFalsePositiveRate: Double = 0.005, calibrationFraction: Double = 0.25
  ) {
    self.model = model
    self.logistic = logistic
    self.perceptron = perceptron
    self.targetFalsePositiveRate = targetFalsePositiveRate
    self.calibrationFraction = calibrationFraction
  }
}

extension EveDetector {
  /// Trains a detector on a labelled data set: standardisation and both models on the training
  /// part, the threshold on clean sessions held out from it. Same seed, same detector.
  public static func train(
    on data: DetectionDataset, configuration: DetectorTrainingConfiguration = .init(), seed: UInt64
  ) throws -> EveDetector {
    guard configuration.calibrationFraction > 0, configuration.calibrationFraction < 1 else {
      throw EveDetectionError.invalidParameter(
        name: "calibrationFraction", value: configuration.calibrationFraction, allowed: "0 < f < 1")
    }
    var g = Xoshiro256StarStar(seed: seed)
    let clean = (0..<data.count).filter { data.labels[$0].family == .none }.shuffled(using: &g)
    let holdCount = Int(Double(clean.count) * configuration.calibrationFraction)
    guard holdCount >= 1 else {
      throw EveDetectionError.singleClass(what: "clean sessions for calibration")
    }
    let held = Set(clean.prefix(holdCount))
    let trainIndices = (0..<data.count).filter { !held.contains($0) }
    let train = try data.subset(trainIndices)
    let calibration = try data.subset(Array(held).sorted())

    let scaler = try FeatureScaler(fitting: train.features)
    let x = try scaler.transform(train.features)
    let binary: EveScoreModel
    switch configuration.model {
    case .logistic:
      binary = .logistic(
        try LogisticRegression(
          fitting: x, labels: train.eveLabels, configuration: configuration.logistic))
    case .logisticPerAttack:
      var models = [LogisticRegression]()
      for family in AttackFamily.allCases where family != .none {
        let members = (0..<train.count).filter {
          train.labels[$0].family == .none || train.labels[$0].family == family
        }
        let labels = members.map { train.labels[$0].family == family ? 1 : 0 }
        guard labels.contains(1) else { continue }
        models.append(
          try LogisticRegression(
            fitting: x.uncheckedSelecting(rows: members), labels: labels,
            configuration: configuration.logistic))
      }
      binary = .logisticPerAttack(models)
    case .perceptron:
      binary = .perceptron(
        try MultilayerPerceptron(
          fitting: x, labels: train.eveLabels, classCount: 2,
          configuration: configuration.perceptron,
          seed: g.next()))
    }
    let head = try MultilayerPerceptron(
      fitting: x, labels: train.labels.map(\.family.rawValue),
      classCount: AttackFamily.allCases.count,
      configuration: configuration.perceptron, seed: g.next())
    let cleanScores = try binary.probabilities(scaler.transform(calibration.features))
    let threshold = try DecisionThreshold(
      cleanScores: cleanScores, falsePositiveRate: configuration.targetFalsePositiveRate)
    return try EveDetector(
      featureNames: data.featureNames, scaler: scaler, scoreModel: binary, threshold: threshold,
      attackHead: head)
  }
}
