import Foundation

extension EveDetector {
  /// The saved-model format this library writes and reads.
  public static let formatVersion = 1

  private struct Envelope: Codable {
    var format: String
    var formatVersion: Int
    var featureNames: [String]
    var detector: EveDetector
  }

  private struct Header: Codable {
    var formatVersion: Int
    var featureNames: [String]
  }

  /// The detector as versioned JSON: `{"format": "qkdlab-eve-detector", "formatVersion": 1,
  /// "featureNames": [...], "detector": {...}}`.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(
      Envelope(
        format: "qkdlab-eve-detector", formatVersion: Self.formatVersion,
        featureNames: featureNames,
        detector: self))
  }

  /// Loads a detector saved by ``jsonData()``. Throws
  /// ``EveDetectionError/unsupportedFormatVersion(found:supported:)`` for another format version
  /// and ``EveDetectionError/featureMismatch(expected:found:)`` if its features are not
  /// `expectedFeatures` (by default ``LinkFeatures/names``).
  public init(jsonData data: Data, expectedFeatures: [String] = LinkFeatures.names) throws {
    let decoder = JSONDecoder()
    let header: Header
    do {
      header = try decoder.decode(Header.self, from: data)
    } catch {
      throw EveDetectionError.malformedModel(reason: "no formatVersion/featureNames: \(error)")
    }
    guard header.formatVersion == Self.formatVersion else {
      throw EveDetectionError.unsupportedFormatVersion(
        found: header.formatVersion, supported: Self.formatVersion)
    }
    guard header.featureNames == expectedFeatures else {
      throw EveDetectionError.featureMismatch(
        expected: expectedFeatures, found: header.featureNames)
    }
    let envelope: Envelope
    do {
      envelope = try decoder.decode(Envelope.self, from: data)
    } catch {
      throw EveDetectionError.malformedModel(reason: "\(error)")
    }
    let d = envelope.detector
    guard d.featureNames == header.featureNames else {
      throw EveDetectionError.malformedModel(reason: "inner feature names differ from the header")
    }
    // Re-validate shapes, since decoding bypasses the checking initialisers.
    let scaler = try FeatureScaler(means: d.scaler.means, scales: d.scaler.scales)
    let head = try MultilayerPerceptron(
      layerSizes: d.attackHead.layerSizes, activation: d.attackHead.activation,
      weights: d.attackHead.weights, biases: d.attackHead.biases)
    let model: EveScoreModel
    switch d.scoreModel {
    case .logistic(let m):
      guard m.weights.count == d.featureNames.count else {
        throw EveDetectionError.malformedModel(reason: "logistic weights do not match the features")
      }
      _ = try LogisticRegression(weights: m.weights, intercept: m.intercept)
      model = .logistic(
        LogisticRegression(
          uncheckedWeights: m.weights, intercept: m.intercept, iterations: m.iterations))
    case .logisticPerAttack(let list):
      guard !list.isEmpty, list.allSatisfy({ $0.weights.count == d.featureNames.count }) else {
        throw EveDetectionError.malformedModel(
          reason: "per-attack weights do not match the features")
      }
      model = .logisticPerAttack(
        try list.map { m in
          _ = try LogisticRegression(weights: m.weights, intercept: m.intercept)
          return LogisticRegression(
            uncheckedWeights: m.weights, intercept: m.intercept, iterations: m.iterations)
        })
    case .perceptron(let m):
      let checked = try MultilayerPerceptron(
        layerSizes: m.layerSizes, activation: m.activation, weights: m.weights, biases: m.biases)
      guard checked.layerSizes.first == d.featureNames.count, checked.classCount == 2 else {
        throw EveDetectionError.malformedModel(
          reason: "perceptron must map the features to 2 classes")
      }
      model = .perceptron(checked)
    }
    try self.init(
      featureNames: d.featureNames, scaler: scaler, scoreModel: model, threshold: d.threshold,
      attackHead: head)
  }
}
