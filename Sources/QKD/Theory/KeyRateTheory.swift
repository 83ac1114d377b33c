import Foundation

/// Which key-rate formula to evaluate.
public enum KeyRateProtocol: String, Sendable, Hashable, Codable, CaseIterable {
  /// BB84 with an ideal single-photon source (Shor & Preskill, PRL 85, 441 (2000)).
  case bb84
  /// BB84 with weak coherent pulses and no decoys (Gottesman, Lo, Lütkenhaus & Preskill,
  /// QIC 4, 325 (2004)): every multi-photon pulse is assumed detected and known to Eve.
  case gllp
  /// Decoy-state BB84 in the asymptotic limit (Lo, Ma & Chen, PRL 94, 230504 (2005)).
  case decoy
}

/// Closed-form secret-key rates per pulse, and the repeaterless bound they must stay under.
public enum KeyRateTheory {
  /// Shor–Preskill rate for single photons at error rate Q:
  /// R = q·[1 − h(Q) − f·h(Q)], which is q·(1 − 2h(Q)) for ideal error correction (f = 1);
  /// clamped at 0. It vanishes at Q ≈ 11.0 %.
  /// - Parameters:
  ///   - qber: bit (= phase) error rate Q ∈ [0, 0.5].
  ///   - siftingFactor: q, the fraction of bits kept (1 for the per-sifted-bit rate, 1/2 for
  ///     symmetric BB84 per detection).
  ///   - ecEfficiency: f ≥ 1.
  /// - Throws: ``KeyRateError/invalidParameter(name:value:allowed:)``.
  public static func shorPreskillRate(
    qber: Double, siftingFactor: Double = 1, ecEfficiency: Double = 1
  ) throws(KeyRateError) -> Double {
    try checkParameter("qber", qber, in: 0...0.5)
    try checkParameter("sifting factor", siftingFactor, in: 0...1)
    try checkParameter("ec_efficiency", ecEfficiency, in: 1...10)
    let h = binaryEntropy(qber)
    return max(0, siftingFactor * (1 - h - ecEfficiency * h))
  }

  /// The PLOB repeaterless bound −log2(1 − η) secret bits per channel use (Pirandola, Laurenza,
  /// Ottaviani & Banchi, Nat. Commun. 8, 15043 (2017)) for total transmittance η.
  /// - Throws: ``KeyRateError/invalidParameter(name:value:allowed:)`` unless η ∈ [0, 1).
  public static func plobBound(transmittance eta: Double) throws(KeyRateError) -> Double {
    guard eta.isFinite, eta >= 0, eta < 1 else {
      throw .invalidParameter(name: "transmittance", value: eta, allowed: "finite in [0, 1)")
    }
    return -log2(1 - eta)
  }

  /// Key rate per pulse of an ideal single-photon source on the link: one photon per pulse,
  /// gain Q = Y0 + η, error E = (e0·Y0 + e_d·η)/Q, R = q·Q·[1 − f·h(E) − h(E)], clamped at 0.
  /// - Throws: the errors of ``KeyRateParameters/validated()``.
  public static func singlePhotonRate(link: KeyRateParameters) throws(KeyRateError) -> Double {
    let model = try StandardChannelModel(link: link)
    let gain = model.singlePhotonYield
    let error = min(0.5, model.singlePhotonErrorRate)
    let h = binaryEntropy(error)
    return max(0, link.siftingFactor * gain * (1 - link.ecEfficiency * h - h))
  }

  /// GLLP rate without decoys at signal intensity μ:
  /// R = q·{−Q_μ·f·h(E_μ) + Q_μ·Ω·[1 − h(E_μ/Ω)]}, with Ω = 1 − p_multi/Q_μ the lower bound
  /// on the single-photon fraction of detections and p_multi = 1 − (1 + μ)e^{−μ}; 0 when
  /// Ω ≤ 0 or the result is negative.
  /// - Throws: link errors, or an intensity outside (0, 10].
  public static func gllpRate(link: KeyRateParameters, intensity mu: Double) throws(KeyRateError)
    -> Double
  {
    try checkIntensity(mu)
    return max(0, gllpRaw(model: try StandardChannelModel(link: link), mu: mu))
  }

  /// Asymptotic decoy-state rate at signal intensity μ (Lo, Ma & Chen 2005, Eq. (3) with
  /// infinitely many decoys, i.e. Y1 and e1 known exactly):
  /// R = q·{−Q_μ·f·h(E_μ) + Q1·[1 − h(e1)]}, clamped at 0.
  /// - Throws: link errors, or an intensity outside (0, 10].
  public static func decoyRate(link: KeyRateParameters, intensity mu: Double) throws(KeyRateError)
    -> Double
  {
    try checkIntensity(mu)
    return max(0, decoyRaw(model: try StandardChannelModel(link: link), mu: mu))
  }

  /// The rate of `protocol` at the optimal signal intensity, found by a 1-D search (a
  /// log-spaced scan of μ ∈ [10⁻⁵, 1.5] followed by golden-section refinement of the best
  /// bracket). For ``KeyRateProtocol/bb84`` μ is 1 (one photon per pulse).
  /// - Returns: the optimal μ and the rate per pulse there (0 when no μ gives a key).
  /// - Throws: the errors of ``KeyRateParameters/validated()``.
  public static func optimalRate(protocol kind: KeyRateProtocol, link: KeyRateParameters)
    throws(KeyRateError) -> (mu: Double, rate: Double)
  {
    let model = try StandardChannelModel(link: link)
    let raw: (Double) -> Double
    switch kind {
    case .bb84: return (1, try singlePhotonRate(link: link))
    case .gllp: raw = { gllpRaw(model: model, mu: $0) }
    case .decoy: raw = { decoyRaw(model: model, mu: $0) }
    }
    let points = 80
    let lo = log(1e-5)
    let hi = log(1.5)
    var grid: [Double] = []
    for i in 0..<points { grid.append(exp(lo + (hi - lo) * Double(i) / Double(points - 1))) }
    let values = grid.map(raw)
    var best = 0
    for i in values.indices where values[i] > values[best] { best = i }
    var a = grid[max(best - 1, 0)]
    var b = grid[min(best + 1, points - 1)]
    let ratio = (sqrt(5.0) - 1) / 2
    var c = b - ratio * (b - a)
    var d = a + ratio * (b - a)
    var fc = raw(c)
    var fd = raw(d)
    for _ in 0..<60 {
      if fc > fd {
        b = d
        d = c
        fd = fc
        c = b - ratio * (b - a)
        fc = raw(c)
      } else {
        a = c
        c = d
        fc = fd
        d = a + ratio * (b - a)
        fd = raw(d)
      }
    }
    var mu = (a + b) / 2
    var rate = raw(mu)
    if values[best] > rate {
      mu = grid[best]
      rate = values[best]
    }
    return (mu, max(0, rate))
  }

  static func checkIntensity(_ mu: Double) throws(KeyRateError) {
    guard mu.isFinite, mu > 0, mu <= 10 else {
      throw .invalidParameter(name: "mu", value: mu, allowed: "finite in (0, 10]")
    }
  }

  /// The GLLP expression before clamping (may be negative).
  static func gllpRaw(model: StandardChannelModel, mu: Double) -> Double {
    let link = model.link
    let q = model.gain(intensity: mu)
    let e = model.errorRate(intensity: mu)
    guard q > 0 else { return 0 }
    let multiPhoton = -expm1(-mu) - mu * exp(-mu)
    let omega = 1 - multiPhoton / q
    guard omega > 0 else { return -q }
    let phase = e / omega
    let privacy = phase >= 0.5 ? 0 : q * omega * (1 - binaryEntropy(phase))
    return link.siftingFactor * (-q * link.ecEfficiency * binaryEntropy(e) + privacy)
  }

  /// The decoy-state expression before clamping (may be negative).
  static func decoyRaw(model: StandardChannelModel, mu: Double) -> Double {
    let link = model.link
    let q = model.gain(intensity: mu)
    let e = min(0.5, model.errorRate(intensity: mu))
    let q1 = model.singlePhotonGain(intensity: mu)
    let e1 = min(0.5, model.singlePhotonErrorRate)
    return link.siftingFactor
      * (-q * link.ecEfficiency * binaryEntropy(e) + q1 * (1 - binaryEntropy(e1)))
  }
}
