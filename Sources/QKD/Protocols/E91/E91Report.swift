/// Every count and estimate of one E91 session, flat and Codable.
///
/// The JSON encoding uses snake_case keys and always writes every key (null when a stage was not
/// reached; non-finite numbers as null), so scripts can rely on `chsh_s`, `chsh_sigma`, `qber`,
/// `sifted_bits`, `final_key_bits`, `aborted` and `abort_reason` being present.
public struct E91Report: Sendable, Hashable, Codable {
  // Run.
  /// The session seed.
  public var seed: UInt64 = 0
  /// "compiled" or "exact".
  public var quantumPath: String = ""
  /// The attack, in `--eve` spelling.
  public var eve: String = "none"
  /// Fibre length from the source to Alice, km.
  public var distanceAKm: Double = 0
  /// Fibre length from the source to Bob, km.
  public var distanceBKm: Double = 0
  /// Source visibility V.
  public var visibility: Double = 1
  /// Alice's analyzer angles, degrees.
  public var aliceAnglesDegrees: [Double] = []
  /// Bob's analyzer angles, degrees.
  public var bobAnglesDegrees: [Double] = []
  /// Source gates simulated (`--pairs`).
  public var pairs: Int = 0

  // Quantum phase.
  /// Gates in which Alice detected a photon.
  public var aliceDetections: Int = 0
  /// Gates in which Bob detected a photon.
  public var bobDetections: Int = 0
  /// Double clicks of Alice and Bob (squashed to random bits).
  public var doubleClicks: Int = 0

  // Sifting.
  /// Gates where both detected (all setting pairs).
  public var coincidences: Int = 0
  /// Coincidences per setting pair, `[alice setting][bob setting]`.
  public var coincidencesPerSetting: [[Int]] = []
  /// Sifted key bits (coincidences at equal angles).
  public var siftedBits: Int = 0
  /// Coincidences at the four CHSH setting pairs.
  public var testCoincidences: Int = 0

  // Bell test.
  /// |S|, nil before the Bell test.
  public var chshS: Double?
  /// The standard error of S.
  public var chshSigma: Double?
  /// (|S| − 2)/σ.
  public var chshViolationSigmas: Double?
  /// The standard deviations S must exceed 2 by (the abort criterion).
  public var chshAbortSigmas: Double = 0
  /// The lower confidence bound on S used by the finite DI length, |S| − u·σ.
  public var chshLowerBound: Double?
  /// The four correlations E(a,b), E(a,b′), E(a′,b), E(a′,b′).
  public var correlations: [Double] = []
  /// Their standard errors.
  public var correlationSigmas: [Double] = []

  // Estimation.
  /// Sifted bits disclosed for QBER estimation.
  public var sampleBits: Int = 0
  /// QBER: of all key bits once reconciliation found every error, else of the sample.
  public var qber: Double?
  /// Sample QBER per key setting pair.
  public var qberPerKeyPair: [Double?] = []
  /// Upper confidence bound on the QBER of the key bits.
  public var qberUpperBound: Double?

  // Reconciliation and verification.
  /// Key bits entering reconciliation.
  public var reconciledBits: Int?
  /// The Cascade variant.
  public var cascadeVariant: String = ""
  /// Parity bits disclosed by Cascade.
  public var ecLeakedBits: Int?
  /// Errors Cascade corrected.
  public var ecCorrectedErrors: Int?
  /// f = leaked / (n·h(QBER)) with the frame's actual error rate (nil when h = 0).
  public var ecEfficiency: Double?
  /// Hash bits disclosed by verification.
  public var verificationBits: Int?
  /// ε_cor achieved by verification.
  public var verificationFailureProbability: Double?

  // Key length.
  /// Asymptotic DI rate per sifted bit, 1 − h(Q) − h((1 + √((S/2)² − 1))/2), at the observed values.
  public var keyRateDeviceIndependent: Double?
  /// Asymptotic BBM92 rate per sifted bit, 1 − 2h(Q).
  public var keyRateBBM92: Double?
  /// The finite DI length bound (bits, before flooring).
  public var keyLengthBoundDeviceIndependent: Double?
  /// The finite BBM92 length bound (bits, before flooring).
  public var keyLengthBoundBBM92: Double?
  /// The bound that set the final length ("device-independent" or "bbm92").
  public var keyLengthBound: String = ""
  /// Final secret key bits (0 when aborted).
  public var finalKeyBits: Int = 0
  /// Final key bits used to replenish the Wegman–Carter pool.
  public var authenticationReplenishedBits: Int = 0
  /// Final key bits left for use.
  public var netKeyBits: Int = 0
  /// finalKeyBits / pairs (gates).
  public var keyRatePerPair: Double = 0
  /// ε_sec + ε_cor + authentication ε.
  public var epsilonSecurity: Double?

  // Theory for the same link (from the compiled tables).
  /// Expected |S|.
  public var theoryChshS: Double?
  /// Expected QBER.
  public var theoryQber: Double?

  // Classical channel.
  /// The authentication scheme.
  public var authentication: String = ""
  /// Authenticated messages sent.
  public var classicalMessages: Int = 0
  /// Wegman–Carter key bits consumed by Alice.
  public var authenticationKeyBitsConsumed: Int = 0

  // Outcome.
  /// Whether the session aborted.
  public var aborted: Bool = false
  /// The abort code (``E91AbortReason/code``), nil when not aborted.
  public var abortReason: String?
  /// The abort sentence.
  public var abortDetail: String?

  /// An empty report.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case seed
    case quantumPath = "quantum_path"
    case eve
    case distanceAKm = "distance_a_km"
    case distanceBKm = "distance_b_km"
    case visibility
    case aliceAnglesDegrees = "alice_angles_degrees"
    case bobAnglesDegrees = "bob_angles_degrees"
    case pairs
    case aliceDetections = "alice_detections"
    case bobDetections = "bob_detections"
    case doubleClicks = "double_clicks"
    case coincidences
    case coincidencesPerSetting = "coincidences_per_setting"
    case siftedBits = "sifted_bits"
    case testCoincidences = "test_coincidences"
    case chshS = "chsh_s"
    case chshSigma = "chsh_sigma"
    case chshViolationSigmas = "chsh_violation_sigmas"
    case chshAbortSigmas = "chsh_abort_sigmas"
    case chshLowerBound = "chsh_lower_bound"
    case correlations
    case correlationSigmas = "correlation_sigmas"
    case sampleBits = "sample_bits"
    case qber
    case qberPerKeyPair = "qber_per_key_pair"
    case qberUpperBound = "qber_upper_bound"
    case reconciledBits = "reconciled_bits"
    case cascadeVariant = "cascade_variant"
    case ecLeakedBits = "ec_leaked_bits"
    case ecCorrectedErrors = "ec_corrected_errors"
    case ecEfficiency = "ec_efficiency"
    case verificationBits = "verification_bits"
    case verificationFailureProbability = "verification_failure_probability"
    case keyRateDeviceIndependent = "key_rate_device_independent"
    case keyRateBBM92 = "key_rate_bbm92"
    case keyLengthBoundDeviceIndependent = "key_length_bound_device_independent"
    case keyLengthBoundBBM92 = "key_length_bound_bbm92"
    case keyLengthBound = "key_length_bound"
    case finalKeyBits = "final_key_bits"
    case authenticationReplenishedBits = "authentication_replenished_bits"
    case netKeyBits = "net_key_bits"
    case keyRatePerPair = "key_rate_per_pair"
    case epsilonSecurity = "epsilon_security"
    case theoryChshS = "theory_chsh_s"
    case theoryQber = "theory_qber"
    case authentication
    case classicalMessages = "classical_messages"
    case authenticationKeyBitsConsumed = "authentication_key_bits_consumed"
    case aborted
    case abortReason = "abort_reason"
    case abortDetail = "abort_detail"
  }

  /// Encodes every key, writing null for values a session did not reach and for non-finite
  /// numbers (JSON has no NaN).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }
    try c.encode(seed, forKey: .seed)
    try c.encode(quantumPath, forKey: .quantumPath)
    try c.encode(eve, forKey: .eve)
    try c.encode(distanceAKm, forKey: .distanceAKm)
    try c.encode(distanceBKm, forKey: .distanceBKm)
    try c.encode(visibility, forKey: .visibility)
    try c.encode(aliceAnglesDegrees, forKey: .aliceAnglesDegrees)
    try c.encode(bobAnglesDegrees, forKey: .bobAnglesDegrees)
    try c.encode(pairs, forKey: .pairs)
    try c.encode(aliceDetections, forKey: .aliceDetections)
    try c.encode(bobDetections, forKey: .bobDetections)
    try c.encode(doubleClicks, forKey: .doubleClicks)
    try c.encode(coincidences, forKey: .coincidences)
    try c.encode(coincidencesPerSetting, forKey: .coincidencesPerSetting)
    try c.encode(siftedBits, forKey: .siftedBits)
    try c.encode(testCoincidences, forKey: .testCoincidences)
    try c.encode(finite(chshS), forKey: .chshS)
    try c.encode(finite(chshSigma), forKey: .chshSigma)
    try c.encode(finite(chshViolationSigmas), forKey: .chshViolationSigmas)
    try c.encode(finite(chshAbortSigmas) ?? 0, forKey: .chshAbortSigmas)
    try c.encode(finite(chshLowerBound), forKey: .chshLowerBound)
    try c.encode(correlations.map { finite($0) }, forKey: .correlations)
    try c.encode(correlationSigmas.map { finite($0) }, forKey: .correlationSigmas)
    try c.encode(sampleBits, forKey: .sampleBits)
    try c.encode(finite(qber), forKey: .qber)
    try c.encode(qberPerKeyPair.map { finite($0) }, forKey: .qberPerKeyPair)
    try c.encode(finite(qberUpperBound), forKey: .qberUpperBound)
    try c.encode(reconciledBits, forKey: .reconciledBits)
    try c.encode(cascadeVariant, forKey: .cascadeVariant)
    try c.encode(ecLeakedBits, forKey: .ecLeakedBits)
    try c.encode(ecCorrectedErrors, forKey: .ecCorrectedErrors)
    try c.encode(finite(ecEfficiency), forKey: .ecEfficiency)
    try c.encode(verificationBits, forKey: .verificationBits)
    try c.encode(finite(verificationFailureProbability), forKey: .verificationFailureProbability)
    try c.encode(finite(keyRateDeviceIndependent), forKey: .keyRateDeviceIndependent)
    try c.encode(finite(keyRateBBM92), forKey: .keyRateBBM92)
    try c.encode(finite(keyLengthBoundDeviceIndependent), forKey: .keyLengthBoundDeviceIndependent)
    try c.encode(finite(keyLengthBoundBBM92), forKey: .keyLengthBoundBBM92)
    try c.encode(keyLengthBound, forKey: .keyLengthBound)
    try c.encode(finalKeyBits, forKey: .finalKeyBits)
    try c.encode(authenticationReplenishedBits, forKey: .authenticationReplenishedBits)
    try c.encode(netKeyBits, forKey: .netKeyBits)
    try c.encode(finite(keyRatePerPair) ?? 0, forKey: .keyRatePerPair)
    try c.encode(finite(epsilonSecurity), forKey: .epsilonSecurity)
    try c.encode(finite(theoryChshS), forKey: .theoryChshS)
    try c.encode(finite(theoryQber), forKey: .theoryQber)
    try c.encode(authentication, forKey: .authentication)
    try c.encode(classicalMessages, forKey: .classicalMessages)
    try c.encode(authenticationKeyBitsConsumed, forKey: .authenticationKeyBitsConsumed)
    try c.encode(aborted, forKey: .aborted)
    try c.encode(abortReason, forKey: .abortReason)
    try c.encode(abortDetail, forKey: .abortDetail)
  }
}
