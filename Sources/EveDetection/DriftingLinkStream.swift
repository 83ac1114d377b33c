import QuantumEngine

/// A stream of sessions on one link whose true parameters drift slowly within the calibration
/// tolerance: each parameter's offset (in units of its tolerance) takes a reflected random-walk
/// step per session. Feeds ``LinkMonitor`` in tests, examples and benchmarks.
public struct DriftingLinkStream: Sendable {
  /// What the detector is told.
  public let calibration: LinkCalibration
  /// Bounds of the drift.
  public let tolerance: CalibrationTolerance
  /// Standard deviation of one session's step, in units of the tolerance.
  public let driftPerSession: Double
  /// Matched-basis pulses per session.
  public let pulsesPerSession: Int
  /// The true link of the most recent session.
  public private(set) var currentLink: LinkParameters
  private var offsets: [Double] = [0, 0, 0, 0]
  private var generator: Xoshiro256StarStar

  /// Creates a stream that starts on the nominal link.
  public init(
    calibration: LinkCalibration, tolerance: CalibrationTolerance = .standard,
    driftPerSession: Double = 0.05, siftedBitsPerSession: Int = 100_000, seed: UInt64
  ) throws {
    guard driftPerSession >= 0, driftPerSession <= 1 else {
      throw EveDetectionError.invalidParameter(
        name: "driftPerSession", value: driftPerSession, allowed: "0...1")
    }
    guard (100...1_000_000_000).contains(siftedBitsPerSession) else {
      throw EveDetectionError.invalidParameter(
        name: "siftedBitsPerSession", value: Double(siftedBitsPerSession), allowed: "100...1e9")
    }
    let nominal = try SessionOutcomeModel(
      link: calibration.nominal, decoyProtocol: calibration.decoyProtocol)
    self.calibration = calibration
    self.tolerance = tolerance
    self.driftPerSession = driftPerSession
    pulsesPerSession = nominal.pulses(forSiftedSignalBits: siftedBitsPerSession)
    currentLink = calibration.nominal
    generator = Xoshiro256StarStar(seed: seed)
  }

  /// Drifts the link one step and draws the next session under `attack`.
  public mutating func next(attack: Attack = .none) throws -> SessionCounts {
    for j in offsets.indices {
      var x = offsets[j] + driftPerSession * CountSampling.normal(&generator)
      // Reflect at ±1 so the link never leaves the calibration tolerance.
      while x > 1 || x < -1 { x = x > 1 ? 2 - x : -2 - x }
      offsets[j] = x
    }
    let n = calibration.nominal
    currentLink = LinkParameters(
      uncheckedLength: n.lengthKm,
      attenuation: n.lengthKm > 0
        ? max(0, n.attenuationDBPerKm + tolerance.lossDB * offsets[0] / n.lengthKm)
        : n.attenuationDBPerKm,
      efficiency: min(1, n.detectorEfficiency * (1 + tolerance.relativeEfficiency * offsets[1])),
      dark: n.darkCountProbability * (1 + tolerance.relativeDarkCount * offsets[2]),
      misalignment: min(0.49, max(0, n.misalignment + tolerance.misalignment * offsets[3])))
    let model = try SessionOutcomeModel(
      link: currentLink, decoyProtocol: calibration.decoyProtocol, attack: attack)
    return try model.sampleSession(pulses: pulsesPerSession, using: &generator)
  }
}
