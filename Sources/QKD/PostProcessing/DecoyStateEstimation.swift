import Foundation

/// What a vacuum + weak-decoy BB84 run measured: gains and error rates of the signal (μ) and
/// weak decoy (ν) intensities and the vacuum yield Y0, with the pulse counts for finite-size
/// fluctuations.
public struct DecoyMeasurement: Sendable, Hashable, Codable {
  /// Signal intensity μ.
  public var signalIntensity: Double
  /// Weak decoy intensity ν (0 < ν < μ).
  public var decoyIntensity: Double
  /// Q_μ: fraction of signal pulses that gave a detection.
  public var signalGain: Double
  /// E_μ: error rate of signal detections.
  public var signalErrorRate: Double
  /// Q_ν.
  public var decoyGain: Double
  /// E_ν.
  public var decoyErrorRate: Double
  /// Y0: detection probability of vacuum pulses.
  public var vacuumYield: Double
  /// e0: error rate of vacuum detections (1/2 for random background clicks).
  public var vacuumErrorRate: Double
  /// N_μ, N_ν, N_0: pulses sent at each intensity (needed only for finite-size bounds).
  public var signalPulses: Int?
  /// N_ν.
  public var decoyPulses: Int?
  /// N_0.
  public var vacuumPulses: Int?

  /// Creates a measurement.
  public init(
    signalIntensity: Double, decoyIntensity: Double, signalGain: Double,
    signalErrorRate: Double, decoyGain: Double, decoyErrorRate: Double, vacuumYield: Double,
    vacuumErrorRate: Double = 0.5, signalPulses: Int? = nil, decoyPulses: Int? = nil,
    vacuumPulses: Int? = nil
  ) {
    self.signalIntensity = signalIntensity
    self.decoyIntensity = decoyIntensity
    self.signalGain = signalGain
    self.signalErrorRate = signalErrorRate
    self.decoyGain = decoyGain
    self.decoyErrorRate = decoyErrorRate
    self.vacuumYield = vacuumYield
    self.vacuumErrorRate = vacuumErrorRate
    self.signalPulses = signalPulses
    self.decoyPulses = decoyPulses
    self.vacuumPulses = vacuumPulses
  }
}

/// Bounds on the single-photon contribution to the signal.
public struct DecoyEstimate: Sendable, Hashable, Codable {
  /// Lower bound on the single-photon yield Y1 (0 when the raw bound is negative).
  public var singlePhotonYieldLowerBound: Double
  /// Lower bound on the single-photon gain Q1 = Y1·μ·e^{−μ} of the signal.
  public var singlePhotonGainLowerBound: Double
  /// Upper bound on the single-photon error rate e1 (capped at 1/2).
  public var singlePhotonErrorUpperBound: Double
  /// The raw Y1 bound before clamping at 0.
  public var rawYieldLowerBound: Double
  /// The raw e1 bound before capping (nil when the Y1 bound is not positive).
  public var rawErrorUpperBound: Double?
  /// The number of standard deviations used for fluctuations (0: asymptotic).
  public var standardDeviations: Double

  /// Lower bound on the fraction Q1/Q_μ of signal detections that came from single photons.
  public func singlePhotonFraction(signalGain: Double) -> Double {
    signalGain > 0 ? min(1, singlePhotonGainLowerBound / signalGain) : 0
  }
}

/// Vacuum + weak decoy estimation of Ma, Qi, Zhao & Lo, PRA 72, 012326 (2005), Eqs. (34)–(37):
///
/// Y1 ≥ μ/(μν − ν²) · [Q_ν e^ν − Q_μ e^μ ν²/μ² − (μ² − ν²)/μ² · Y0],
/// Q1 ≥ Y1^L · μ e^{−μ},
/// e1 ≤ (E_ν Q_ν e^ν − e0 Y0) / (Y1^L ν).
///
/// With `standardDeviations` u > 0 every measured rate is moved by u standard deviations in
/// the direction that loosens the bound (their Sec. V): Q_ν and Y0 (in e1) down, Q_μ, Y0 (in
/// Y1) and E_ν Q_ν up, each by u·√(rate/N) for N pulses.
public enum DecoyStateEstimation {
  /// The bounds for a measurement.
  /// - Throws: ``PostProcessingError/invalidParameter(name:value:allowed:)`` unless
  ///   0 < ν < μ ≤ 10, gains, yield and error rates are in [0, 1], and, when u > 0, all three
  ///   pulse counts are given and positive.
  public static func estimate(_ m: DecoyMeasurement, standardDeviations u: Double = 0)
    throws(PostProcessingError) -> DecoyEstimate
  {
    try require("signal intensity", m.signalIntensity, in: 1e-9...10)
    try require("decoy intensity", m.decoyIntensity, in: 1e-12...10)
    guard m.decoyIntensity < m.signalIntensity else {
      throw .invalidParameter(
        name: "decoy intensity", value: m.decoyIntensity,
        allowed: "below the signal intensity \(m.signalIntensity)")
    }
    try require("signal gain", m.signalGain, in: 0...1)
    try require("signal error rate", m.signalErrorRate, in: 0...1)
    try require("decoy gain", m.decoyGain, in: 0...1)
    try require("decoy error rate", m.decoyErrorRate, in: 0...1)
    try require("vacuum yield", m.vacuumYield, in: 0...1)
    try require("vacuum error rate", m.vacuumErrorRate, in: 0...1)
    try require("standard deviations", u, in: 0...100)

    let mu = m.signalIntensity
    let nu = m.decoyIntensity
    var qMu = m.signalGain
    var qNu = m.decoyGain
    var errNu = m.decoyErrorRate * m.decoyGain
    var y0ForYield = m.vacuumYield
    var y0ForError = m.vacuumYield
    if u > 0 {
      guard let nMu = m.signalPulses, let nNu = m.decoyPulses, let n0 = m.vacuumPulses,
        nMu > 0, nNu > 0, n0 > 0
      else {
        throw .invalidParameter(
          name: "pulse counts", value: -1,
          allowed: "given and positive for signal, decoy and vacuum when standardDeviations > 0")
      }
      func shift(_ rate: Double, _ pulses: Int) -> Double { u * sqrt(rate / Double(pulses)) }
      qMu += shift(qMu, nMu)
      qNu = max(0, qNu - shift(qNu, nNu))
      errNu += shift(errNu, nNu)
      y0ForYield += shift(m.vacuumYield, n0)
      y0ForError = max(0, y0ForError - shift(m.vacuumYield, n0))
    }
    let y1 =
      mu / (mu * nu - nu * nu)
      * (qNu * exp(nu) - qMu * exp(mu) * nu * nu / (mu * mu)
        - (mu * mu - nu * nu) / (mu * mu) * y0ForYield)
    let e1Raw: Double? =
      y1 > 0 ? (errNu * exp(nu) - m.vacuumErrorRate * y0ForError) / (y1 * nu) : nil
    let y1Clamped = max(0, y1)
    return DecoyEstimate(
      singlePhotonYieldLowerBound: y1Clamped,
      singlePhotonGainLowerBound: y1Clamped * mu * exp(-mu),
      singlePhotonErrorUpperBound: e1Raw.map { min(0.5, max(0, $0)) } ?? 0.5,
      rawYieldLowerBound: y1, rawErrorUpperBound: e1Raw, standardDeviations: u)
  }
}
