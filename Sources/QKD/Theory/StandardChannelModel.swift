import Foundation

/// The closed-form detection statistics of weak coherent pulses on a lossy, misaligned link
/// (Lo, Ma & Chen, PRL 94, 230504 (2005); Ma, Qi, Zhao & Lo, PRA 72, 012326 (2005)):
///
/// - gain Q_μ = Y0 + 1 − e^{−ημ}
/// - error rate E_μ·Q_μ = e0·Y0 + e_d·(1 − e^{−ημ})
/// - n-photon yield Y_n = Y0 + 1 − (1 − η)^n, in particular Y1 ≈ Y0 + η
/// - single-photon error e1 = (e0·Y0 + e_d·η) / Y1, gain Q1 = Y1·μ·e^{−μ}
///
/// Build it from validated ``KeyRateParameters``.
public struct StandardChannelModel: Sendable, Hashable {
  /// The link.
  public let link: KeyRateParameters
  /// The total transmittance η.
  public let transmittance: Double

  /// The model for a link.
  /// - Throws: the errors of ``KeyRateParameters/validated()``.
  public init(link: KeyRateParameters) throws(KeyRateError) {
    self.link = try link.validated()
    self.transmittance = link.transmittance
  }

  /// Q_μ = Y0 + 1 − e^{−ημ}.
  public func gain(intensity mu: Double) -> Double {
    link.backgroundYield + (-expm1(-transmittance * mu))
  }

  /// E_μ = (e0·Y0 + e_d·(1 − e^{−ημ})) / Q_μ (0 when Q_μ = 0).
  public func errorRate(intensity mu: Double) -> Double {
    let q = gain(intensity: mu)
    guard q > 0 else { return 0 }
    let signal = -expm1(-transmittance * mu)
    return (link.backgroundErrorRate * link.backgroundYield + link.misalignment * signal) / q
  }

  /// Y_n = Y0 + 1 − (1 − η)^n (background and signal clicks treated as independent to first
  /// order, as in the papers).
  public func yield(photons n: Int) -> Double {
    if n == 0 { return link.backgroundYield }
    return link.backgroundYield + 1 - pow(1 - transmittance, Double(n))
  }

  /// Y1 = Y0 + η.
  public var singlePhotonYield: Double { link.backgroundYield + transmittance }

  /// e1 = (e0·Y0 + e_d·η) / Y1.
  public var singlePhotonErrorRate: Double {
    let y1 = singlePhotonYield
    guard y1 > 0 else { return 0.5 }
    return (link.backgroundErrorRate * link.backgroundYield + link.misalignment * transmittance)
      / y1
  }

  /// Q1 = Y1·μ·e^{−μ}.
  public func singlePhotonGain(intensity mu: Double) -> Double {
    singlePhotonYield * mu * exp(-mu)
  }
}
