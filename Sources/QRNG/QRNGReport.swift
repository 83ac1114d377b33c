import ClassicalCrypto

/// What a ``QRNG/generate(bits:seed:raw:runTests:configuration:)`` run produced, for the lab
/// command line: encoded with the keys `raw_bits`, `min_entropy_per_bit`, `output_bits`,
/// `extractor`, `estimates`, `source` and `tests` (each with `name`, `p_value`, `passed`).
public struct QRNGReport: Sendable, Equatable, Codable {
  /// Raw bits drawn from the source, including the start-up assessment.
  public let rawBits: Int
  /// The assessed min-entropy per raw bit (the smallest estimate).
  public let minEntropyPerBit: Double
  /// Bits returned.
  public let outputBits: Int
  /// The extractor used (`none` for raw output).
  public let extractor: ExtractorKind
  /// All four entropy estimates.
  public let estimates: MinEntropyEstimate
  /// SP 800-22 results on the returned bits, when requested.
  public let tests: [StatisticalTestResult]?

  /// Bundles a report.
  public init(
    rawBits: Int, minEntropyPerBit: Double, outputBits: Int, extractor: ExtractorKind,
    estimates: MinEntropyEstimate, tests: [StatisticalTestResult]?
  ) {
    self.rawBits = rawBits
    self.minEntropyPerBit = minEntropyPerBit
    self.outputBits = outputBits
    self.extractor = extractor
    self.estimates = estimates
    self.tests = tests
  }

  enum CodingKeys: String, CodingKey {
    case rawBits = "raw_bits"
    case minEntropyPerBit = "min_entropy_per_bit"
    case outputBits = "output_bits"
    case extractor, estimates, tests
  }
}

extension QRNG {
  /// Generates `bits` output bits from a seeded generator and reports how.
  ///
  /// With `raw` the source's raw bits are returned (still health-tested; no extraction).
  /// With `runTests` the SP 800-22 battery is run on the returned bits (at least
  /// ``TestBattery/minimumLength`` bits).
  /// - Throws: ``QRNGError`` from start-up, the health tests, extraction or the battery.
  public static func generate(
    bits: Int, seed: UInt64, raw: Bool = false, runTests: Bool = false,
    configuration: QRNGConfiguration
  ) throws(QRNGError) -> (bits: BitVector, report: QRNGReport) {
    try QRNGError.check(bits, in: 0...(1 << 40), name: "bit count")
    let effective =
      raw
      ? try QRNGConfiguration(
        source: configuration.source, extractor: .none,
        assessmentBits: configuration.assessmentBits, blockLength: configuration.blockLength,
        epsilon: configuration.epsilon,
        falsePositiveExponent: configuration.falsePositiveExponent)
      : configuration
    var generator = try QRNG(configuration: effective, seed: seed)
    let output = try generator.nextBits(bits)
    let tests = runTests ? try TestBattery().run(output) : nil
    let report = QRNGReport(
      rawBits: generator.rawBitsConsumed, minEntropyPerBit: generator.assessment.minEntropyPerBit,
      outputBits: output.count, extractor: effective.extractor, estimates: generator.assessment,
      tests: tests)
    return (output, report)
  }
}
