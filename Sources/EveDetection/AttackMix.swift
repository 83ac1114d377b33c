/// The attacks the data-set generator draws, with their probabilities and strength ranges.
public struct AttackMix: Sendable, Codable, Equatable {
  /// Probabilities of no attack, intercept-resend, beam splitting and photon-number splitting
  /// (normalised by their sum).
  public var familyWeights: [Double]
  /// Intercept-resend fractions.
  public var interceptFraction: ClosedRange<Double>
  /// Probability that an intercept-resend attack uses the Breidbart basis.
  public var breidbartProbability: Double
  /// Beam-splitting tap fractions.
  public var tapFraction: ClosedRange<Double>
  /// Photon-number-splitting single-photon block fractions.
  public var pnsBlockFraction: ClosedRange<Double>

  /// Creates a mix; throws unless weights are four non-negative numbers with a positive sum and
  /// every range lies in [0, 1].
  public init(
    familyWeights: [Double], interceptFraction: ClosedRange<Double>, breidbartProbability: Double,
    tapFraction: ClosedRange<Double>, pnsBlockFraction: ClosedRange<Double>
  ) throws {
    guard familyWeights.count == AttackFamily.allCases.count else {
      throw EveDetectionError.dimensionMismatch(
        what: "family weights", expected: AttackFamily.allCases.count, found: familyWeights.count)
    }
    guard familyWeights.allSatisfy({ $0 >= 0 && $0.isFinite }), familyWeights.reduce(0, +) > 0
    else {
      throw EveDetectionError.invalidParameter(
        name: "familyWeights", value: familyWeights.reduce(0, +),
        allowed: "finite non-negative values with a positive sum")
    }
    for (name, r) in [
      ("interceptFraction", interceptFraction), ("tapFraction", tapFraction),
      ("pnsBlockFraction", pnsBlockFraction),
    ] where r.lowerBound < 0 || r.upperBound > 1 {
      throw EveDetectionError.invalidParameter(
        name: name, value: r.upperBound, allowed: "within 0...1")
    }
    guard (0...1).contains(breidbartProbability) else {
      throw EveDetectionError.invalidParameter(
        name: "breidbartProbability", value: breidbartProbability, allowed: "0...1")
    }
    self.familyWeights = familyWeights
    self.interceptFraction = interceptFraction
    self.breidbartProbability = breidbartProbability
    self.tapFraction = tapFraction
    self.pnsBlockFraction = pnsBlockFraction
  }

  /// The mix: 40% clean, 20% each attack; intercept-resend 0.05–1 (half Breidbart), taps
  /// 0.2–0.95, photon-number splitting blocking 0.5–1 of the single photons.
  public static let standard = AttackMix(
    unchecked: [0.4, 0.2, 0.2, 0.2], intercept: 0.05...1, breidbart: 0.5, tap: 0.2...0.95,
    pns: 0.5...1)

  private init(
    unchecked weights: [Double], intercept: ClosedRange<Double>, breidbart: Double,
    tap: ClosedRange<Double>, pns: ClosedRange<Double>
  ) {
    familyWeights = weights
    interceptFraction = intercept
    breidbartProbability = breidbart
    tapFraction = tap
    pnsBlockFraction = pns
  }

  func draw<G: RandomNumberGenerator>(using g: inout G) -> Attack {
    var u = Double.random(in: 0..<1, using: &g) * familyWeights.reduce(0, +)
    var family = AttackFamily.none
    for (f, w) in zip(AttackFamily.allCases, familyWeights) {
      family = f
      if u < w { break }
      u -= w
    }
    switch family {
    case .none:
      return .none
    case .interceptResend:
      let basis: InterceptBasis =
        Double.random(in: 0..<1, using: &g) < breidbartProbability ? .breidbart : .random
      return .interceptResend(
        fraction: Double.random(in: interceptFraction, using: &g), basis: basis)
    case .beamSplitting:
      return .beamSplitting(tapFraction: Double.random(in: tapFraction, using: &g))
    case .photonNumberSplitting:
      return .photonNumberSplitting(
        singlePhotonBlockFraction: Double.random(in: pnsBlockFraction, using: &g))
    }
  }
}
