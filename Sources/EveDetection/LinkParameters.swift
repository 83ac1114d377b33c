import Foundation

/// The physical parameters of a fibre link and its detectors, as used by the detection model.
public struct LinkParameters: Sendable, Codable, Equatable {
  /// Fibre length in km.
  public var lengthKm: Double
  /// Fibre attenuation in dB/km.
  public var attenuationDBPerKm: Double
  /// Detector efficiency (both of Bob's detectors), in (0, 1].
  public var detectorEfficiency: Double
  /// Dark-count probability per detector per gate, in [0, 0.1].
  public var darkCountProbability: Double
  /// Misalignment: probability that an arriving photon goes to the wrong detector, in [0, 0.5).
  public var misalignment: Double

  /// Creates link parameters; throws if any is out of range.
  public init(
    lengthKm: Double, attenuationDBPerKm: Double, detectorEfficiency: Double,
    darkCountProbability: Double, misalignment: Double
  ) throws {
    self.lengthKm = lengthKm
    self.attenuationDBPerKm = attenuationDBPerKm
    self.detectorEfficiency = detectorEfficiency
    self.darkCountProbability = darkCountProbability
    self.misalignment = misalignment
    try validate()
  }

  /// Checks every parameter against its allowed range.
  public func validate() throws {
    let checks: [(String, Double, ClosedRange<Double>, String)] = [
      ("lengthKm", lengthKm, 0...10_000, "0...10000 km"),
      ("attenuationDBPerKm", attenuationDBPerKm, 0...10, "0...10 dB/km"),
      ("detectorEfficiency", detectorEfficiency, 1e-6...1, "1e-6...1"),
      ("darkCountProbability", darkCountProbability, 0...0.1, "0...0.1"),
      ("misalignment", misalignment, 0...0.49, "0...0.49"),
    ]
    for (name, value, range, allowed) in checks where !value.isFinite || !range.contains(value) {
      throw EveDetectionError.invalidParameter(name: name, value: value, allowed: allowed)
    }
  }

  /// Fibre transmittance t = 10^(−αL/10).
  public var channelTransmittance: Double { pow(10, -attenuationDBPerKm * lengthKm / 10) }

  /// Overall single-photon detection probability η = t · η_det.
  public var overallTransmittance: Double { channelTransmittance * detectorEfficiency }
}

/// The decoy-state BB84 settings Alice uses (weak coherent pulses; Hwang 2003, Lo–Ma–Chen 2005):
/// three intensities (signal, decoy, vacuum) and the Z-basis probability.
public struct DecoyProtocol: Sendable, Codable, Equatable {
  /// Mean photon numbers of the signal, decoy and vacuum states, in that order.
  public var intensities: [Double]
  /// Probabilities of sending each intensity (sum 1).
  public var intensityProbabilities: [Double]
  /// Probability that Alice (and Bob) choose the Z basis.
  public var zBasisProbability: Double

  /// The standard settings: μ = 0.5, ν = 0.1, vacuum; chosen with probabilities 0.8, 0.15, 0.05;
  /// bases equally likely.
  public static let standard = DecoyProtocol(
    uncheckedIntensities: [0.5, 0.1, 0], probabilities: [0.8, 0.15, 0.05], zBasis: 0.5)

  /// Creates settings; throws unless there are three intensities μ > ν > vacuum ≥ 0 with
  /// probabilities summing to 1 and a Z-basis probability in (0, 1).
  public init(intensities: [Double], intensityProbabilities: [Double], zBasisProbability: Double)
    throws
  {
    guard intensities.count == 3, intensityProbabilities.count == 3 else {
      throw EveDetectionError.dimensionMismatch(
        what: "intensities and probabilities", expected: 3,
        found: intensities.count == 3 ? intensityProbabilities.count : intensities.count)
    }
    guard intensities[0] > intensities[1], intensities[1] > intensities[2], intensities[2] >= 0,
      intensities[0] <= 5
    else {
      throw EveDetectionError.invalidParameter(
        name: "intensities", value: intensities[0], allowed: "5 >= signal > decoy > vacuum >= 0")
    }
    guard intensityProbabilities.allSatisfy({ $0 > 0 && $0 < 1 }),
      abs(intensityProbabilities.reduce(0, +) - 1) < 1e-9
    else {
      throw EveDetectionError.invalidParameter(
        name: "intensityProbabilities", value: intensityProbabilities.reduce(0, +),
        allowed: "three values in (0, 1) summing to 1")
    }
    guard zBasisProbability > 0, zBasisProbability < 1 else {
      throw EveDetectionError.invalidParameter(
        name: "zBasisProbability", value: zBasisProbability, allowed: "0 < p < 1")
    }
    self.init(
      uncheckedIntensities: intensities, probabilities: intensityProbabilities,
      zBasis: zBasisProbability)
  }

  private init(uncheckedIntensities: [Double], probabilities: [Double], zBasis: Double) {
    intensities = uncheckedIntensities
    intensityProbabilities = probabilities
    zBasisProbability = zBasis
  }

  /// Probabilities of the Z and X bases, in that order.
  var basisProbabilities: [Double] { [zBasisProbability, 1 - zBasisProbability] }
}

/// What the detector is told about a link: its nominal parameters and Alice's settings. The true
/// link may differ from the nominal one within the calibration tolerance.
public struct LinkCalibration: Sendable, Codable, Equatable {
  /// Nominal (calibrated) link parameters.
  public var nominal: LinkParameters
  /// Alice's decoy-state settings.
  public var decoyProtocol: DecoyProtocol

  /// Creates a calibration record.
  public init(nominal: LinkParameters, decoyProtocol: DecoyProtocol = .standard) {
    self.nominal = nominal
    self.decoyProtocol = decoyProtocol
  }
}
