import Foundation
import Photonics

/// The light that reaches the beam splitter of a path-choice QRNG, one pulse per detector gate.
public enum PhotonSourceKind: Sendable, Hashable, Codable {
  /// Exactly one photon per gate (a heralded or deterministic single-photon source).
  case singlePhoton
  /// An attenuated laser pulse with Poisson photon number of mean μ per gate.
  case weakCoherent(meanPhotonNumber: Double)
}

/// A slow sinusoidal drift of the polarization angle (temperature, fibre stress):
/// θ(k) = θ_0 + amplitude · sin(2π k / period) at gate k, updated every ``segmentGates`` gates.
public struct SourceDrift: Sendable, Hashable, Codable {
  /// Gates between updates of the drifting angle (the drift is piecewise constant).
  public static let segmentGates = 1024

  /// Peak deviation of the polarization angle, in radians (0...π/4).
  public let amplitude: Double
  /// Period of the drift in gates (≥ 2·``segmentGates``).
  public let periodGates: Int

  /// A drift; parameters are validated.
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)``.
  public init(amplitude: Double, periodGates: Int) throws(QRNGError) {
    try QRNGError.check(amplitude, in: 0...(Double.pi / 4), name: "drift amplitude (radians)")
    try QRNGError.check(
      periodGates, in: (2 * Self.segmentGates)...Int.max / 4, name: "drift period (gates)")
    self.amplitude = amplitude
    self.periodGates = periodGates
  }
}

/// A detector that stops working part-way through a run (a failed bias supply, a saturated
/// counter): from gate ``afterGates`` on it never clicks, so the raw stream sticks at the other
/// value, which is what the health tests must catch.
public struct DetectorFailure: Sendable, Hashable, Codable {
  /// Which detector fails: 0 (transmitted port) or 1 (reflected port).
  public let detector: Int
  /// The gate from which the detector is dead.
  public let afterGates: Int

  /// A failure; parameters are validated.
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)``.
  public init(detector: Int, afterGates: Int) throws(QRNGError) {
    try QRNGError.check(detector, in: 0...1, name: "failing detector")
    try QRNGError.check(afterGates, in: 0...Int.max / 4, name: "failure gate")
    self.detector = detector
    self.afterGates = afterGates
  }
}

/// A path-choice quantum random number generator: light polarized at angle θ (π/4 is |D⟩)
/// meets a polarizing beam splitter; a click in the transmitted-port detector (H) gives bit 0,
/// one in the reflected-port detector (V) bit 1. Gates with no click or with both detectors
/// clicking give no bit.
///
/// Real imperfections come from the Photonics models: each ``Detector`` has its own efficiency
/// (a mismatch biases the bits), dark counts, dead time (after a click that detector is blind,
/// so the next bit leans to the other value) and afterpulsing (the first live gate after the
/// dead time may fire spuriously, so the same value tends to repeat); the
/// ``PolarizingBeamSplitter`` may leak; the polarization may drift slowly.
public struct BeamSplitterSourceConfiguration: Sendable, Hashable, Codable {
  /// The light per gate.
  public let source: PhotonSourceKind
  /// The linear polarization angle θ from horizontal, in radians (π/4 for |D⟩).
  public let polarizationAngle: Double
  /// The beam splitter (its extinction ratio sets the leakage into the wrong port).
  public let beamSplitter: PolarizingBeamSplitter
  /// The detector behind the transmitted port (bit 0).
  public let detector0: Detector
  /// The detector behind the reflected port (bit 1).
  public let detector1: Detector
  /// An optional slow drift of the polarization angle.
  public let drift: SourceDrift?
  /// An optional detector failure part-way through the run.
  public let detectorFailure: DetectorFailure?

  /// A configuration; parameters are validated.
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)`` for an angle outside
  ///   [0, π/2] or a mean photon number outside (0, 100].
  public init(
    source: PhotonSourceKind = .singlePhoton, polarizationAngle: Double = .pi / 4,
    beamSplitter: PolarizingBeamSplitter = .ideal, detector0: Detector, detector1: Detector,
    drift: SourceDrift? = nil, detectorFailure: DetectorFailure? = nil
  ) throws(QRNGError) {
    try QRNGError.check(polarizationAngle, in: 0...(Double.pi / 2), name: "polarization angle")
    if case .weakCoherent(let mu) = source {
      guard mu.isFinite, mu > 0, mu <= 100 else {
        throw .invalidParameter(
          name: "mean photon number", value: "\(mu)", allowed: "a number in (0, 100]")
      }
    }
    self.source = source
    self.polarizationAngle = polarizationAngle
    self.beamSplitter = beamSplitter
    self.detector0 = detector0
    self.detector1 = detector1
    self.drift = drift
    self.detectorFailure = detectorFailure
  }

  /// A realistic single-photon QRNG: silicon SPADs with 60 % efficiency and a 2 % relative
  /// efficiency mismatch (61.2 % on the bit-1 port), dark-count probability 10^−6 per gate,
  /// one dead gate after each click, 1 % afterpulsing, and a beam splitter with extinction
  /// ratio 1000:1.
  public static func typical(efficiencyMismatch: Double = 0.02) throws(QRNGError)
    -> BeamSplitterSourceConfiguration
  {
    try QRNGError.check(efficiencyMismatch, in: -0.5...0.5, name: "efficiency mismatch")
    do {
      let d0 = try Detector(
        efficiency: 0.6, darkCountProbability: 1e-6, deadTimeGates: 1,
        afterpulseProbability: 0.01)
      let d1 = try Detector(
        efficiency: 0.6 * (1 + efficiencyMismatch), darkCountProbability: 1e-6,
        deadTimeGates: 1, afterpulseProbability: 0.01)
      return try BeamSplitterSourceConfiguration(
        beamSplitter: PolarizingBeamSplitter(extinctionRatio: 1000), detector0: d0,
        detector1: d1)
    } catch let error as PhotonicsError {
      throw .invalidParameter(name: "detector", value: error.description, allowed: "")
    } catch let error as QRNGError {
      throw error
    } catch {
      throw .invalidParameter(name: "detector", value: "\(error)", allowed: "")
    }
  }
}
