/// Every count and estimate of one BB84 session, flat and Codable.
///
/// The JSON encoding uses snake_case keys and always writes every key (null when a stage was not
/// reached), so scripts can rely on `sifted_bits`, `gain_signal`, `error_rate_signal`, `qber`,
/// `qber_z`, `qber_x`, `final_key_bits`, `key_rate_per_pulse`, `theory_key_rate_per_pulse`,
/// `ec_leaked_bits`, `ec_efficiency`, `aborted` and `abort_reason` being present.
public struct SessionReport: Sendable, Hashable, Codable {
  // Run.
  /// The session seed.
  public var seed: UInt64 = 0
  /// "compiled" or "exact".
  public var quantumPath: String = ""
  /// The attack, in `--eve` spelling.
  public var eve: String = "none"
  /// Fibre length in km.
  public var distanceKm: Double = 0
  /// Mean photon number of each intensity (index 0 the signal).
  public var intensities: [Double] = []
  /// Pulses sent.
  public var pulses: Int = 0
  /// Pulses sent per intensity.
  public var pulsesPerIntensity: [Int] = []

  // Quantum phase.
  /// Pulses in which at least one of Bob's detectors clicked.
  public var detections: Int = 0
  /// Detections per intensity.
  public var detectionsPerIntensity: [Int] = []
  /// Double clicks (squashed to a random bit).
  public var doubleClicks: Int = 0

  // Sifting.
  /// Sifted bits (matching bases), all intensities.
  public var siftedBits: Int = 0
  /// Sifted bits of the signal intensity.
  public var siftedBitsSignal: Int = 0
  /// Sifted bits per intensity and basis, `[intensity][Z, X]`.
  public var siftedPerIntensity: [[Int]] = []

  // Estimation.
  /// Signal bits disclosed for QBER estimation.
  public var sampleBits: Int = 0
  /// Signal QBER: the error rate of all signal key bits once reconciliation found every error,
  /// otherwise of the disclosed sample.
  public var qber: Double?
  /// Signal QBER of the sample in the Z (H/V) basis.
  public var qberZ: Double?
  /// Signal QBER of the sample in the X (D/A) basis.
  public var qberX: Double?
  /// Upper confidence bound on the signal QBER (the larger basis bound).
  public var qberUpperBound: Double?
  /// Gain per intensity, detections / pulses.
  public var gains: [Double] = []
  /// Error rate per intensity of the disclosed bits (signal: the sample).
  public var errorRates: [Double?] = []
  /// Q_μ.
  public var gainSignal: Double?
  /// E_μ (as ``qber``).
  public var errorRateSignal: Double?
  /// Q_ν (decoy sources).
  public var gainDecoy: Double?
  /// E_ν (decoy sources).
  public var errorRateDecoy: Double?
  /// Y0 measured on vacuum pulses (decoy sources).
  public var vacuumYield: Double?

  // Single-photon analysis.
  /// Lower bound on the single-photon yield Y1 (decoy sources).
  public var y1LowerBound: Double?
  /// Lower bound on the single-photon gain Q1 (decoy sources).
  public var q1LowerBound: Double?
  /// Upper bound on the single-photon phase-error rate e1.
  public var e1UpperBound: Double?
  /// Lower bound on the fraction of key bits from single photons.
  public var singlePhotonFraction: Double?
  /// Standard deviations applied to decoy statistics (0: asymptotic).
  public var decoyStandardDeviations: Double = 0

  // Reconciliation and verification.
  /// Key bits entering reconciliation (undisclosed signal sifted bits).
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

  // Privacy amplification and rates.
  /// The leftover-hash-lemma length bound before flooring.
  public var keyLengthBound: Double?
  /// Final secret key bits distilled (0 when aborted).
  public var finalKeyBits: Int = 0
  /// Final key bits used to replenish the Wegman–Carter pool.
  public var authenticationReplenishedBits: Int = 0
  /// Final key bits left for use after replenishment.
  public var netKeyBits: Int = 0
  /// finalKeyBits / pulses.
  public var keyRatePerPulse: Double = 0
  /// The closed-form asymptotic rate per pulse for the honest link (see ``BB84Theory``).
  public var theoryKeyRatePerPulse: Double?
  /// The asymptotic rate per pulse estimated from this run's measured gains and error rates
  /// (decoy sources; see ``BB84Theory/vacuumWeakDecoyRate(_:siftingFactor:signalProbability:ecEfficiency:)``).
  public var asymptoticKeyRatePerPulse: Double?
  /// Its standard error from the finite counts.
  public var asymptoticKeyRateStandardError: Double?
  /// The PLOB repeaterless bound per pulse for the link.
  public var plobBound: Double?
  /// ε_sec + ε_cor + authentication ε of the composable statement.
  public var epsilonSecurity: Double?

  // Classical channel.
  /// The authentication scheme.
  public var authentication: String = ""
  /// Authenticated messages sent.
  public var classicalMessages: Int = 0
  /// Cascade parity exchanges relayed (authenticated together per frame).
  public var cascadeParityExchanges: Int = 0
  /// Wegman–Carter key bits consumed by Alice.
  public var authenticationKeyBitsConsumed: Int = 0

  // Ground truth from the simulator (not known to Alice and Bob).
  /// Eve's information per sifted bit (fraction of sifted bits she guesses from her observation).
  public var eveInformationPerSiftedBit: Double = 0

  // Outcome.
  /// Whether the session aborted.
  public var aborted: Bool = false
  /// The abort code (``BB84AbortReason/code``), nil when not aborted.
  public var abortReason: String?
  /// The abort sentence.
  public var abortDetail: String?

  /// An empty report.
  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case seed
    case quantumPath = "quantum_path"
    case eve
    case distanceKm = "distance_km"
    case intensities
    case pulses
    case pulsesPerIntensity = "pulses_per_intensity"
    case detections
    case detectionsPerIntensity = "detections_per_intensity"
    case doubleClicks = "double_clicks"
    case siftedBits = "sifted_bits"
    case siftedBitsSignal = "sifted_bits_signal"
    case siftedPerIntensity = "sifted_per_intensity"
    case sampleBits = "sample_bits"
    case qber
    case qberZ = "qber_z"
    case qberX = "qber_x"
    case qberUpperBound = "qber_upper_bound"
    case gains
    case errorRates = "error_rates"
    case gainSignal = "gain_signal"
    case errorRateSignal = "error_rate_signal"
    case gainDecoy = "gain_decoy"
    case errorRateDecoy = "error_rate_decoy"
    case vacuumYield = "vacuum_yield"
    case y1LowerBound = "y1_lower_bound"
    case q1LowerBound = "q1_lower_bound"
    case e1UpperBound = "e1_upper_bound"
    case singlePhotonFraction = "single_photon_fraction"
    case decoyStandardDeviations = "decoy_standard_deviations"
    case reconciledBits = "reconciled_bits"
    case cascadeVariant = "cascade_variant"
    case ecLeakedBits = "ec_leaked_bits"
    case ecCorrectedErrors = "ec_corrected_errors"
    case ecEfficiency = "ec_efficiency"
    case verificationBits = "verification_bits"
    case verificationFailureProbability = "verification_failure_probability"
    case keyLengthBound = "key_length_bound"
    case finalKeyBits = "final_key_bits"
    case authenticationReplenishedBits = "authentication_replenished_bits"
    case netKeyBits = "net_key_bits"
    case keyRatePerPulse = "key_rate_per_pulse"
    case theoryKeyRatePerPulse = "theory_key_rate_per_pulse"
    case asymptoticKeyRatePerPulse = "asymptotic_key_rate_per_pulse"
    case asymptoticKeyRateStandardError = "asymptotic_key_rate_standard_error"
    case plobBound = "plob_bound"
    case epsilonSecurity = "epsilon_security"
    case authentication
    case classicalMessages = "classical_messages"
    case cascadeParityExchanges = "cascade_parity_exchanges"
    case authenticationKeyBitsConsumed = "authentication_key_bits_consumed"
    case eveInformationPerSiftedBit = "eve_information_per_sifted_bit"
    case aborted
    case abortReason = "abort_reason"
    case abortDetail = "abort_detail"
  }

  /// Encodes every key, writing null for values a session did not reach (non-finite numbers are
  /// written as null too, since JSON has no NaN).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }
    try c.encode(seed, forKey: .seed)
    try c.encode(quantumPath, forKey: .quantumPath)
    try c.encode(eve, forKey: .eve)
    try c.encode(distanceKm, forKey: .distanceKm)
    try c.encode(intensities, forKey: .intensities)
    try c.encode(pulses, forKey: .pulses)
    try c.encode(pulsesPerIntensity, forKey: .pulsesPerIntensity)
    try c.encode(detections, forKey: .detections)
    try c.encode(detectionsPerIntensity, forKey: .detectionsPerIntensity)
    try c.encode(doubleClicks, forKey: .doubleClicks)
    try c.encode(siftedBits, forKey: .siftedBits)
    try c.encode(siftedBitsSignal, forKey: .siftedBitsSignal)
    try c.encode(siftedPerIntensity, forKey: .siftedPerIntensity)
    try c.encode(sampleBits, forKey: .sampleBits)
    try c.encode(finite(qber), forKey: .qber)
    try c.encode(finite(qberZ), forKey: .qberZ)
    try c.encode(finite(qberX), forKey: .qberX)
    try c.encode(finite(qberUpperBound), forKey: .qberUpperBound)
    try c.encode(gains.map { finite($0) }, forKey: .gains)
    try c.encode(errorRates.map { finite($0) }, forKey: .errorRates)
    try c.encode(finite(gainSignal), forKey: .gainSignal)
    try c.encode(finite(errorRateSignal), forKey: .errorRateSignal)
    try c.encode(finite(gainDecoy), forKey: .gainDecoy)
    try c.encode(finite(errorRateDecoy), forKey: .errorRateDecoy)
    try c.encode(finite(vacuumYield), forKey: .vacuumYield)
    try c.encode(finite(y1LowerBound), forKey: .y1LowerBound)
    try c.encode(finite(q1LowerBound), forKey: .q1LowerBound)
    try c.encode(finite(e1UpperBound), forKey: .e1UpperBound)
    try c.encode(finite(singlePhotonFraction), forKey: .singlePhotonFraction)
    try c.encode(finite(decoyStandardDeviations), forKey: .decoyStandardDeviations)
    try c.encode(reconciledBits, forKey: .reconciledBits)
    try c.encode(cascadeVariant, forKey: .cascadeVariant)
    try c.encode(ecLeakedBits, forKey: .ecLeakedBits)
    try c.encode(ecCorrectedErrors, forKey: .ecCorrectedErrors)
    try c.encode(finite(ecEfficiency), forKey: .ecEfficiency)
    try c.encode(verificationBits, forKey: .verificationBits)
    try c.encode(finite(verificationFailureProbability), forKey: .verificationFailureProbability)
    try c.encode(finite(keyLengthBound), forKey: .keyLengthBound)
    try c.encode(finalKeyBits, forKey: .finalKeyBits)
    try c.encode(authenticationReplenishedBits, forKey: .authenticationReplenishedBits)
    try c.encode(netKeyBits, forKey: .netKeyBits)
    try c.encode(finite(keyRatePerPulse) ?? 0, forKey: .keyRatePerPulse)
    try c.encode(finite(theoryKeyRatePerPulse), forKey: .theoryKeyRatePerPulse)
    try c.encode(finite(asymptoticKeyRatePerPulse), forKey: .asymptoticKeyRatePerPulse)
    try c.encode(finite(asymptoticKeyRateStandardError), forKey: .asymptoticKeyRateStandardError)
    try c.encode(finite(plobBound), forKey: .plobBound)
    try c.encode(finite(epsilonSecurity), forKey: .epsilonSecurity)
    try c.encode(authentication, forKey: .authentication)
    try c.encode(classicalMessages, forKey: .classicalMessages)
    try c.encode(cascadeParityExchanges, forKey: .cascadeParityExchanges)
    try c.encode(authenticationKeyBitsConsumed, forKey: .authenticationKeyBitsConsumed)
    try c.encode(finite(eveInformationPerSiftedBit) ?? 0, forKey: .eveInformationPerSiftedBit)
    try c.encode(aborted, forKey: .aborted)
    try c.encode(abortReason, forKey: .abortReason)
    try c.encode(abortDetail, forKey: .abortDetail)
  }
}
