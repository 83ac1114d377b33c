import Foundation
import Photonics

/// The key-rate theory for the link of a BB84 configuration, and the asymptotic rate estimated
/// from a run's measured gains and error rates.
public enum BB84Theory {
  /// The link as the theory sees it: η_Bob is the mean detector efficiency times the fibre's
  /// insertion loss, Y0 = 1 − (1 − d0)(1 − d1), e_d the receiver's misalignment, f the assumed
  /// reconciliation efficiency and q the sifting factor. Fibre depolarization, dephasing, drift,
  /// dead time and afterpulsing are outside the closed forms. Nil when η_Bob is 0.
  public static func keyRateParameters(for configuration: BB84Configuration) -> KeyRateParameters? {
    let link = configuration.link
    let r = link.receiver
    let eta =
      (r.detector0.efficiency + r.detector1.efficiency) / 2
      * pow(10, -link.fibre.insertionLossDb / 10)
    let y0 = 1 - (1 - r.detector0.darkCountProbability) * (1 - r.detector1.darkCountProbability)
    let parameters = KeyRateParameters(
      distanceKm: link.fibre.lengthKm, attenuationDbPerKm: link.fibre.attenuationDbPerKm,
      detectorEfficiency: eta, backgroundYield: y0, misalignment: r.misalignment,
      ecEfficiency: configuration.postProcessing.assumedECEfficiency,
      siftingFactor: configuration.siftingFactor)
    return try? parameters.validated()
  }

  /// The closed-form asymptotic key rate per pulse sent, for the honest link of `configuration`
  /// at its signal intensity: Shor–Preskill for a single-photon source, GLLP for weak coherent
  /// pulses, the infinite-decoy rate of Lo, Ma & Chen (2005) for a decoy source. Only signal
  /// pulses carry key, so the rate per signal pulse is multiplied by the signal probability.
  /// Nil when the link has no theory parameters.
  public static func rate(for configuration: BB84Configuration) -> Double? {
    guard let parameters = keyRateParameters(for: configuration) else { return nil }
    let signal = configuration.link.source.intensities[0]
    let perSignalPulse: Double?
    switch configuration.sourceKind {
    case .singlePhoton: perSignalPulse = try? KeyRateTheory.singlePhotonRate(link: parameters)
    case .weakCoherent:
      perSignalPulse = try? KeyRateTheory.gllpRate(link: parameters, intensity: signal.mean)
    case .decoy:
      perSignalPulse = try? KeyRateTheory.decoyRate(link: parameters, intensity: signal.mean)
    }
    return perSignalPulse.map { $0 * signal.probability }
  }

  /// The PLOB bound −log2(1 − η) for the link's total transmittance (fibre × η_Bob).
  public static func plobBound(for configuration: BB84Configuration) -> Double? {
    guard let p = keyRateParameters(for: configuration) else { return nil }
    let eta =
      configuration.link.fibre.transmittance * (p.detectorEfficiency)
      / pow(10, -configuration.link.fibre.insertionLossDb / 10)
    return try? KeyRateTheory.plobBound(transmittance: min(eta, 1 - 1e-16))
  }

  /// The asymptotic vacuum + weak decoy rate per pulse sent:
  /// p_signal·q·{−Q_μ·f·h(E_μ) + Q1ᴸ·[1 − h(e1ᵁ)]}, with Q1ᴸ and e1ᵁ from
  /// ``DecoyStateEstimation`` without fluctuations (Ma, Qi, Zhao & Lo 2005, Eq. (1)).
  ///
  /// Fed with the gains and error rates expected from the link it is the theory of the
  /// vacuum + weak decoy protocol actually run; fed with a run's measured values it is that
  /// run's asymptotic estimate. May be negative (no key).
  /// - Throws: ``PostProcessingError`` for values outside their ranges.
  public static func vacuumWeakDecoyRate(
    _ m: DecoyMeasurement, siftingFactor q: Double, signalProbability p: Double,
    ecEfficiency f: Double
  ) throws(PostProcessingError) -> Double {
    let estimate = try DecoyStateEstimation.estimate(m, standardDeviations: 0)
    let e1 = estimate.singlePhotonErrorUpperBound
    let privacy =
      estimate.singlePhotonYieldLowerBound > 0
      ? estimate.singlePhotonGainLowerBound * (1 - binaryEntropy(e1)) : 0
    return p * q * (-m.signalGain * f * binaryEntropy(m.signalErrorRate) + privacy)
  }

  /// The decoy measurement the link of `configuration` produces on average (gains
  /// Q = Y0 + 1 − e^{−ημ}, error rates E = (e0·Y0 + e_d·(1 − e^{−ημ}))/Q), nil unless it has a
  /// decoy source and theory parameters.
  public static func expectedDecoyMeasurement(for configuration: BB84Configuration)
    -> DecoyMeasurement?
  {
    guard configuration.sourceKind == .decoy,
      let p = keyRateParameters(for: configuration),
      let model = try? StandardChannelModel(link: p)
    else { return nil }
    let i = configuration.link.source.intensities
    return DecoyMeasurement(
      signalIntensity: i[0].mean, decoyIntensity: i[1].mean,
      signalGain: model.gain(intensity: i[0].mean),
      signalErrorRate: model.errorRate(intensity: i[0].mean),
      decoyGain: model.gain(intensity: i[1].mean),
      decoyErrorRate: model.errorRate(intensity: i[1].mean), vacuumYield: p.backgroundYield)
  }

  /// The standard error of ``vacuumWeakDecoyRate(_:siftingFactor:signalProbability:ecEfficiency:)``
  /// for a measurement from finite counts, by first-order propagation of the binomial errors of
  /// Q_μ, E_μ, Q_ν, E_ν and Y0 (treated as independent; the gains and error rates of one
  /// intensity are nearly uncorrelated).
  /// - Parameters:
  ///   - signalErrorSample: bits on which E_μ was measured.
  ///   - decoyErrorSample: bits on which E_ν was measured.
  /// - Throws: ``PostProcessingError``.
  public static func vacuumWeakDecoyRateStandardError(
    _ m: DecoyMeasurement, siftingFactor q: Double, signalProbability p: Double,
    ecEfficiency f: Double, signalPulses: Int, decoyPulses: Int, vacuumPulses: Int,
    signalErrorSample: Int, decoyErrorSample: Int
  ) throws(PostProcessingError) -> Double {
    func binomial(_ x: Double, _ n: Int) -> Double {
      n > 0 ? (max(0, x * (1 - x)) / Double(n)).squareRoot() : 0
    }
    let sigmas = [
      binomial(m.signalGain, signalPulses), binomial(m.signalErrorRate, signalErrorSample),
      binomial(m.decoyGain, decoyPulses), binomial(m.decoyErrorRate, decoyErrorSample),
      binomial(m.vacuumYield, vacuumPulses),
    ]
    func with(_ k: Int, _ delta: Double) -> DecoyMeasurement {
      var x = m
      switch k {
      case 0: x.signalGain = min(1, max(0, x.signalGain + delta))
      case 1: x.signalErrorRate = min(1, max(0, x.signalErrorRate + delta))
      case 2: x.decoyGain = min(1, max(0, x.decoyGain + delta))
      case 3: x.decoyErrorRate = min(1, max(0, x.decoyErrorRate + delta))
      default: x.vacuumYield = min(1, max(0, x.vacuumYield + delta))
      }
      return x
    }
    var variance = 0.0
    for (k, s) in sigmas.enumerated() where s > 0 {
      let h = s / 4
      let up = try vacuumWeakDecoyRate(
        with(k, h), siftingFactor: q, signalProbability: p, ecEfficiency: f)
      let down = try vacuumWeakDecoyRate(
        with(k, -h), siftingFactor: q, signalProbability: p, ecEfficiency: f)
      let derivative = (up - down) / (2 * h)
      variance += derivative * derivative * s * s
    }
    return variance.squareRoot()
  }
}
