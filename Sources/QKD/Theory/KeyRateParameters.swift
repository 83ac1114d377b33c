import Foundation

/// A fibre link for key-rate theory in the standard model of Lo, Ma & Chen, PRL 94, 230504
/// (2005): channel loss α (dB/km) over L km, Bob's lumped transmittance η_Bob (optics ×
/// detector efficiency), background yield Y0 with error rate e0, misalignment e_d, and an error
/// correction that leaks f·h(E) bits per sifted bit.
///
/// Decoding validates: a JSON object with a negative distance, a probability outside [0, 1] or
/// a NaN fails with a ``KeyRateError``. Keys are snake_case (`distance_km`, …); all but
/// `distance_km` are optional and default to the values below.
public struct KeyRateParameters: Sendable, Hashable, Codable {
  /// Fibre length L in km (≥ 0).
  public var distanceKm: Double
  /// Fibre loss α in dB/km (default 0.2).
  public var attenuationDbPerKm: Double
  /// η_Bob: transmittance inside Bob's lab times detector efficiency, in (0, 1].
  public var detectorEfficiency: Double
  /// Y0: probability of a detection with no photon (dark counts and background), in [0, 1].
  public var backgroundYield: Double
  /// e0: error rate of background detections (default 0.5, random).
  public var backgroundErrorRate: Double
  /// e_d: probability that a photon reaches the wrong detector (misalignment), in [0, 0.5].
  public var misalignment: Double
  /// f: error-correction leakage relative to the Shannon limit (≥ 1).
  public var ecEfficiency: Double
  /// q: fraction of detections kept by sifting (1/2 for symmetric BB84; near 1 for efficient
  /// BB84 with biased bases).
  public var siftingFactor: Double

  /// Creates link parameters; ``validated()`` checks them.
  public init(
    distanceKm: Double, attenuationDbPerKm: Double = 0.2, detectorEfficiency: Double,
    backgroundYield: Double, backgroundErrorRate: Double = 0.5, misalignment: Double,
    ecEfficiency: Double = 1.22, siftingFactor: Double = 0.5
  ) {
    self.distanceKm = distanceKm
    self.attenuationDbPerKm = attenuationDbPerKm
    self.detectorEfficiency = detectorEfficiency
    self.backgroundYield = backgroundYield
    self.backgroundErrorRate = backgroundErrorRate
    self.misalignment = misalignment
    self.ecEfficiency = ecEfficiency
    self.siftingFactor = siftingFactor
  }

  /// The GYS experiment (Gobby, Yuan & Shields, APL 84, 3762 (2004)) as used by Lo, Ma & Chen
  /// 2005: α = 0.21 dB/km, η_Bob = 0.045, Y0 = 1.7·10⁻⁶, e_d = 3.3 %, f = 1.22, q = 1/2.
  public static func gobbyYuanShields(distanceKm: Double) -> KeyRateParameters {
    KeyRateParameters(
      distanceKm: distanceKm, attenuationDbPerKm: 0.21, detectorEfficiency: 0.045,
      backgroundYield: 1.7e-6, misalignment: 0.033, ecEfficiency: 1.22, siftingFactor: 0.5)
  }

  /// The background yield Y0 = 1 − (1 − P)² of two detectors that each fire with probability
  /// P per gate when no photon arrives.
  /// - Throws: ``KeyRateError/invalidParameter(name:value:allowed:)`` unless P ∈ [0, 1].
  public static func backgroundYield(darkCountProbability p: Double) throws(KeyRateError)
    -> Double
  {
    try checkParameter("dark-count probability", p, in: 0...1)
    return 1 - (1 - p) * (1 - p)
  }

  /// Checks every field and returns the parameters unchanged.
  /// - Throws: ``KeyRateError/invalidParameter(name:value:allowed:)`` naming the first bad one.
  @discardableResult
  public func validated() throws(KeyRateError) -> KeyRateParameters {
    try checkParameter("distance_km", distanceKm, in: 0...1e6)
    try checkParameter("attenuation_db_per_km", attenuationDbPerKm, in: 0...100)
    guard detectorEfficiency.isFinite, detectorEfficiency > 0, detectorEfficiency <= 1 else {
      throw .invalidParameter(
        name: "detector_efficiency", value: detectorEfficiency, allowed: "finite in (0, 1]")
    }
    try checkParameter("background_yield", backgroundYield, in: 0...1)
    try checkParameter("background_error_rate", backgroundErrorRate, in: 0...1)
    try checkParameter("misalignment", misalignment, in: 0...0.5)
    try checkParameter("ec_efficiency", ecEfficiency, in: 1...10)
    guard siftingFactor.isFinite, siftingFactor > 0, siftingFactor <= 1 else {
      throw .invalidParameter(
        name: "sifting_factor", value: siftingFactor, allowed: "finite in (0, 1]")
    }
    return self
  }

  /// The channel transmittance 10^(−αL/10) of the fibre alone.
  public var fibreTransmittance: Double { pow(10, -attenuationDbPerKm * distanceKm / 10) }

  /// The total transmittance η = 10^(−αL/10)·η_Bob from Alice's output to a click.
  public var transmittance: Double { fibreTransmittance * detectorEfficiency }

  enum CodingKeys: String, CodingKey {
    case distanceKm = "distance_km"
    case attenuationDbPerKm = "attenuation_db_per_km"
    case detectorEfficiency = "detector_efficiency"
    case backgroundYield = "background_yield"
    case backgroundErrorRate = "background_error_rate"
    case misalignment
    case ecEfficiency = "ec_efficiency"
    case siftingFactor = "sifting_factor"
  }

  /// Decodes and validates; missing optional keys take the GYS / BB84 defaults.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = KeyRateParameters.gobbyYuanShields(distanceKm: 0)
    self.init(
      distanceKm: try c.decode(Double.self, forKey: .distanceKm),
      attenuationDbPerKm: try c.decodeIfPresent(Double.self, forKey: .attenuationDbPerKm)
        ?? 0.2,
      detectorEfficiency: try c.decodeIfPresent(Double.self, forKey: .detectorEfficiency)
        ?? defaults.detectorEfficiency,
      backgroundYield: try c.decodeIfPresent(Double.self, forKey: .backgroundYield)
        ?? defaults.backgroundYield,
      backgroundErrorRate: try c.decodeIfPresent(Double.self, forKey: .backgroundErrorRate)
        ?? 0.5,
      misalignment: try c.decodeIfPresent(Double.self, forKey: .misalignment)
        ?? defaults.misalignment,
      ecEfficiency: try c.decodeIfPresent(Double.self, forKey: .ecEfficiency)
        ?? defaults.ecEfficiency,
      siftingFactor: try c.decodeIfPresent(Double.self, forKey: .siftingFactor) ?? 0.5)
    try validated()
  }
}
