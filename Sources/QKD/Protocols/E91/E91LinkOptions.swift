import Foundation
import Photonics

/// The flat, command-line-shaped settings of an E91 run (`qkdlab e91`), mapped onto a validated
/// ``E91Configuration`` by ``makeConfiguration()``.
///
/// Every field has a default, and JSON decoding accepts any subset of the snake_case keys, so a
/// script can write `{"distance_km": 20, "visibility": 0.95, "eve": "intercept-resend:1"}`.
/// Both stations use the same detectors (`--detector-efficiency`, `--dark-count`,
/// `--misalignment`, as for `qkdlab bb84`).
public struct E91LinkOptions: Sendable, Hashable, Codable {
  /// Source gates (`--pairs`); with the default source every gate emits one pair.
  public var pairs: Int = 1_000_000
  /// Total fibre length in km (`--distance-km`), split evenly between the arms unless
  /// ``distanceAKm`` or ``distanceBKm`` is given.
  public var distanceKm: Double = 10
  /// Fibre length from the source to Alice (`--distance-a-km`); when only one arm is given, the
  /// other gets the rest of ``distanceKm``.
  public var distanceAKm: Double?
  /// Fibre length from the source to Bob (`--distance-b-km`).
  public var distanceBKm: Double?
  /// Fibre loss in dB/km (`--attenuation-db-per-km`).
  public var attenuationDbPerKm: Double = 0.2
  /// Depolarizing probability per km of both fibres (`--depolarization-per-km`).
  public var depolarizationPerKm: Double = 0
  /// Polarization drift diffusion of both fibres in rad/√s (`--drift`); 0 is a stable fibre.
  public var driftRadiansPerSqrtSecond: Double = 0
  /// Seconds between reference-frame alignments when drifting (`--alignment-interval-s`).
  public var alignmentIntervalSeconds: Double?
  /// Source visibility V (`--visibility`): each pair is V·|Φ⁺⟩⟨Φ⁺| + (1 − V)·I/4.
  public var visibility: Double = 0.98
  /// Probability of exactly one pair per gate (`--pair-probability`).
  public var pairProbability: Double = 1
  /// Probability of two pairs per gate (`--multi-pair-probability`).
  public var multiPairProbability: Double = 0
  /// Detection efficiency of each of the four detectors (`--detector-efficiency`).
  public var detectorEfficiency: Double = 0.5
  /// Dark-count probability per gate of each detector (`--dark-count`).
  public var darkCount: Double = 1e-6
  /// Misalignment e_d of each station (`--misalignment`).
  public var misalignment: Double = 0.01
  /// Alice's analyzer angles in degrees (Ekert: 0, 22.5, 45).
  public var aliceAnglesDegrees: [Double] = [0, 22.5, 45]
  /// Bob's analyzer angles in degrees (Ekert: 22.5, 45, 67.5).
  public var bobAnglesDegrees: [Double] = [22.5, 45, 67.5]
  /// The attack (`--eve`).
  public var eve: E91EavesdropperOption = .none
  /// The seed (`--seed`).
  public var seed: UInt64 = 1
  /// The simulation path (`--path compiled|exact`).
  public var quantumPath: BB84QuantumPath = .compiled
  /// The Cascade variant (`--cascade`).
  public var cascade: BB84CascadeVariant = .improved
  /// The classical-channel authentication (`--authentication`).
  public var authentication: BB84AuthenticationMode = .wegmanCarter
  /// Fraction of the sifted bits disclosed for QBER estimation (`--sample-fraction`).
  public var sampleFraction: Double = 0.1
  /// Standard deviations by which S must exceed 2 (`--chsh-sigmas`).
  public var chshAbortSigmas: Double = 3
  /// The bound that sets the final length (`--key-length-bound device-independent|bbm92`).
  public var keyLengthBound: E91KeyLengthBound = .deviceIndependent
  /// Whether finite-size bounds are applied (`--asymptotic` turns them off).
  public var finiteSizeBounds: Bool = true

  /// The defaults.
  public init() {}

  /// The two arm lengths these options give (km).
  /// - Throws: ``E91ConfigurationError`` when a length is out of range or one arm exceeds the
  ///   total.
  public func armLengthsKm() throws(E91ConfigurationError) -> (alice: Double, bob: Double) {
    try E91Check.inRange(distanceKm, 0...100_000, "--distance-km")
    switch (distanceAKm, distanceBKm) {
    case (nil, nil):
      return (distanceKm / 2, distanceKm / 2)
    case (let a?, let b?):
      try E91Check.inRange(a, 0...100_000, "--distance-a-km")
      try E91Check.inRange(b, 0...100_000, "--distance-b-km")
      return (a, b)
    case (let a?, nil):
      try E91Check.inRange(a, 0...distanceKm, "--distance-a-km (at most --distance-km)")
      return (a, distanceKm - a)
    case (nil, let b?):
      try E91Check.inRange(b, 0...distanceKm, "--distance-b-km (at most --distance-km)")
      return (distanceKm - b, b)
    }
  }

  /// The configuration these options describe.
  /// - Throws: ``E91ConfigurationError`` naming the first option out of range (the message says
  ///   what is allowed).
  public func makeConfiguration() throws(E91ConfigurationError) -> E91Configuration {
    let arms = try armLengthsKm()
    try E91Check.inRange(attenuationDbPerKm, 0...100, "--attenuation-db-per-km")
    try E91Check.inRange(depolarizationPerKm, 0...1, "--depolarization-per-km")
    try E91Check.inRange(driftRadiansPerSqrtSecond, 0...1e6, "--drift")
    if let t = alignmentIntervalSeconds {
      try E91Check.inRange(t, 1e-9...1e9, "--alignment-interval-s")
    }
    try E91Check.inRange(visibility, 0...1, "--visibility")
    try E91Check.inRange(pairProbability, 0...1, "--pair-probability")
    try E91Check.inRange(multiPairProbability, 0...1, "--multi-pair-probability")
    try E91Check.inRange(detectorEfficiency, 1e-12...1, "--detector-efficiency")
    try E91Check.inRange(darkCount, 0...1, "--dark-count")
    try E91Check.inRange(misalignment, 0...0.5, "--misalignment")
    try E91Check.inRange(chshAbortSigmas, 0...100, "--chsh-sigmas")
    let limit =
      quantumPath == .exact
      ? E91Configuration.maximumExactPairCount
      : E91Configuration.maximumPairCount
    try E91Check.count(pairs, 1...limit, "--pairs")
    let link: PairLinkConfiguration
    do throws(PhotonicsError) {
      let drift =
        driftRadiansPerSqrtSecond > 0
        ? try PolarizationDrift(
          diffusionRadiansPerSqrtSecond: driftRadiansPerSqrtSecond,
          alignmentIntervalSeconds: alignmentIntervalSeconds) : nil
      func fibre(_ km: Double) throws(PhotonicsError) -> Fibre {
        try Fibre(
          lengthKm: km, attenuationDbPerKm: attenuationDbPerKm,
          depolarizationPerKm: depolarizationPerKm, drift: drift)
      }
      let receiver = try Receiver(
        detector: try Detector(efficiency: detectorEfficiency, darkCountProbability: darkCount),
        misalignment: misalignment)
      link = try PairLinkConfiguration(
        source: try EntangledPairSource(
          visibility: visibility, pairProbability: pairProbability,
          multiPairProbability: multiPairProbability),
        fibreA: try fibre(arms.alice), fibreB: try fibre(arms.bob), receiverA: receiver,
        receiverB: receiver, aliceAnglesDegrees: aliceAnglesDegrees,
        bobAnglesDegrees: bobAnglesDegrees, eavesdropper: eve.eavesdropper)
    } catch {
      throw .invalidLink(error.description)
    }
    let post = E91PostProcessing(
      sampleFraction: sampleFraction, chshAbortStandardDeviations: chshAbortSigmas,
      cascade: cascade, authentication: authentication, finiteSizeBounds: finiteSizeBounds,
      keyLengthBound: keyLengthBound)
    return try E91Configuration(
      link: link, pairCount: pairs, quantumPath: quantumPath, postProcessing: post, seed: seed)
  }

  enum CodingKeys: String, CodingKey {
    case pairs
    case distanceKm = "distance_km"
    case distanceAKm = "distance_a_km"
    case distanceBKm = "distance_b_km"
    case attenuationDbPerKm = "attenuation_db_per_km"
    case depolarizationPerKm = "depolarization_per_km"
    case driftRadiansPerSqrtSecond = "drift_radians_per_sqrt_second"
    case alignmentIntervalSeconds = "alignment_interval_seconds"
    case visibility
    case pairProbability = "pair_probability"
    case multiPairProbability = "multi_pair_probability"
    case detectorEfficiency = "detector_efficiency"
    case darkCount = "dark_count"
    case misalignment
    case aliceAnglesDegrees = "alice_angles_degrees"
    case bobAnglesDegrees = "bob_angles_degrees"
    case eve
    case seed
    case quantumPath = "quantum_path"
    case cascade
    case authentication
    case sampleFraction = "sample_fraction"
    case chshAbortSigmas = "chsh_abort_sigmas"
    case keyLengthBound = "key_length_bound"
    case finiteSizeBounds = "finite_size_bounds"
  }

  /// Decodes any subset of the keys; missing ones keep their defaults.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = E91LinkOptions()
    func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
      try c.decodeIfPresent(T.self, forKey: key) ?? fallback
    }
    pairs = try value(.pairs, d.pairs)
    distanceKm = try value(.distanceKm, d.distanceKm)
    distanceAKm = try c.decodeIfPresent(Double.self, forKey: .distanceAKm)
    distanceBKm = try c.decodeIfPresent(Double.self, forKey: .distanceBKm)
    attenuationDbPerKm = try value(.attenuationDbPerKm, d.attenuationDbPerKm)
    depolarizationPerKm = try value(.depolarizationPerKm, d.depolarizationPerKm)
    driftRadiansPerSqrtSecond = try value(.driftRadiansPerSqrtSecond, d.driftRadiansPerSqrtSecond)
    alignmentIntervalSeconds = try c.decodeIfPresent(Double.self, forKey: .alignmentIntervalSeconds)
    visibility = try value(.visibility, d.visibility)
    pairProbability = try value(.pairProbability, d.pairProbability)
    multiPairProbability = try value(.multiPairProbability, d.multiPairProbability)
    detectorEfficiency = try value(.detectorEfficiency, d.detectorEfficiency)
    darkCount = try value(.darkCount, d.darkCount)
    misalignment = try value(.misalignment, d.misalignment)
    aliceAnglesDegrees = try value(.aliceAnglesDegrees, d.aliceAnglesDegrees)
    bobAnglesDegrees = try value(.bobAnglesDegrees, d.bobAnglesDegrees)
    eve = try value(.eve, d.eve)
    seed = try value(.seed, d.seed)
    quantumPath = try value(.quantumPath, d.quantumPath)
    cascade = try value(.cascade, d.cascade)
    authentication = try value(.authentication, d.authentication)
    sampleFraction = try value(.sampleFraction, d.sampleFraction)
    chshAbortSigmas = try value(.chshAbortSigmas, d.chshAbortSigmas)
    keyLengthBound = try value(.keyLengthBound, d.keyLengthBound)
    finiteSizeBounds = try value(.finiteSizeBounds, d.finiteSizeBounds)
  }
}
