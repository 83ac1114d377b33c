/// One row of a key-rate table: the theory rate and the repeaterless bound at one distance.
public struct KeyRateRow: Sendable, Hashable, Codable {
  /// The fibre length in km.
  public var distanceKm: Double
  /// The signal intensity μ used (optimised unless fixed; 1 for a single-photon source).
  public var mu: Double
  /// Secret bits per pulse sent.
  public var keyRatePerPulse: Double
  /// The PLOB bound −log2(1 − η) for the same total transmittance η.
  public var plobBound: Double
  /// The total transmittance η.
  public var transmittance: Double

  /// Creates a row.
  public init(
    distanceKm: Double, mu: Double, keyRatePerPulse: Double, plobBound: Double,
    transmittance: Double
  ) {
    self.distanceKm = distanceKm
    self.mu = mu
    self.keyRatePerPulse = keyRatePerPulse
    self.plobBound = plobBound
    self.transmittance = transmittance
  }

  enum CodingKeys: String, CodingKey {
    case distanceKm = "distance_km"
    case mu
    case keyRatePerPulse = "key_rate_per_pulse"
    case plobBound = "plob_bound"
    case transmittance
  }
}

extension KeyRateTheory {
  /// Rows from `from` to `to` km (inclusive, within rounding) in steps of `step`, with every
  /// other link parameter taken from `link`. μ is optimised per distance unless `mu` is given
  /// (ignored for ``KeyRateProtocol/bb84``).
  /// - Throws: ``KeyRateError/invalidDistanceRange(from:to:step:)`` for an empty, reversed or
  ///   too fine range; the link and intensity errors otherwise.
  public static func rows(
    protocol kind: KeyRateProtocol, link: KeyRateParameters, from: Double, to: Double,
    step: Double, mu fixedMu: Double? = nil
  ) throws(KeyRateError) -> [KeyRateRow] {
    guard from.isFinite, to.isFinite, step.isFinite, from >= 0, to >= from, step > 0,
      (to - from) / step <= 100_000
    else { throw .invalidDistanceRange(from: from, to: to, step: step) }
    if let fixedMu { try checkIntensity(fixedMu) }
    let count = Int(((to - from) / step + 1e-9).rounded(.down)) + 1
    var rows: [KeyRateRow] = []
    rows.reserveCapacity(count)
    for i in 0..<count {
      var point = link
      point.distanceKm = from + Double(i) * step
      let model = try StandardChannelModel(link: point)
      let mu: Double
      let rate: Double
      switch (kind, fixedMu) {
      case (.bb84, _):
        (mu, rate) = (1, try singlePhotonRate(link: point))
      case (.gllp, let m?):
        (mu, rate) = (m, max(0, gllpRaw(model: model, mu: m)))
      case (.decoy, let m?):
        (mu, rate) = (m, max(0, decoyRaw(model: model, mu: m)))
      case (_, nil):
        (mu, rate) = try optimalRate(protocol: kind, link: point)
      }
      rows.append(
        KeyRateRow(
          distanceKm: point.distanceKm, mu: mu, keyRatePerPulse: rate,
          plobBound: try plobBound(transmittance: model.transmittance),
          transmittance: model.transmittance))
    }
    return rows
  }
}
