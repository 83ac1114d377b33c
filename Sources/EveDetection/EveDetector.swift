/// The model that scores a session's probability of eavesdropping.
public enum EveScoreModel: Sendable, Codable, Equatable {
  /// Logistic regression on the standardised features.
  case logistic(LogisticRegression)
  /// One logistic regression per attack family, each fitted on clean sessions against that
  /// family; the score is the largest of their probabilities. Each model weights only the
  /// statistics its attack disturbs, so noise in the others does not dilute it (a union of
  /// per-attack tests rather than one averaged test).
  case logisticPerAttack([LogisticRegression])
  /// A perceptron with a two-class softmax output (class 1 = eavesdropper).
  case perceptron(MultilayerPerceptron)

  func probabilities(_ x: FeatureMatrix) throws -> [Double] {
    switch self {
    case .logistic(let model):
      return try model.probabilities(x)
    case .logisticPerAttack(let models):
      guard !models.isEmpty else { throw EveDetectionError.empty(what: "per-attack models") }
      var best = [Double](repeating: -.infinity, count: x.rows)
      for m in models {
        for (i, z) in try m.decisionValues(x).enumerated() { best[i] = max(best[i], z) }
      }
      return best.map(LogisticRegression.sigmoid)
    case .perceptron(let model):
      let p = try model.probabilities(x)
      return (0..<p.rows).map { p.values[$0 * 2 + 1] }
    }
  }
}

/// One session's verdict.
public struct EveAssessment: Sendable, Codable, Equatable {
  /// Probability that an eavesdropper is present.
  public var eveProbability: Double
  /// Whether the probability is above the detector's threshold.
  public var flagged: Bool
  /// The most likely attack family according to the multi-class head (`none` if not flagged).
  public var attack: AttackFamily
  /// The head's probability for each family, in ``AttackFamily`` order.
  public var attackProbabilities: [Double]

  enum CodingKeys: String, CodingKey {
    case eveProbability = "eve_probability"
    case flagged = "eve_flagged"
    case attack = "eve_attack"
    case attackProbabilities = "attack_probabilities"
  }
}

/// A trained eavesdropping detector: feature standardisation, a binary score model, a threshold
/// chosen for a target false-positive rate, and a softmax head that names the attack.
public struct EveDetector: Sendable, Codable, Equatable {
  /// The features the detector expects, in order.
  public let featureNames: [String]
  /// Standardisation fitted on the training data.
  public let scaler: FeatureScaler
  /// The binary score model.
  public let scoreModel: EveScoreModel
  /// Scores above this are flagged.
  public let threshold: DecisionThreshold
  /// Softmax head over ``AttackFamily``.
  public let attackHead: MultilayerPerceptron

  /// Assembles a detector from its parts; throws if their feature counts disagree.
  public init(
    featureNames: [String], scaler: FeatureScaler, scoreModel: EveScoreModel,
    threshold: DecisionThreshold, attackHead: MultilayerPerceptron
  ) throws {
    guard scaler.featureCount == featureNames.count else {
      throw EveDetectionError.dimensionMismatch(
        what: "scaler features", expected: featureNames.count, found: scaler.featureCount)
    }
    guard attackHead.layerSizes.first == featureNames.count,
      attackHead.classCount == AttackFamily.allCases.count
    else {
      throw EveDetectionError.malformedModel(
        reason:
          "attack head must map \(featureNames.count) features to \(AttackFamily.allCases.count) classes"
      )
    }
    self.featureNames = featureNames
    self.scaler = scaler
    self.scoreModel = scoreModel
    self.threshold = threshold
    self.attackHead = attackHead
  }

  /// Eavesdropping probabilities of every row of `features` (raw, unstandardised).
  public func scores(_ features: FeatureMatrix) throws -> [Double] {
    guard features.columns == scaler.featureCount else {
      throw EveDetectionError.dimensionMismatch(
        what: "feature count", expected: scaler.featureCount, found: features.columns)
    }
    let models: [LogisticRegression]
    switch scoreModel {
    case .logistic(let model): models = [model]
    case .logisticPerAttack(let list): models = list
    case .perceptron: return try scoreModel.probabilities(scaler.transform(features))
    }
    guard !models.isEmpty else { throw EveDetectionError.empty(what: "per-attack models") }
    // Fold the standardisation into the weights, then one product of the raw rows with the
    // d × k weight matrix and a maximum over the k models.
    let d = features.columns
    let k = models.count
    var weights = [Double](repeating: 0, count: d * k)
    var intercepts = [Double](repeating: 0, count: k)
    for (m, model) in models.enumerated() {
      guard model.weights.count == d else {
        throw EveDetectionError.dimensionMismatch(
          what: "model weights", expected: d, found: model.weights.count)
      }
      intercepts[m] = model.intercept
      for j in 0..<d {
        let w = model.weights[j] / scaler.scales[j]
        weights[j * k + m] = w
        intercepts[m] -= w * scaler.means[j]
      }
    }
    let z = DenseKernels.product(features.values, weights, m: features.rows, n: k, k: d)
    var out = [Double](repeating: 0, count: features.rows)
    for i in 0..<features.rows {
      var best = -Double.infinity
      for m in 0..<k { best = max(best, z[i * k + m] + intercepts[m]) }
      out[i] = LogisticRegression.sigmoid(best)
    }
    return out
  }

  /// Attack-family probabilities, rows × 4.
  public func attackProbabilities(_ features: FeatureMatrix) throws -> FeatureMatrix {
    try attackHead.probabilities(scaler.transform(features))
  }

  /// Full verdicts for every row of `features`.
  public func assess(_ features: FeatureMatrix) throws -> [EveAssessment] {
    let x = try scaler.transform(features)
    let p = try scoreModel.probabilities(x)
    let heads = try attackHead.probabilities(x)
    let k = heads.columns
    return (0..<features.rows).map { i in
      let row = Array(heads.values[(i * k)..<((i + 1) * k)])
      let flagged = threshold.flags(p[i])
      // The head names an attack only among attack families once the binary test has fired.
      var best = 1
      for j in 2..<k where row[j] > row[best] { best = j }
      return EveAssessment(
        eveProbability: p[i], flagged: flagged,
        attack: flagged ? (AttackFamily(rawValue: best) ?? .none) : .none, attackProbabilities: row)
    }
  }

  /// The verdict on one session.
  public func assess(_ features: LinkFeatures) throws -> EveAssessment {
    let matrix = try FeatureMatrix(
      rows: 1, columns: LinkFeatures.names.count, values: features.vector)
    guard featureNames == LinkFeatures.names else {
      throw EveDetectionError.featureMismatch(expected: featureNames, found: LinkFeatures.names)
    }
    guard let first = try assess(matrix).first else {
      throw EveDetectionError.empty(what: "verdicts")
    }
    return first
  }
}
