import Foundation

/// The statistics of one session set against what the calibrated link should measure: the inputs
/// of every classifier in this module. Every feature is relative to the calibration, so a clean
/// link that is merely noisy or lossy looks like any other clean link. Deviations are given both
/// size-free (differences, log-ratios) and in standard errors (which grow with the session), so a
/// model can weigh calibration uncertainty against sampling noise.
public struct LinkFeatures: Sendable, Codable, Equatable {
  /// Signal QBER in the Z basis (fraction; double clicks count as half an error). Context only:
  /// not part of ``vector``.
  public var qberZ: Double
  /// Signal QBER in the X basis (fraction). Context only.
  public var qberX: Double
  /// The calibrated expectation of the signal QBER at the observed gain (fraction). Context only.
  public var expectedQBER: Double

  /// Z-basis signal QBER minus its calibrated expectation (fraction).
  public var qberZExcess: Double
  /// X-basis signal QBER minus its calibrated expectation (fraction).
  public var qberXExcess: Double
  /// Z-basis excess in binomial standard errors.
  public var qberZExcessSigma: Double
  /// X-basis excess in binomial standard errors.
  public var qberXExcessSigma: Double
  /// Decoy QBER (both bases) minus its calibrated expectation, in binomial standard errors.
  public var decoyQBERExcessSigma: Double
  /// ln(observed / expected) signal gain: the detection rate against the expected transmittance
  /// (beam splitting lowers it).
  public var signalGainLogRatio: Double
  /// ln(observed / expected) decoy gain.
  public var decoyGainLogRatio: Double
  /// ln(observed / expected) vacuum yield (dark counts), with half-count smoothing.
  public var vacuumYieldLogRatio: Double
  /// Signal clicks minus their expectation, in binomial standard errors.
  public var signalGainDeviationSigma: Double
  /// Decoy clicks minus their expectation, in binomial standard errors.
  public var decoyGainDeviationSigma: Double
  /// ln of the observed decoy/signal gain ratio over the expected one (photon-number splitting
  /// lowers it; loss and efficiency errors cancel to first order).
  public var decoySignalRatioLogDeviation: Double
  /// The same in standard errors.
  public var decoySignalRatioDeviationSigma: Double
  /// Double clicks minus their expectation, in Poisson standard errors.
  public var doubleClickExcessSigma: Double
  /// Double clicks minus their expectation, per signal detection (fraction).
  public var doubleClickExcess: Double

  /// Feature names, in vector order (snake case, as in CSV headers).
  public static let names: [String] = [
    "qber_z_excess", "qber_x_excess", "qber_z_excess_sigma", "qber_x_excess_sigma",
    "decoy_qber_excess_sigma", "signal_gain_log_ratio", "decoy_gain_log_ratio",
    "vacuum_yield_log_ratio", "signal_gain_deviation_sigma", "decoy_gain_deviation_sigma",
    "decoy_signal_ratio_log_deviation", "decoy_signal_ratio_deviation_sigma",
    "double_click_excess_sigma", "double_click_excess",
  ]

  /// Units of each feature, in vector order.
  public static let units: [String] = [
    "fraction", "fraction", "standard errors", "standard errors", "standard errors", "ln ratio",
    "ln ratio", "ln ratio", "standard errors", "standard errors", "ln ratio", "standard errors",
    "standard errors", "fraction",
  ]

  /// The model inputs in the order of ``names``.
  public var vector: [Double] {
    [
      qberZExcess, qberXExcess, qberZExcessSigma, qberXExcessSigma, decoyQBERExcessSigma,
      signalGainLogRatio, decoyGainLogRatio, vacuumYieldLogRatio, signalGainDeviationSigma,
      decoyGainDeviationSigma, decoySignalRatioLogDeviation, decoySignalRatioDeviationSigma,
      doubleClickExcessSigma, doubleClickExcess,
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
    func sigma(excess: Double, bits n: Int, expected e: Double) -> Double {
      n > 0 ? excess / (max(e * (1 - e), 1e-12) / Double(n)).squareRoot() : 0
    }
    func gainDeviation(clicks k: Int, pulses n: Int, gain q: Double) -> Double {
      let mean = Double(n) * q
      return (Double(k) - mean) / max(mean * (1 - q), 1).squareRoot()
    }
    func logRatio(clicks k: Int, pulses n: Int, gain q: Double) -> Double {
      log((Double(k) + 0.5) / (Double(n) * q + 0.5))
    }
    // The dark-count yield Y₀ from the vacuum pulses, with the calibrated value counting as
    // 400 vacuum detections (5% relative precision): on long links, where dark counts set much
    // of the QBER, the session's own measurement is the sharper one.
    let vacuumPulses = Double(vac[0].pulses + vac[1].pulses)
    let vacuumClicks = Double(vac[0].detections + vac[1].detections)
    let priorClicks = 400.0
    let y0 =
      vacuum.gain > 0
      ? (vacuumClicks + priorClicks) / (vacuumPulses + priorClicks / vacuum.gain) : 0
    /// Expected error rate at an observed gain: errors from dark counts (rate Y₀/2) stay fixed
    /// while photon-induced errors scale with the photon-induced gain (Lo, Ma & Chen 2005,
    /// E_μQ_μ = e₀Y₀ + e_d(Q_μ − Y₀)); exact at the calibrated gain and Y₀.
    func expectedErrorRate(_ cell: ClickProbabilities, observedGain q: Double) -> Double {
      let y0Calibrated = vacuum.gain
      let photonGain = max(cell.gain - y0Calibrated, 1e-300)
      let photonError = max(0, (cell.qber * cell.gain - y0Calibrated / 2) / photonGain)
      let observedPhoton = max(q - y0, 0)
      let gain = max(q, 1e-300)
      return min(0.5, max(1e-9, (y0 / 2 + photonError * observedPhoton) / gain))
    }

    let sClicks = s[0].detections + s[1].detections
    let sPulses = s[0].pulses + s[1].pulses
    let dClicks = dcy[0].detections + dcy[1].detections
    let dPulses = dcy[0].pulses + dcy[1].pulses
    let vClicks = vac[0].detections + vac[1].detections
    let vPulses = vac[0].pulses + vac[1].pulses
    let eSignal = expectedErrorRate(signal, observedGain: rate(sClicks, sPulses))
    let eDecoy = expectedErrorRate(decoy, observedGain: rate(dClicks, dPulses))

    qberZ = rate(s[0].errors, s[0].detections)
    qberX = rate(s[1].errors, s[1].detections)
    expectedQBER = eSignal
    qberZExcess = s[0].detections > 0 ? qberZ - eSignal : 0
    qberXExcess = s[1].detections > 0 ? qberX - eSignal : 0
    qberZExcessSigma = sigma(excess: qberZExcess, bits: s[0].detections, expected: eSignal)
    qberXExcessSigma = sigma(excess: qberXExcess, bits: s[1].detections, expected: eSignal)
    decoyQBERExcessSigma = sigma(
      excess: dClicks > 0 ? rate(dcy[0].errors + dcy[1].errors, dClicks) - eDecoy : 0,
      bits: dClicks, expected: eDecoy)
    signalGainLogRatio = logRatio(clicks: sClicks, pulses: sPulses, gain: signal.gain)
    decoyGainLogRatio = logRatio(clicks: dClicks, pulses: dPulses, gain: decoy.gain)
    vacuumYieldLogRatio = logRatio(clicks: vClicks, pulses: vPulses, gain: vacuum.gain)
    signalGainDeviationSigma = gainDeviation(clicks: sClicks, pulses: sPulses, gain: signal.gain)
    decoyGainDeviationSigma = gainDeviation(clicks: dClicks, pulses: dPulses, gain: decoy.gain)
    // Delta method: var ln(k_d/k_s) ≈ 1/k_d + 1/k_s for Poisson-like counts.
    decoySignalRatioLogDeviation = decoyGainLogRatio - signalGainLogRatio
    decoySignalRatioDeviationSigma =
      decoySignalRatioLogDeviation
      / (1 / (Double(dClicks) + 0.5) + 1 / (Double(sClicks) + 0.5)).squareRoot()
    let doubles = s[0].doubleClicks + s[1].doubleClicks
    let expectedDoubles = Double(sPulses) * signal.double
    doubleClickExcessSigma =
      (Double(doubles) - expectedDoubles) / (expectedDoubles + 1).squareRoot()
    doubleClickExcess = (Double(doubles) - expectedDoubles) / Double(max(sClicks, 1))
  }
}
