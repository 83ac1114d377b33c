// Decoding goes through the validating initialisers, so a hand-edited or corrupted JSON file
// throws a typed error instead of producing a value that would trap later.

extension FeatureMatrix {
  private enum Keys: String, CodingKey { case rows, columns, values }

  /// Decodes and validates a matrix.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    try self.init(
      rows: c.decode(Int.self, forKey: .rows), columns: c.decode(Int.self, forKey: .columns),
      values: c.decode([Double].self, forKey: .values))
  }
}

extension DecoyProtocol {
  private enum Keys: String, CodingKey {
    case intensities, intensityProbabilities, zBasisProbability
  }

  /// Decodes and validates decoy settings.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    try self.init(
      intensities: c.decode([Double].self, forKey: .intensities),
      intensityProbabilities: c.decode([Double].self, forKey: .intensityProbabilities),
      zBasisProbability: c.decode(Double.self, forKey: .zBasisProbability))
  }
}

extension LinkParameters {
  private enum Keys: String, CodingKey {
    case lengthKm, attenuationDBPerKm, detectorEfficiency, darkCountProbability, misalignment
  }

  /// Decodes and validates link parameters.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    try self.init(
      lengthKm: c.decode(Double.self, forKey: .lengthKm),
      attenuationDBPerKm: c.decode(Double.self, forKey: .attenuationDBPerKm),
      detectorEfficiency: c.decode(Double.self, forKey: .detectorEfficiency),
      darkCountProbability: c.decode(Double.self, forKey: .darkCountProbability),
      misalignment: c.decode(Double.self, forKey: .misalignment))
  }
}

extension SessionCounts {
  private enum Keys: String, CodingKey { case cells }

  /// Decodes and validates session counts.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    try self.init(cells: c.decode([[OutcomeCounts]].self, forKey: .cells))
  }
}

extension DetectionDataset {
  private enum Keys: String, CodingKey { case featureNames, features, labels }

  /// Decodes and validates a data set.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    try self.init(
      featureNames: c.decode([String].self, forKey: .featureNames),
      features: c.decode(FeatureMatrix.self, forKey: .features),
      labels: c.decode([SessionLabel].self, forKey: .labels))
  }
}

extension LinkRanges {
  private enum Keys: String, CodingKey {
    case lengthKm, attenuationDBPerKm, detectorEfficiency, darkCountProbability, misalignment,
      maximumExpectedQBER
  }

  /// Decodes and validates link ranges.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    try self.init(
      lengthKm: c.decode(ClosedRange<Double>.self, forKey: .lengthKm),
      attenuationDBPerKm: c.decode(ClosedRange<Double>.self, forKey: .attenuationDBPerKm),
      detectorEfficiency: c.decode([ClosedRange<Double>].self, forKey: .detectorEfficiency),
      darkCountProbability: c.decode(ClosedRange<Double>.self, forKey: .darkCountProbability),
      misalignment: c.decode(ClosedRange<Double>.self, forKey: .misalignment),
      maximumExpectedQBER: c.decode(Double.self, forKey: .maximumExpectedQBER))
  }
}

extension AttackMix {
  private enum Keys: String, CodingKey {
    case familyWeights, interceptFraction, breidbartProbability, tapFraction, pnsBlockFraction
  }

  /// Decodes and validates an attack mix.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    try self.init(
      familyWeights: c.decode([Double].self, forKey: .familyWeights),
      interceptFraction: c.decode(ClosedRange<Double>.self, forKey: .interceptFraction),
      breidbartProbability: c.decode(Double.self, forKey: .breidbartProbability),
      tapFraction: c.decode(ClosedRange<Double>.self, forKey: .tapFraction),
      pnsBlockFraction: c.decode(ClosedRange<Double>.self, forKey: .pnsBlockFraction))
  }
}

extension CalibrationTolerance {
  private enum Keys: String, CodingKey {
    case relativeEfficiency, lossDB, relativeDarkCount, misalignment
  }

  /// Decodes and validates a tolerance.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    try self.init(
      relativeEfficiency: c.decode(Double.self, forKey: .relativeEfficiency),
      lossDB: c.decode(Double.self, forKey: .lossDB),
      relativeDarkCount: c.decode(Double.self, forKey: .relativeDarkCount),
      misalignment: c.decode(Double.self, forKey: .misalignment))
  }
}

extension MultilayerPerceptron {
  private enum Keys: String, CodingKey { case layerSizes, activation, weights, biases }

  /// Decodes a network and checks every layer's shape.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    try self.init(
      layerSizes: c.decode([Int].self, forKey: .layerSizes),
      activation: c.decode(Activation.self, forKey: .activation),
      weights: c.decode([[Double]].self, forKey: .weights),
      biases: c.decode([[Double]].self, forKey: .biases))
  }
}
