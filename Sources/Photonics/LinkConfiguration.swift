import Foundation

/// Everything that defines a prepare-and-measure polarization link (BB84 and decoy BB84): Alice's
/// source and basis choice, the fibre, the eavesdropper, Bob's receiver and basis choice.
///
/// Codable, so a run can be scripted and reproduced. Decoded values are checked by ``validate()``
/// before any simulation uses them.
public struct LinkConfiguration: Sendable, Hashable, Codable {
  /// Alice's source (single photons or weak coherent pulses with decoy intensities).
  public var source: PulseSource
  /// The fibre from Alice to Bob.
  public var fibre: Fibre
  /// The attack on the quantum channel.
  public var eavesdropper: Eavesdropper
  /// Bob's measurement station.
  public var receiver: Receiver
  /// Probability that Alice encodes in the H/V basis (1/2 for BB84; larger for efficient BB84).
  public var aliceRectilinearProbability: Double
  /// Probability that Bob measures in the H/V basis.
  public var bobRectilinearProbability: Double
  /// Pulse repetition rate in Hz (sets the time scale of polarization drift).
  public var pulseRateHz: Double
  /// Pulses per batch of the compiled path: each batch has its own random stream, so results
  /// are identical for any thread count; dead time and afterpulsing are carried within a batch
  /// (each batch starts with rested detectors) and the drift angle is constant within it.
  public var batchSize: Int

  /// A link configuration, validated.
  /// - Throws: ``PhotonicsError`` for any parameter outside its range.
  public init(
    source: PulseSource, fibre: Fibre, eavesdropper: Eavesdropper = .none,
    receiver: Receiver, aliceRectilinearProbability: Double = 0.5,
    bobRectilinearProbability: Double = 0.5, pulseRateHz: Double = 1e9,
    batchSize: Int = 1 << 20
  ) throws(PhotonicsError) {
    self.source = source
    self.fibre = fibre
    self.eavesdropper = eavesdropper
    self.receiver = receiver
    self.aliceRectilinearProbability = aliceRectilinearProbability
    self.bobRectilinearProbability = bobRectilinearProbability
    self.pulseRateHz = pulseRateHz
    self.batchSize = batchSize
    try validate()
  }

  /// Re-checks every parameter (for values decoded from JSON or mutated after creation).
  /// - Throws: ``PhotonicsError``.
  public func validate() throws(PhotonicsError) {
    _ = try PulseSource(statistics: source.statistics, intensities: source.intensities)
    for i in source.intensities {
      _ = try PulseIntensity(name: i.name, mean: i.mean, probability: i.probability)
    }
    _ = try Fibre(
      lengthKm: fibre.lengthKm, attenuationDbPerKm: fibre.attenuationDbPerKm,
      insertionLossDb: fibre.insertionLossDb, depolarizationPerKm: fibre.depolarizationPerKm,
      dephasingPerKm: fibre.dephasingPerKm, drift: fibre.drift)
    if let d = fibre.drift {
      _ = try PolarizationDrift(
        diffusionRadiansPerSqrtSecond: d.diffusionRadiansPerSqrtSecond,
        alignmentIntervalSeconds: d.alignmentIntervalSeconds)
    }
    try eavesdropper.validate()
    try receiver.validate()
    try Check.probability(aliceRectilinearProbability, "Alice's H/V basis probability")
    try Check.probability(bobRectilinearProbability, "Bob's H/V basis probability")
    guard pulseRateHz.isFinite, pulseRateHz > 0 else {
      throw .invalidParameter(
        name: "pulse rate (Hz)", value: pulseRateHz, allowed: "a finite number > 0")
    }
    try Check.count(batchSize, 1024...(1 << 30), "batch size (pulses)")
  }
}

extension Receiver {
  /// Re-checks every parameter.
  /// - Throws: ``PhotonicsError``.
  public func validate() throws(PhotonicsError) {
    for d in detectors {
      _ = try Detector(
        efficiency: d.efficiency, darkCountProbability: d.darkCountProbability,
        deadTimeGates: d.deadTimeGates, afterpulseProbability: d.afterpulseProbability)
    }
    _ = try PolarizingBeamSplitter(extinctionRatio: beamSplitter.extinctionRatio)
    try Check.inRange(misalignment, 0...0.5, "misalignment e_d")
  }
}
