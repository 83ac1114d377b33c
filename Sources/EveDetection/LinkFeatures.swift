import Foundation

/// The statistics of one session set against what the calibrated link should measure: the inputs
/// of every classifier in this module. Deviations are given both as log-ratios (size-free) and in
/// standard errors (which grow with the session's size), so a model can weigh calibration
/// uncertainty against sampling noise.
public struct LinkFeatures: Sendable, Codable, Equatable {
  /// QBER of signal pulses in the Z basis (fraction; double clicks count as half an error).
  public var qberZ: Double
  /// QBER of signal pulses in the X basis (fraction).
  public var qberX: Double
  /// Z-basis signal QBER minus its calibrated expectation, in binomial standard errors.
  public var qberZExcessSigma: Double
  /// X-basis signal QBER minus its calibrated expectation, in binomial standard errors.
  public var qberXExcessSigma: Double
  /// Decoy QBER (both bases) minus its calibrated expectation, in binomial standard errors.
  public var decoyQBERExcessSigma: Double
  /// ln(observed / expected) signal gain: the detection rate against the expected transmittance.
  public var signalGainLogRatio: Double
  /// ln(observed / expected) decoy gain.
  public var decoyGainLogRatio: Double
  /// ln(observed / expected) vacuum yield (dark counts), with half-count smoothing.
  public var vacuumYieldLogRatio: Double
  /// Signal clicks minus their expectation, in binomial standard errors.
  public var signalGainDeviationSigma: Double
  /// Decoy clicks minus their expectation, in binomial standard errors.
  public var decoyGainDeviationSigma: Double
  /// ln of the observed decoy/signal gain ratio over the expected one, in standard errors
  /// (photon-number splitting lowers it).
  public var decoySignalRatioDeviationSigma: Double
  /// Double clicks minus their expectation, in Poisson standard errors.
  public var doubleClickExcessSigma: Double
  /// Double clicks per signal detection (fraction).
  public var doubleClickFraction: Double
  /// Calibrated expectation of the signal QBER (fraction).
  public var expectedQBER: Double
  /// log₁₀ of the sifted signal bits of the session.
  public var log10SiftedBits: Double

  /// Feature names, in vector order (snake case, as in CSV headers).
  public static let names: [String] = [
    "qber_z", "qber_x", "qber_z_excess_sigma", "qber_x_excess_sigma", "decoy_qber_excess_sigma",
    "signal_gain_log_ratio", "decoy_gain_log_ratio", "vacuum_yield_log_ratio",
    "signal_gain_deviation_sigma", "decoy_gain_deviation_sigma",
    "decoy_signal_ratio_deviation_sigma", "double_click_excess_sigma", "double_click_fraction",
    "expected_qber", "log10_sifted_bits",
  ]

  /// Units of each feature, in vector order.
  public static let units: [String] = [
    "fraction", "fraction", "standard errors", "standard errors", "standard errors", "ln ratio",
    "ln ratio", "ln ratio", "standard errors", "standard errors", "standard errors",
    "standard errors", "fraction", "fraction", "log10 bits",
  ]

  /// The features as a vector in the order of ``names``.
  public var vector: [Double] {
    [
      qberZ, qberX, qberZExcessSigma, qberXExcessSigma, decoyQBERExcessSigma, signalGainLogRatio,
      decoyGainLogRatio, vacuumYieldLogRatio, signalGainDeviationSigma, decoyGainDeviationSigma,
      decoySignalRatioDeviationSigma, doubleClickExcessSigma, doubleClickFraction, expectedQBER,
      log10SiftedBits,
    ]
  }

  /// Computes the features of `counts` against the attack-free model of the calibrated link.
  public init(counts: SessionCounts, calibration: LinkCalibration) throws {
    let expected = try SessionOutcomeModel(
      link: calibration.nominal, decoyProtocol: calibration.decoyProtocol, attack: .none)
    try self.init(counts: counts, expected: expected)
  }

  /// Computes the features against a precomputed attack-free model of the calibrated link (reuse
  /// it when scoring many sessions of one link).
  public init(counts: SessionCounts, expected: SessionOutcomeModel) throws {
    _ = try SessionCounts(cells: counts.cells)
    guard counts.siftedSignalBits > 0 else {
      throw EveDetectionError.inconsistentCounts(reason: "the session has no sifted signal bits")
    }
    let signal = expected.cells[0][0]
    let decoy = expected.cells[1][0]
    let vacuum = expected.cells[2][0]
    let s = counts.cells[0]
    let dcy = counts.cells[1]
    let vac = counts.cells[2]

    func rate(_ k: Int, _ n: Int) -> Double { n > 0 ? Double(k) / Double(n) : 0 }
    func excess(errors k: Int, bits n: Int, expected e: Double) -> Double {
      guard n > 0 else { return 0 }
      let se = (max(e * (1 - e), 1e-12) / Double(n)).squareRoot()
      return (Double(k) / Double(n) - e) / se
    }
    func gainDeviation(clicks k: Int, pulses n: Int, gain q: Double) -> Double {
      let mean = Double(n) * q
      return (Double(k) - mean) / max(mean * (1 - q), 1).squareRoot()
    }
    func logRatio(clicks k: Int, pulses n: Int, gain q: Double) -> Double {
      log((Double(k) + 0.5) / (Double(n) * q + 0.5))
    }

    let sClicks = s[0].detections + s[1].detections
    let sPulses = s[0].pulses + s[1].pulses
    let dClicks = dcy[0].detections + dcy[1].detections
    let dPulses = dcy[0].pulses + dcy[1].pulses
    let vClicks = vac[0].detections + vac[1].detections
    let vPulses = vac[0].pulses + vac[1].pulses

    qberZ = rate(s[0].errors, s[0].detections)
    qberX = rate(s[1].errors, s[1].detections)
    qberZExcessSigma = excess(errors: s[0].errors, bits: s[0].detections, expected: signal.qber)
    qberXExcessSigma = excess(errors: s[1].errors, bits: s[1].detections, expected: signal.qber)
    decoyQBERExcessSigma = excess(
      errors: dcy[0].errors + dcy[1].errors, bits: dClicks, expected: decoy.qber)
    signalGainLogRatio = logRatio(clicks: sClicks, pulses: sPulses, gain: signal.gain)
    decoyGainLogRatio = logRatio(clicks: dClicks, pulses: dPulses, gain: decoy.gain)
    vacuumYieldLogRatio = logRatio(clicks: vClicks, pulses: vPulses, gain: vacuum.gain)
    signalGainDeviationSigma = gainDeviation(clicks: sClicks, pulses: sPulses, gain: signal.gain)
    decoyGainDeviationSigma = gainDeviation(clicks: dClicks, pulses: dPulses, gain: decoy.gain)
    // Delta method: var ln(k_d/k_s) ≈ 1/k_d + 1/k_s for Poisson-like counts.
    let ratioDeviation =
      log((Double(dClicks) + 0.5) / (Double(sClicks) + 0.5) * Double(max(sPulses, 1))
        / Double(max(dPulses, 1))) - log(decoy.gain / signal.gain)
    decoySignalRatioDeviationSigma =
      ratioDeviation / (1 / (Double(dClicks) + 0.5) + 1 / (Double(sClicks) + 0.5)).squareRoot()
    let doubles = s[0].doubleClicks + s[1].doubleClicks
    let expectedDoubles = Double(sPulses) * signal.double
    doubleClickExcessSigma = (Double(doubles) - expectedDoubles) / (expectedDoubles + 1).squareRoot()
    doubleClickFraction = rate(doubles, sClicks)
    expectedQBER = signal.qber
    log10SiftedBits = log10(Double(max(sClicks, 1)))
  }
}
