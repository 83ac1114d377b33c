/// How a ``QRNG`` turns raw bits into output.
public enum ExtractorKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// Seeded Toeplitz hashing sized by the leftover hash lemma (``ToeplitzExtractor``).
  case toeplitz
  /// SHA-256 vetted conditioning (``SHA256Conditioner``).
  case sha256
  /// Von Neumann debiasing (``VonNeumannExtractor``), the teaching baseline: it removes bias
  /// but not correlation.
  case vonNeumann = "von_neumann"
  /// No extraction: the raw bits themselves (health tests still run).
  case none
}

/// Everything a ``QRNG`` needs besides its seed.
public struct QRNGConfiguration: Sendable, Hashable, Codable {
  /// The physical source.
  public let source: BeamSplitterSourceConfiguration
  /// The extractor.
  public let extractor: ExtractorKind
  /// Raw bits generated at start-up for the min-entropy assessment (SP 800-90B asks for 10^6).
  public let assessmentBits: Int
  /// Raw bits per Toeplitz block (and per batch for the other extractors).
  public let blockLength: Int
  /// The distance ε from uniform of each Toeplitz output block.
  public let epsilon: Double
  /// The health tests' false-positive rate α = 2^−exponent (SP 800-90B allows 20…40; 40 keeps
  /// false alarms below one per 10^11 bits).
  public let falsePositiveExponent: Double

  /// A configuration; parameters are validated.
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)`` unless
  ///   ``MinEntropyEstimators/minimumLength`` ≤ assessment bits ≤ 2^30,
  ///   1024 ≤ block length ≤ 2^26, 0 < ε < 1 and 20 ≤ exponent ≤ 64.
  public init(
    source: BeamSplitterSourceConfiguration, extractor: ExtractorKind = .toeplitz,
    assessmentBits: Int = 1_000_000, blockLength: Int = 1 << 20, epsilon: Double = 1e-12,
    falsePositiveExponent: Double = 40
  ) throws(QRNGError) {
    try QRNGError.check(
      assessmentBits, in: MinEntropyEstimators.minimumLength...(1 << 30),
      name: "assessment bits")
    try QRNGError.check(blockLength, in: 1024...(1 << 26), name: "block length")
    guard epsilon.isFinite, epsilon > 0, epsilon < 1 else {
      throw .invalidParameter(
        name: "epsilon", value: "\(epsilon)", allowed: "a number strictly in (0, 1)")
    }
    try QRNGError.check(falsePositiveExponent, in: 20...64, name: "false-positive exponent")
    self.source = source
    self.extractor = extractor
    self.assessmentBits = assessmentBits
    self.blockLength = blockLength
    self.epsilon = epsilon
    self.falsePositiveExponent = falsePositiveExponent
  }

  /// The typical single-photon source (``BeamSplitterSourceConfiguration/typical(efficiencyMismatch:)``)
  /// with Toeplitz extraction.
  public static func typical() throws(QRNGError) -> QRNGConfiguration {
    try QRNGConfiguration(source: .typical())
  }
}
