import Foundation
import Photonics

/// The flat, command-line-shaped settings of a BB84 run (`qkdlab bb84`), mapped onto a validated
/// ``BB84Configuration`` by ``makeConfiguration()``.
///
/// Every field has a default (the Gobby–Yuan–Shields link used by Lo, Ma & Chen 2005, with
/// 0.2 dB/km fibre), and JSON decoding accepts any subset of the snake_case keys, so a script
/// can write `{"distance_km": 50, "eve": "intercept-resend:0.2"}`.
public struct BB84LinkOptions: Sendable, Hashable, Codable {
  /// The light source.
  public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
    /// Signal, weak decoy and vacuum (``BB84LinkOptions/mu``, ``BB84LinkOptions/decoyMu``).
    case decoy
    /// Weak coherent pulses of one intensity ``BB84LinkOptions/mu`` (GLLP analysis).
    case weakCoherent = "weak-coherent"
    /// An ideal single-photon source.
    case singlePhoton = "single-photon"
  }

  /// Fibre length in km (`--distance-km`).
  public var distanceKm: Double = 25
  /// Fibre loss in dB/km (`--attenuation-db-per-km`).
  public var attenuationDbPerKm: Double = 0.2
  /// η_Bob: Bob's internal transmittance times detector efficiency (`--detector-efficiency`).
  public var detectorEfficiency: Double = 0.045
  /// Dark-count probability per gate of each of Bob's two detectors (`--dark-count`); the
  /// background yield is Y0 = 1 − (1 − P)².
  public var darkCount: Double = 8.5e-7
  /// Misalignment error e_d (`--misalignment`).
  public var misalignment: Double = 0.033
  /// Reconciliation efficiency f assumed by the theory rate (`--ec-efficiency`).
  public var ecEfficiency: Double = 1.22
  /// The source kind.
  public var source: Source = .decoy
  /// Signal mean photon number μ (`--mu`).
  public var mu: Double = 0.5
  /// Weak decoy mean photon number ν (`--decoy-mu`), below μ.
  public var decoyMu: Double = 0.1
  /// Probability of the signal intensity (`--signal-probability`).
  public var signalProbability: Double = 0.8
  /// Probability of the weak decoy (`--decoy-probability`); the vacuum takes the rest.
  public var decoyProbability: Double = 0.1
  /// Probability that Alice and Bob each choose the H/V (Z) basis (`--z-basis-probability`);
  /// above 1/2 is efficient BB84.
  public var zBasisProbability: Double = 0.5
  /// Pulses Alice sends (`--pulses`).
  public var pulses: Int = 1_000_000
  /// The attack (`--eve`).
  public var eve: EavesdropperOption = .none
  /// The seed (`--seed`).
  public var seed: UInt64 = 1
  /// The simulation path (`--path compiled|exact`).
  public var quantumPath: BB84QuantumPath = .compiled
  /// The Cascade variant (`--cascade`).
  public var cascade: BB84CascadeVariant = .improved
  /// The classical-channel authentication (`--authentication`).
  public var authentication: BB84AuthenticationMode = .wegmanCarter
  /// Fraction of the signal sifted bits disclosed for QBER estimation (`--sample-fraction`).
  public var sampleFraction: Double = 0.1
  /// Whether finite-size bounds are applied (`--asymptotic` turns them off).
  public var finiteSizeBounds: Bool = true

  /// The defaults.
  public init() {}

  /// The vacuum probability 1 − p_signal − p_decoy of the decoy source.
  public var vacuumProbability: Double { 1 - signalProbability - decoyProbability }

  /// The configuration these options describe.
  /// - Throws: ``BB84ConfigurationError`` naming the first option out of range (the message
  ///   says what is allowed).
  public func makeConfiguration() throws(BB84ConfigurationError) -> BB84Configuration {
    try ProtocolCheck.inRange(distanceKm, 0...100_000, "--distance-km")
    try ProtocolCheck.inRange(attenuationDbPerKm, 0...100, "--attenuation-db-per-km")
    try ProtocolCheck.inRange(detectorEfficiency, 1e-12...1, "--detector-efficiency")
    try ProtocolCheck.inRange(darkCount, 0...1, "--dark-count")
    try ProtocolCheck.inRange(misalignment, 0...0.5, "--misalignment")
    try ProtocolCheck.inRange(ecEfficiency, 1...10, "--ec-efficiency")
    try ProtocolCheck.inRange(zBasisProbability, 0.01...0.99, "--z-basis-probability")
    let pulseLimit =
      quantumPath == .exact
      ? BB84Configuration.maximumExactPulseCount : BB84Configuration.maximumPulseCount
    try ProtocolCheck.count(pulses, 1...pulseLimit, "--pulses")
    let pulseSource = try makeSource()
    let link: LinkConfiguration
    do throws(PhotonicsError) {
      link = try LinkConfiguration(
        source: pulseSource,
        fibre: try Fibre(lengthKm: distanceKm, attenuationDbPerKm: attenuationDbPerKm),
        eavesdropper: eve.eavesdropper,
        receiver: try Receiver(
          detector: try Detector(efficiency: detectorEfficiency, darkCountProbability: darkCount),
          misalignment: misalignment),
        aliceRectilinearProbability: zBasisProbability,
        bobRectilinearProbability: zBasisProbability)
    } catch {
      throw .invalidLink(error.description)
    }
    let post = BB84PostProcessing(
      sampleFraction: sampleFraction, cascade: cascade, authentication: authentication,
      assumedECEfficiency: ecEfficiency, finiteSizeBounds: finiteSizeBounds)
    return try BB84Configuration(
      link: link, pulseCount: pulses, quantumPath: quantumPath, postProcessing: post, seed: seed)
  }

  private func makeSource() throws(BB84ConfigurationError) -> PulseSource {
    switch source {
    case .singlePhoton:
      return .singlePhoton
    case .weakCoherent:
      try ProtocolCheck.inRange(mu, 1e-9...10, "--mu")
      do {
        return try PulseSource.weakCoherent(mean: mu)
      } catch {
        throw .invalidLink(error.description)
      }
    case .decoy:
      try ProtocolCheck.inRange(mu, 1e-9...10, "--mu")
      try ProtocolCheck.inRange(decoyMu, 1e-9...10, "--decoy-mu")
      guard decoyMu < mu else {
        throw .inconsistent("--decoy-mu (\(decoyMu)) must be below --mu (\(mu))")
      }
      try ProtocolCheck.inRange(signalProbability, 1e-6...1, "--signal-probability")
      try ProtocolCheck.inRange(decoyProbability, 1e-6...1, "--decoy-probability")
      guard vacuumProbability > 1e-9 else {
        throw .inconsistent(
          "--signal-probability + --decoy-probability must be below 1 (the vacuum takes the "
            + "rest), got \(signalProbability + decoyProbability)")
      }
      do {
        return try PulseSource.decoy(
          signal: mu, decoy: decoyMu, signalProbability: signalProbability,
          decoyProbability: decoyProbability, vacuumProbability: vacuumProbability)
      } catch {
        throw .invalidLink(error.description)
      }
    }
  }

  /// The link as the key-rate theory sees it (for `qkdlab theory` with the same flags).
  /// - Throws: ``BB84ConfigurationError/invalidParameter(name:value:allowed:)`` for a value the
  ///   theory refuses.
  public func keyRateParameters() throws(BB84ConfigurationError) -> KeyRateParameters {
    let q =
      zBasisProbability * zBasisProbability + (1 - zBasisProbability) * (1 - zBasisProbability)
    let y0 = 1 - (1 - darkCount) * (1 - darkCount)
    let parameters = KeyRateParameters(
      distanceKm: distanceKm, attenuationDbPerKm: attenuationDbPerKm,
      detectorEfficiency: detectorEfficiency, backgroundYield: y0, misalignment: misalignment,
      ecEfficiency: ecEfficiency, siftingFactor: q)
    do {
      return try parameters.validated()
    } catch {
      throw .inconsistent(error.description)
    }
  }

  enum CodingKeys: String, CodingKey {
    case distanceKm = "distance_km"
    case attenuationDbPerKm = "attenuation_db_per_km"
    case detectorEfficiency = "detector_efficiency"
    case darkCount = "dark_count"
    case misalignment
    case ecEfficiency = "ec_efficiency"
    case source
    case mu
    case decoyMu = "decoy_mu"
    case signalProbability = "signal_probability"
    case decoyProbability = "decoy_probability"
    case zBasisProbability = "z_basis_probability"
    case pulses
    case eve
    case seed
    case quantumPath = "quantum_path"
    case cascade
    case authentication
    case sampleFraction = "sample_fraction"
    case finiteSizeBounds = "finite_size_bounds"
  }

  /// Decodes any subset of the keys; missing ones keep their defaults.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = BB84LinkOptions()
    distanceKm = try c.decodeIfPresent(Double.self, forKey: .distanceKm) ?? d.distanceKm
    attenuationDbPerKm =
      try c.decodeIfPresent(Double.self, forKey: .attenuationDbPerKm) ?? d.attenuationDbPerKm
    detectorEfficiency =
      try c.decodeIfPresent(Double.self, forKey: .detectorEfficiency) ?? d.detectorEfficiency
    darkCount = try c.decodeIfPresent(Double.self, forKey: .darkCount) ?? d.darkCount
    misalignment = try c.decodeIfPresent(Double.self, forKey: .misalignment) ?? d.misalignment
    ecEfficiency = try c.decodeIfPresent(Double.self, forKey: .ecEfficiency) ?? d.ecEfficiency
    source = try c.decodeIfPresent(Source.self, forKey: .source) ?? d.source
    mu = try c.decodeIfPresent(Double.self, forKey: .mu) ?? d.mu
    decoyMu = try c.decodeIfPresent(Double.self, forKey: .decoyMu) ?? d.decoyMu
    signalProbability =
      try c.decodeIfPresent(Double.self, forKey: .signalProbability) ?? d.signalProbability
    decoyProbability =
      try c.decodeIfPresent(Double.self, forKey: .decoyProbability) ?? d.decoyProbability
    zBasisProbability =
      try c.decodeIfPresent(Double.self, forKey: .zBasisProbability) ?? d.zBasisProbability
    pulses = try c.decodeIfPresent(Int.self, forKey: .pulses) ?? d.pulses
    eve = try c.decodeIfPresent(EavesdropperOption.self, forKey: .eve) ?? d.eve
    seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
    quantumPath = try c.decodeIfPresent(BB84QuantumPath.self, forKey: .quantumPath) ?? d.quantumPath
    cascade = try c.decodeIfPresent(BB84CascadeVariant.self, forKey: .cascade) ?? d.cascade
    authentication =
      try c.decodeIfPresent(BB84AuthenticationMode.self, forKey: .authentication)
      ?? d.authentication
    sampleFraction =
      try c.decodeIfPresent(Double.self, forKey: .sampleFraction) ?? d.sampleFraction
    finiteSizeBounds =
      try c.decodeIfPresent(Bool.self, forKey: .finiteSizeBounds) ?? d.finiteSizeBounds
  }
}
