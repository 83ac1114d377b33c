import ClassicalCrypto
import Photonics
import QuantumEngine

/// Where a running session is, for progress displays.
public struct BB84Progress: Sendable, Hashable {
  /// A stage of the session.
  public enum Stage: String, Sendable, Hashable, Codable, CaseIterable {
    /// Sending and measuring pulses.
    case quantum
    /// Sifting.
    case sifting
    /// Parameter and decoy-state estimation.
    case estimation
    /// Cascade.
    case reconciliation
    /// Verification hash.
    case verification
    /// Privacy amplification.
    case privacyAmplification = "privacy_amplification"
    /// Finished (with a key or an abort).
    case done
  }

  /// The current stage.
  public var stage: Stage
  /// Fraction of the stage done, in [0, 1] (the quantum stage reports per streamed chunk).
  public var fraction: Double
}

/// A distilled secret key. Its description never shows the bits.
public struct BB84DistilledKey: Sendable, Hashable, CustomStringConvertible {
  /// The key bits.
  public let bits: BitVector

  /// The number of key bits.
  public var count: Int { bits.count }

  /// Constant-time comparison with another key.
  public func constantTimeEquals(_ other: BB84DistilledKey) -> Bool {
    bits.constantTimeEquals(other.bits)
  }

  /// "BB84DistilledKey(n bits, redacted)".
  public var description: String { "BB84DistilledKey(\(bits.count) bits, redacted)" }
}

/// The outcome of ``BB84Session/run(threads:progress:)``.
public struct BB84SessionResult: Sendable {
  /// Every count and estimate.
  public var report: SessionReport
  /// Why the session aborted (nil when a key was distilled).
  public var abortReason: BB84AbortReason?
  /// Alice's final key (after replenishing the authentication pool), nil when aborted.
  public var aliceKey: BB84DistilledKey?
  /// Bob's final key, nil when aborted.
  public var bobKey: BB84DistilledKey?
  /// The authenticated classical channel's transcript.
  public var channelTranscript: [ChannelTranscriptEntry]
  /// The per-pulse transcript (exact path only).
  public var pulseTranscript: [PulseRecord]?
  /// The link's counts per intensity, basis pair and outcome (what the link monitor and the
  /// eavesdropper detector read).
  public var linkStatistics: LinkStatistics

  /// Whether both parties hold a key and the keys are equal.
  public var keysMatch: Bool {
    guard let a = aliceKey, let b = bobKey else { return false }
    return a.constantTimeEquals(b)
  }
}

/// One BB84 (or decoy-state BB84) session from photons to a verified secret key.
///
/// Stages: ``BB84QuantumPhase`` → ``BB84Sifting`` → ``BB84ParameterEstimation`` →
/// ``BB84SinglePhotonAnalysis`` → ``BB84Reconciliation`` → ``BB84Verification`` →
/// ``BB84PrivacyAmplification``. Every public message crosses one ``ClassicalChannel`` with the
/// configured authentication (pre-shared keys derived from the seed) and the optional man in the
/// middle. Invalid configurations throw; a session that cannot produce a key returns a result
/// with ``BB84SessionResult/abortReason`` set. When it does not abort, Alice's and Bob's keys
/// are identical except with probability ε_cor.
public struct BB84Session: Sendable {
  /// The configuration.
  public let configuration: BB84Configuration
  /// A man in the middle on the classical channel, if any.
  public var adversary: (any ChannelAdversary)?

  /// A session for a validated configuration.
  /// - Throws: ``BB84ConfigurationError``.
  public init(configuration: BB84Configuration, adversary: (any ChannelAdversary)? = nil)
    throws(BB84ConfigurationError)
  {
    try configuration.validate()
    self.configuration = configuration
    self.adversary = adversary
  }

  /// Runs the session.
  /// - Parameters:
  ///   - threads: threads for the compiled quantum phase (results do not depend on it).
  ///   - progress: called as stages advance (on the calling thread).
  /// - Throws: ``BB84ConfigurationError`` only if the Photonics layer refuses the link.
  public func run(threads: Int? = nil, progress: (@Sendable (BB84Progress) -> Void)? = nil)
    throws(BB84ConfigurationError) -> BB84SessionResult
  {
    let c = configuration
    var report = SessionReport()
    report.seed = c.seed
    report.quantumPath = c.quantumPath.rawValue
    report.eve = EavesdropperOption(trusted: c.link.eavesdropper).description
    report.distanceKm = c.link.fibre.lengthKm
    report.intensities = c.link.source.intensities.map(\.mean)
    report.pulses = c.pulseCount
    report.cascadeVariant = c.postProcessing.cascade.rawValue
    report.authentication = c.postProcessing.authentication.rawValue
    report.decoyStandardDeviations = c.decoyStandardDeviations
    report.theoryKeyRatePerPulse = BB84Theory.rate(for: c)
    report.plobBound = BB84Theory.plobBound(for: c)

    let quantum = try BB84QuantumPhase(configuration: c).run(threads: threads) { f in
      progress?(BB84Progress(stage: .quantum, fraction: f))
    }
    report.pulsesPerIntensity = quantum.alice.pulsesPerIntensity
    report.detections = quantum.bob.pulseIndex.count
    report.doubleClicks = quantum.bob.doubleClicks
    report.eveInformationPerSiftedBit = quantum.statistics.eveInformationPerSiftedBit()

    var channel = ClassicalChannel(authentication: authenticationScheme(), adversary: adversary)
    var aliceRNG = Xoshiro256StarStar(seed: BB84Seeds.derive(c.seed, stream: .alice))
    var keys: (BitVector, BitVector)?
    var abort: BB84AbortReason?
    do {
      keys = try distil(
        quantum: quantum, channel: &channel, aliceRNG: &aliceRNG, report: &report,
        progress: progress)
    } catch {
      abort = error
    }
    report.classicalMessages = channel.messagesSent
    report.authenticationKeyBitsConsumed = channel.authenticationBitsUsed(by: .alice)
    if let reason = abort {
      report.aborted = true
      report.abortReason = reason.code
      report.abortDetail = reason.description
      report.finalKeyBits = 0
      report.netKeyBits = 0
      report.keyRatePerPulse = 0
    }
    progress?(BB84Progress(stage: .done, fraction: 1))
    return BB84SessionResult(
      report: report, abortReason: abort, aliceKey: keys.map { BB84DistilledKey(bits: $0.0) },
      bobKey: keys.map { BB84DistilledKey(bits: $0.1) }, channelTranscript: channel.transcript,
      pulseTranscript: quantum.transcript, linkStatistics: quantum.statistics)
  }

  /// The channel authentication with pre-shared keys drawn from the session seed.
  func authenticationScheme() -> ChannelAuthentication {
    var rng = Xoshiro256StarStar(
      seed: BB84Seeds.derive(configuration.seed, stream: .authenticationKey))
    switch configuration.postProcessing.authentication {
    case .none: return .none
    case .hmacSHA256: return .hmacSHA256(key: SecretBytes(randomCount: 32, using: &rng))
    case .wegmanCarter:
      return .wegmanCarter(
        preSharedKey: BitVector(
          randomCount: configuration.postProcessing.preSharedKeyBits, using: &rng))
    }
  }

  /// Stages 2–7; returns Alice's and Bob's final keys.
  private func distil(
    quantum: BB84QuantumPhaseResult, channel: inout ClassicalChannel,
    aliceRNG: inout Xoshiro256StarStar, report: inout SessionReport,
    progress: (@Sendable (BB84Progress) -> Void)?
  ) throws(BB84AbortReason) -> (BitVector, BitVector) {
    let c = configuration
    let post = c.postProcessing
    progress?(BB84Progress(stage: .sifting, fraction: 0))
    let sifted = try BB84Sifting.run(
      alice: quantum.alice, bob: quantum.bob, pulseCount: c.pulseCount, channel: &channel)
    report.detectionsPerIntensity = sifted.alice.detectionsPerIntensity
    report.siftedBits = sifted.alice.count
    report.siftedBitsSignal = sifted.alice.intensity.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }

    progress?(BB84Progress(stage: .estimation, fraction: 0))
    let estimation = try BB84ParameterEstimation.run(
      sifted: sifted, pulsesPerIntensity: quantum.alice.pulsesPerIntensity, configuration: c,
      channel: &channel, aliceGenerator: &aliceRNG)
    let stats = estimation.statistics
    fill(&report, statistics: stats, estimation: estimation)
    let sampleBits = stats.disclosedPerIntensity[0].reduce(0, +)
    let sampleErrors = stats.errorsPerIntensity[0].reduce(0, +)
    updateAsymptotic(
      &report, statistics: stats, signalErrors: sampleErrors, signalBits: sampleBits)
    try BB84ParameterEstimation.checkThreshold(estimation, threshold: post.qberAbortThreshold)

    let analysis = try BB84SinglePhotonAnalysis.analyse(configuration: c, estimation: estimation)
    report.singlePhotonFraction = analysis.singlePhotonFraction
    report.e1UpperBound = analysis.phaseErrorUpperBound
    if let d = analysis.decoyEstimate {
      report.y1LowerBound = d.singlePhotonYieldLowerBound
      report.q1LowerBound = d.singlePhotonGainLowerBound
    }

    progress?(BB84Progress(stage: .reconciliation, fraction: 0))
    let n = estimation.aliceKey.count
    report.reconciledBits = n
    let reconciliation = try BB84Reconciliation.run(
      aliceKey: estimation.aliceKey, bobKey: estimation.bobKey,
      qber: estimation.overallSampleQBER, bobQBER: estimation.bobOverallSampleQBER,
      variant: post.cascade, authenticated: post.authentication != .none, channel: &channel,
      aliceGenerator: &aliceRNG)
    report.ecLeakedBits = reconciliation.leakedBits
    report.ecCorrectedErrors = reconciliation.correctedErrors
    report.cascadeParityExchanges = reconciliation.parityExchanges
    let frameQBER = Double(reconciliation.correctedErrors) / Double(max(n, 1))
    let shannon = Double(n) * binaryEntropy(frameQBER)
    report.ecEfficiency = shannon > 0 ? Double(reconciliation.leakedBits) / shannon : nil
    let signalErrors = sampleErrors + reconciliation.correctedErrors
    let signalBits = sampleBits + n
    report.qber = Double(signalErrors) / Double(max(signalBits, 1))
    report.errorRateSignal = report.qber
    updateAsymptotic(
      &report, statistics: stats, signalErrors: signalErrors, signalBits: signalBits)

    progress?(BB84Progress(stage: .verification, fraction: 0))
    let verification = try BB84Verification.run(
      aliceKey: estimation.aliceKey, bobKey: reconciliation.bobKey,
      epsilonCor: post.security.epsilonCor, channel: &channel, aliceGenerator: &aliceRNG)
    report.verificationBits = verification.disclosedBits
    report.verificationFailureProbability = verification.failureProbability

    progress?(BB84Progress(stage: .privacyAmplification, fraction: 0))
    let security = BB84SinglePhotonAnalysis.security(for: c)
    let bound = try analysis.lengthBound(
      keyBits: n, leakedBits: reconciliation.leakedBits, security: security)
    report.keyLengthBound = bound
    guard bound >= 1 else { throw .noSecretKey(length: bound) }
    let length = min(n, Int(bound.rounded(.down)))
    let amplified = try BB84PrivacyAmplification.run(
      aliceKey: estimation.aliceKey, bobKey: reconciliation.bobKey, length: length,
      channel: &channel, aliceGenerator: &aliceRNG)
    report.epsilonSecurity = security.epsilonTotal + channel.authenticationEpsilon
    report.finalKeyBits = amplified.aliceKey.count
    report.keyRatePerPulse = Double(amplified.aliceKey.count) / Double(c.pulseCount)

    // Wegman–Carter: the key spent on tags this session comes back out of the new key.
    var aliceKey = amplified.aliceKey
    var bobKey = amplified.bobKey
    if post.authentication == .wegmanCarter {
      let spent = min(channel.authenticationBitsUsed(by: .alice), aliceKey.count)
      channel.replenishAuthenticationKey(with: aliceKey.slice(0..<spent))
      report.authenticationReplenishedBits = spent
      aliceKey = aliceKey.slice(spent..<aliceKey.count)
      bobKey = bobKey.slice(min(spent, bobKey.count)..<bobKey.count)
    }
    report.netKeyBits = aliceKey.count
    return (aliceKey, bobKey)
  }

  private func fill(
    _ report: inout SessionReport, statistics stats: BB84DisclosedStatistics,
    estimation: BB84EstimationResult
  ) {
    report.siftedPerIntensity = stats.siftedPerIntensity
    report.sampleBits = stats.disclosedPerIntensity[0].reduce(0, +)
    report.qberZ = estimation.sampleQBER[0]
    report.qberX = estimation.sampleQBER[1]
    report.qberUpperBound = estimation.qberUpperBound.compactMap { $0 }.max()
    report.qber = estimation.overallSampleQBER
    report.gains = stats.pulsesPerIntensity.indices.map { stats.gain(intensity: $0) }
    report.errorRates = stats.pulsesPerIntensity.indices.map { stats.errorRate(intensity: $0) }
    report.gainSignal = stats.gain(intensity: 0)
    report.errorRateSignal = estimation.overallSampleQBER
    if configuration.sourceKind == .decoy {
      report.gainDecoy = stats.gain(intensity: 1)
      report.errorRateDecoy = stats.errorRate(intensity: 1)
      report.vacuumYield = stats.gain(intensity: 2)
    }
  }

  /// The asymptotic rate from the measured values (decoy sources).
  private func updateAsymptotic(
    _ report: inout SessionReport, statistics stats: BB84DisclosedStatistics, signalErrors: Int,
    signalBits: Int
  ) {
    guard configuration.sourceKind == .decoy else { return }
    let i = configuration.link.source.intensities
    let decoyBits = stats.disclosedPerIntensity[1].reduce(0, +)
    let m = DecoyMeasurement(
      signalIntensity: i[0].mean, decoyIntensity: i[1].mean, signalGain: stats.gain(intensity: 0),
      signalErrorRate: Double(signalErrors) / Double(max(signalBits, 1)),
      decoyGain: stats.gain(intensity: 1), decoyErrorRate: stats.errorRate(intensity: 1) ?? 0,
      vacuumYield: stats.gain(intensity: 2))
    let q = configuration.siftingFactor
    let f = configuration.postProcessing.assumedECEfficiency
    report.asymptoticKeyRatePerPulse = try? BB84Theory.vacuumWeakDecoyRate(
      m, siftingFactor: q, signalProbability: i[0].probability, ecEfficiency: f)
    report.asymptoticKeyRateStandardError = try? BB84Theory.vacuumWeakDecoyRateStandardError(
      m, siftingFactor: q, signalProbability: i[0].probability, ecEfficiency: f,
      signalPulses: stats.pulsesPerIntensity[0], decoyPulses: stats.pulsesPerIntensity[1],
      vacuumPulses: stats.pulsesPerIntensity[2], signalErrorSample: signalBits,
      decoyErrorSample: decoyBits)
  }
}
