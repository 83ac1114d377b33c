import Photonics

// Decoding goes through the validating initializers, so a configuration read from JSON obeys
// the same rules as one built in code; violations become `DecodingError.dataCorrupted` with the
// validation message.

/// Wraps a validation error as the decoding error of `decoder`'s current path.
private func corrupted(_ error: QRNGError, _ decoder: any Decoder) -> DecodingError {
  .dataCorrupted(
    DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
}

extension SourceDrift {
  enum CodingKeys: String, CodingKey { case amplitude, periodGates }

  /// Decodes and validates a drift.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    do {
      try self.init(
        amplitude: c.decode(Double.self, forKey: .amplitude),
        periodGates: c.decode(Int.self, forKey: .periodGates))
    } catch let error as QRNGError { throw corrupted(error, decoder) }
  }
}

extension DetectorFailure {
  enum CodingKeys: String, CodingKey { case detector, afterGates }

  /// Decodes and validates a detector failure.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    do {
      try self.init(
        detector: c.decode(Int.self, forKey: .detector),
        afterGates: c.decode(Int.self, forKey: .afterGates))
    } catch let error as QRNGError { throw corrupted(error, decoder) }
  }
}

extension BeamSplitterSourceConfiguration {
  enum CodingKeys: String, CodingKey {
    case source, polarizationAngle, beamSplitter, detector0, detector1, drift, detectorFailure
  }

  /// Decodes and validates a source configuration.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    do {
      try self.init(
        source: c.decode(PhotonSourceKind.self, forKey: .source),
        polarizationAngle: c.decode(Double.self, forKey: .polarizationAngle),
        beamSplitter: c.decode(PolarizingBeamSplitter.self, forKey: .beamSplitter),
        detector0: c.decode(Detector.self, forKey: .detector0),
        detector1: c.decode(Detector.self, forKey: .detector1),
        drift: c.decodeIfPresent(SourceDrift.self, forKey: .drift),
        detectorFailure: c.decodeIfPresent(DetectorFailure.self, forKey: .detectorFailure))
    } catch let error as QRNGError { throw corrupted(error, decoder) }
  }
}

extension QRNGConfiguration {
  enum CodingKeys: String, CodingKey {
    case source, extractor, assessmentBits, blockLength, epsilon, falsePositiveExponent
  }

  /// Decodes and validates a generator configuration.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    do {
      try self.init(
        source: c.decode(BeamSplitterSourceConfiguration.self, forKey: .source),
        extractor: c.decode(ExtractorKind.self, forKey: .extractor),
        assessmentBits: c.decode(Int.self, forKey: .assessmentBits),
        blockLength: c.decode(Int.self, forKey: .blockLength),
        epsilon: c.decode(Double.self, forKey: .epsilon),
        falsePositiveExponent: c.decode(Double.self, forKey: .falsePositiveExponent))
    } catch let error as QRNGError { throw corrupted(error, decoder) }
  }
}
