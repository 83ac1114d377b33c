import Foundation

/// Ranges from which the data-set generator draws links. Dark-count probabilities are drawn
/// log-uniformly; everything else uniformly. Detector efficiency may come from several disjoint
/// ranges (to hold out efficiencies on both sides of the training range).
public struct LinkRanges: Sendable, Codable, Equatable {
  /// Fibre lengths in km.
  public var lengthKm: ClosedRange<Double>
  /// Attenuation in dB/km.
  public var attenuationDBPerKm: ClosedRange<Double>
  /// Detector efficiencies: one range chosen with probability proportional to its width.
  public var detectorEfficiency: [ClosedRange<Double>]
  /// Dark-count probability per gate.
  public var darkCountProbability: ClosedRange<Double>
  /// Misalignment.
  public var misalignment: ClosedRange<Double>
  /// Links whose calibrated signal QBER exceeds this are redrawn (a real system aborts them: no
  /// key can be distilled above about 11%).
  public var maximumExpectedQBER: Double

  /// Creates ranges; throws if any bound is outside the physical parameter ranges.
  public init(
    lengthKm: ClosedRange<Double>, attenuationDBPerKm: ClosedRange<Double>,
    detectorEfficiency: [ClosedRange<Double>], darkCountProbability: ClosedRange<Double>,
    misalignment: ClosedRange<Double>, maximumExpectedQBER: Double = 0.11
  ) throws {
    self.lengthKm = lengthKm
    self.attenuationDBPerKm = attenuationDBPerKm
    self.detectorEfficiency = detectorEfficiency
    self.darkCountProbability = darkCountProbability
    self.misalignment = misalignment
    self.maximumExpectedQBER = maximumExpectedQBER
    try validate()
  }

  /// Checks that every range lies inside the allowed parameter values.
  public func validate() throws {
    guard !detectorEfficiency.isEmpty else {
      throw EveDetectionError.empty(what: "detector efficiency ranges")
    }
    for r in detectorEfficiency {
      _ = try LinkParameters(
        lengthKm: lengthKm.lowerBound, attenuationDBPerKm: attenuationDBPerKm.lowerBound,
        detectorEfficiency: r.lowerBound, darkCountProbability: darkCountProbability.lowerBound,
        misalignment: misalignment.lowerBound)
      _ = try LinkParameters(
        lengthKm: lengthKm.upperBound, attenuationDBPerKm: attenuationDBPerKm.upperBound,
        detectorEfficiency: r.upperBound, darkCountProbability: darkCountProbability.upperBound,
        misalignment: misalignment.upperBound)
    }
    guard darkCountProbability.lowerBound > 0 else {
      throw EveDetectionError.invalidParameter(
        name: "darkCountProbability lower bound", value: darkCountProbability.lowerBound,
        allowed: "> 0 (drawn log-uniformly)")
    }
    guard maximumExpectedQBER > 0.01, maximumExpectedQBER <= 0.5 else {
      throw EveDetectionError.invalidParameter(
        name: "maximumExpectedQBER", value: maximumExpectedQBER, allowed: "0.01 < q <= 0.5")
    }
  }

  /// Training ranges: 1–150 km, 0.18–0.25 dB/km, efficiency 0.10–0.60, dark counts 1e-8–1e-6 per
  /// gate, misalignment 0.5–3%.
  public static let training = LinkRanges(
    unchecked: 1...150, attenuation: 0.18...0.25, efficiency: [0.10...0.60], dark: 1e-8...1e-6,
    misalignment: 0.005...0.03)

  /// Held-out ranges, not seen in training: 150–200 km and efficiencies 0.05–0.10 or 0.60–0.85.
  public static let heldOut = LinkRanges(
    unchecked: 150...200, attenuation: 0.18...0.25, efficiency: [0.05...0.10, 0.60...0.85],
    dark: 1e-8...1e-6, misalignment: 0.005...0.03)

  private init(
    unchecked length: ClosedRange<Double>, attenuation: ClosedRange<Double>,
    efficiency: [ClosedRange<Double>], dark: ClosedRange<Double>, misalignment: ClosedRange<Double>
  ) {
    lengthKm = length
    attenuationDBPerKm = attenuation
    detectorEfficiency = efficiency
    darkCountProbability = dark
    self.misalignment = misalignment
    maximumExpectedQBER = 0.11
  }

  /// Draws nominal link parameters.
  func draw<G: RandomNumberGenerator>(using g: inout G) -> LinkParameters {
    let widths = detectorEfficiency.map { $0.upperBound - $0.lowerBound }
    var u = Double.random(in: 0..<1, using: &g) * max(widths.reduce(0, +), 1e-300)
    var efficiencyRange = detectorEfficiency[0]
    for (r, w) in zip(detectorEfficiency, widths) {
      efficiencyRange = r
      if u < w { break }
      u -= w
    }
    let logDark = Double.random(
      in: log(darkCountProbability.lowerBound)...log(darkCountProbability.upperBound), using: &g)
    return LinkParameters(
      uncheckedLength: Double.random(in: lengthKm, using: &g),
      attenuation: Double.random(in: attenuationDBPerKm, using: &g),
      efficiency: Double.random(in: efficiencyRange, using: &g), dark: exp(logDark),
      misalignment: Double.random(in: misalignment, using: &g))
  }
}

/// How far the true link may sit from its calibration (uniform errors within these bounds), plus
/// a slow drift between sessions. Clean links anywhere inside these bounds must not be flagged.
public struct CalibrationTolerance: Sendable, Codable, Equatable {
  /// Relative error of the detector efficiency (0.03 = ±3%).
  public var relativeEfficiency: Double
  /// Absolute error of the total fibre loss in dB (a link's loss is calibrated as a whole, so
  /// the error does not grow with its length).
  public var lossDB: Double
  /// Relative error of the dark-count probability.
  public var relativeDarkCount: Double
  /// Absolute error of the misalignment.
  public var misalignment: Double

  /// Creates a tolerance; throws on negative or excessive values.
  public init(
    relativeEfficiency: Double, lossDB: Double, relativeDarkCount: Double,
    misalignment: Double
  ) throws {
    for (name, v, top) in [
      ("relativeEfficiency", relativeEfficiency, 0.5), ("lossDB", lossDB, 3),
      ("relativeDarkCount", relativeDarkCount, 0.9), ("misalignment", misalignment, 0.05),
    ] where !(v >= 0 && v <= top) {
      throw EveDetectionError.invalidParameter(name: name, value: v, allowed: "0...\(top)")
    }
    self.relativeEfficiency = relativeEfficiency
    self.lossDB = lossDB
    self.relativeDarkCount = relativeDarkCount
    self.misalignment = misalignment
  }

  /// Realistic defaults: ±3% efficiency, ±0.25 dB total loss, ±10% dark counts, ±0.002
  /// misalignment.
  public static let standard = CalibrationTolerance(
    unchecked: 0.03, loss: 0.25, dark: 0.1, misalignment: 0.002)

  /// No calibration error.
  public static let exact = CalibrationTolerance(
    unchecked: 0, loss: 0, dark: 0, misalignment: 0)

  private init(unchecked eff: Double, loss: Double, dark: Double, misalignment: Double) {
    relativeEfficiency = eff
    lossDB = loss
    relativeDarkCount = dark
    self.misalignment = misalignment
  }

  /// A true link drawn uniformly within the tolerance around `nominal`.
  func perturb<G: RandomNumberGenerator>(_ nominal: LinkParameters, using g: inout G)
    -> LinkParameters
  {
    func u() -> Double { Double.random(in: -1...1, using: &g) }
    return LinkParameters(
      uncheckedLength: nominal.lengthKm,
      attenuation: nominal.lengthKm > 0
        ? max(0, nominal.attenuationDBPerKm + lossDB * u() / nominal.lengthKm)
        : nominal.attenuationDBPerKm,
      efficiency: min(1, nominal.detectorEfficiency * (1 + relativeEfficiency * u())),
      dark: nominal.darkCountProbability * (1 + relativeDarkCount * u()),
      misalignment: min(0.49, max(0, nominal.misalignment + misalignment * u())))
  }
}

extension LinkParameters {
  init(
    uncheckedLength length: Double, attenuation: Double, efficiency: Double, dark: Double,
    misalignment: Double
  ) {
    lengthKm = length
    attenuationDBPerKm = attenuation
    detectorEfficiency = efficiency
    darkCountProbability = dark
    self.misalignment = misalignment
  }
}
