import Foundation

/// Stage 4 and the length of stage 7: the single-photon analysis of the disclosed statistics
/// and the leftover-hash-lemma key length.
///
/// - Single-photon source: every key bit is a single-photon bit; its phase-error rate is bounded
///   by the larger of the per-basis QBER bounds (Shor & Preskill 2000).
/// - Weak coherent pulses without decoys (GLLP, QIC 4, 325 (2004)): at least a fraction
///   Ω = 1 − p_multi/Q_μ of the detections came from at most one photon, with
///   p_multi = 1 − (1 + μ)e^{−μ}; their phase-error rate is at most E/Ω.
/// - Vacuum + weak decoy (Ma, Qi, Zhao & Lo 2005): Y1, Q1 and e1 from
///   ``DecoyStateEstimation``, with fluctuations of ``BB84Configuration/decoyStandardDeviations``
///   standard deviations.
public struct BB84SinglePhotonAnalysis: Sendable, Hashable, Codable {
  /// The decoy measurement (decoy sources only).
  public var decoyMeasurement: DecoyMeasurement?
  /// The decoy bounds (decoy sources only).
  public var decoyEstimate: DecoyEstimate?
  /// Lower bound on the fraction of signal key bits that came from single photons.
  public var singlePhotonFraction: Double
  /// Upper bound on the single-photon phase-error rate e1.
  public var phaseErrorUpperBound: Double

  /// Analyses the disclosed statistics of a session.
  /// - Throws: ``BB84AbortReason/noSinglePhotonKey(yieldLowerBound:errorUpperBound:)`` when no
  ///   single-photon contribution remains.
  public static func analyse(
    configuration: BB84Configuration, estimation: BB84EstimationResult
  ) throws(BB84AbortReason) -> BB84SinglePhotonAnalysis {
    let stats = estimation.statistics
    let bound = estimation.qberUpperBound.compactMap { $0 }.max() ?? 0.5
    switch configuration.sourceKind {
    case .singlePhoton:
      guard bound < 0.5 else {
        throw .noSinglePhotonKey(yieldLowerBound: 1, errorUpperBound: bound)
      }
      return BB84SinglePhotonAnalysis(
        decoyMeasurement: nil, decoyEstimate: nil, singlePhotonFraction: 1,
        phaseErrorUpperBound: bound)
    case .weakCoherent:
      let mu = configuration.link.source.intensities[0].mean
      let gain = stats.gain(intensity: 0)
      let multi = -expm1(-mu) - mu * exp(-mu)
      let omega = gain > 0 ? 1 - multi / gain : 0
      guard omega > 0, bound / omega < 0.5 else {
        throw .noSinglePhotonKey(
          yieldLowerBound: omega * gain, errorUpperBound: omega > 0 ? bound / omega : 0.5)
      }
      return BB84SinglePhotonAnalysis(
        decoyMeasurement: nil, decoyEstimate: nil, singlePhotonFraction: omega,
        phaseErrorUpperBound: bound / omega)
    case .decoy:
      let intensities = configuration.link.source.intensities
      let measurement = DecoyMeasurement(
        signalIntensity: intensities[0].mean, decoyIntensity: intensities[1].mean,
        signalGain: stats.gain(intensity: 0),
        signalErrorRate: stats.errorRate(intensity: 0) ?? 0,
        decoyGain: stats.gain(intensity: 1), decoyErrorRate: stats.errorRate(intensity: 1) ?? 0,
        vacuumYield: stats.gain(intensity: 2), vacuumErrorRate: 0.5,
        signalPulses: max(1, stats.pulsesPerIntensity[0]),
        decoyPulses: max(1, stats.pulsesPerIntensity[1]),
        vacuumPulses: max(1, stats.pulsesPerIntensity[2]))
      let estimate: DecoyEstimate
      do {
        estimate = try DecoyStateEstimation.estimate(
          measurement, standardDeviations: configuration.decoyStandardDeviations)
      } catch {
        throw .inconsistentMessages("decoy estimation: \(error.description)")
      }
      guard estimate.singlePhotonYieldLowerBound > 0, estimate.singlePhotonErrorUpperBound < 0.5
      else {
        throw .noSinglePhotonKey(
          yieldLowerBound: estimate.rawYieldLowerBound,
          errorUpperBound: estimate.singlePhotonErrorUpperBound)
      }
      return BB84SinglePhotonAnalysis(
        decoyMeasurement: measurement, decoyEstimate: estimate,
        singlePhotonFraction: estimate.singlePhotonFraction(signalGain: measurement.signalGain),
        phaseErrorUpperBound: estimate.singlePhotonErrorUpperBound)
    }
  }

  /// The security parameters in force for `configuration` (ε_decoy is 0 unless finite-size
  /// decoy bounds are used).
  public static func security(for configuration: BB84Configuration) -> SecurityParameters {
    var s = configuration.postProcessing.security
    if configuration.decoyStandardDeviations == 0 { s.epsilonDecoy = 0 }
    return s
  }

  /// The leftover-hash-lemma length bound (real-valued, possibly negative) for `keyBits`
  /// reconciled bits after `leakedBits` were disclosed; see
  /// ``PrivacyAmplification/lengthBound(singlePhotonBits:phaseErrorUpperBound:leakedBits:security:)``.
  /// - Throws: ``BB84AbortReason/inconsistentMessages(_:)`` for counts the bound refuses.
  public func lengthBound(keyBits: Int, leakedBits: Int, security: SecurityParameters)
    throws(BB84AbortReason) -> Double
  {
    let n1 = Int((Double(keyBits) * singlePhotonFraction).rounded(.down))
    do {
      return try PrivacyAmplification.lengthBound(
        singlePhotonBits: n1, phaseErrorUpperBound: min(1, max(0, phaseErrorUpperBound)),
        leakedBits: leakedBits, security: security)
    } catch {
      throw .inconsistentMessages("key length: \(error.description)")
    }
  }
}
