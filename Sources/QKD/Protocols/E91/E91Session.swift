import ClassicalCrypto
import Foundation
import Photonics
import QuantumEngine

/// The outcome of ``E91Session/run(threads:progress:)``.
public struct E91SessionResult: Sendable {
  /// Every count and estimate.
  public var report: E91Report
  /// Why the session aborted (nil when a key was distilled).
  public var abortReason: E91AbortReason?
  /// Alice's final key (after replenishing the authentication pool), nil when aborted.
  public var aliceKey: BB84DistilledKey?
  /// Bob's final key, nil when aborted.
  public var bobKey: BB84DistilledKey?
  /// The authenticated classical channel's transcript.
  public var channelTranscript: [ChannelTranscriptEntry]
  /// The per-gate transcript (exact path only).
  public var pairTranscript: [PairRecord]?

  /// Whether both parties hold a key and the keys are equal.
  public var keysMatch: Bool {
    guard let a = aliceKey, let b = bobKey else { return false }
    return a.constantTimeEquals(b)
  }
}

/// One E91 session (Ekert, PRL 67, 661 (1991)) from entangled photon pairs to a verified secret
/// key.
///
/// Stages: ``E91QuantumPhase`` → ``E91Sifting`` → ``E91BellTest`` (abort unless S exceeds 2 by
/// the configured number of standard deviations) → ``E91ParameterEstimation`` → the BB84 stages
/// ``BB84Reconciliation`` (Cascade), ``BB84Verification`` and ``BB84PrivacyAmplification``,
/// with the final length from ``E91KeyLength`` (device-independent or BBM92 bound, both
/// reported). Every public message crosses one ``ClassicalChannel`` with the configured
/// authentication (pre-shared keys derived from the seed). Invalid configurations throw; a
/// session that cannot produce a key returns a result with ``E91SessionResult/abortReason``
/// set. When it does not abort, Alice's and Bob's keys are identical except with probability
/// ε_cor.
public struct E91Session: Sendable {
  /// The configuration.
  public let configuration: E91Configuration
  /// A man in the middle on the classical channel, if any.
  public var adversary: (any ChannelAdversary)?

  /// A session for a validated configuration.
  /// - Throws: ``E91ConfigurationError``.
  public init(configuration: E91Configuration, adversary: (any ChannelAdversary)? = nil)
    throws(E91ConfigurationError)
  {
    try configuration.validate()
    self.configuration = configuration
    self.adversary = adversary
  }

  /// Runs the session.
  /// - Parameters:
  ///   - threads: threads for the compiled quantum phase (results do not depend on it).
  ///   - progress: called as stages advance (on the calling thread); the Bell test reports as
  ///     the estimation stage.
  /// - Throws: ``E91ConfigurationError`` only if the Photonics layer refuses the link or the
  ///   thread count.
  public func run(threads: Int? = nil, progress: (@Sendable (BB84Progress) -> Void)? = nil)
    throws(E91ConfigurationError) -> E91SessionResult
  {
    let c = configuration
    var report = E91Report()
    report.seed = c.seed
    report.quantumPath = c.quantumPath.rawValue
    report.eve = E91EavesdropperOption(trusted: c.link.eavesdropper).description
    report.distanceAKm = c.link.fibreA.lengthKm
    report.distanceBKm = c.link.fibreB.lengthKm
    report.visibility = c.link.source.visibility
    report.aliceAnglesDegrees = c.link.aliceAnglesDegrees
    report.bobAnglesDegrees = c.link.bobAnglesDegrees
    report.pairs = c.pairCount
    report.cascadeVariant = c.postProcessing.cascade.rawValue
    report.authentication = c.postProcessing.authentication.rawValue
    report.chshAbortSigmas = c.postProcessing.chshAbortStandardDeviations
    report.keyLengthBound = c.postProcessing.keyLengthBound.rawValue
    let theory = try E91Theory(configuration: c)
    report.theoryChshS = theory.chsh
    report.theoryQber = theory.qber

    let quantum = try E91QuantumPhase(configuration: c).run(threads: threads) { f in
      progress?(BB84Progress(stage: .quantum, fraction: f))
    }
    report.aliceDetections = quantum.alice.count
    report.bobDetections = quantum.bob.count
    report.doubleClicks = quantum.alice.doubleClicks + quantum.bob.doubleClicks

    var channel = ClassicalChannel(authentication: authenticationScheme(), adversary: adversary)
    var aliceRNG = Xoshiro256StarStar(seed: BB84Seeds.derive(c.seed, stream: .alice))
    var keys: (BitVector, BitVector)?
    var abort: E91AbortReason?
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
      report.keyRatePerPair = 0
    }
    progress?(BB84Progress(stage: .done, fraction: 1))
    return E91SessionResult(
      report: report, abortReason: abort, aliceKey: keys.map { BB84DistilledKey(bits: $0.0) },
      bobKey: keys.map { BB84DistilledKey(bits: $0.1) }, channelTranscript: channel.transcript,
      pairTranscript: quantum.transcript)
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
    quantum: E91QuantumPhaseResult, channel: inout ClassicalChannel,
    aliceRNG: inout Xoshiro256StarStar, report: inout E91Report,
    progress: (@Sendable (BB84Progress) -> Void)?
  ) throws(E91AbortReason) -> (BitVector, BitVector) {
    let c = configuration
    let post = c.postProcessing
    progress?(BB84Progress(stage: .sifting, fraction: 0))
    let sifted = try E91Sifting.run(
      alice: quantum.alice, bob: quantum.bob, configuration: c, channel: &channel)
    report.coincidences = sifted.alice.coincidenceCount
    report.coincidencesPerSetting = sifted.alice.coincidences
    report.siftedBits = sifted.alice.keyCount
    report.testCoincidences = sifted.alice.testBit.count

    progress?(BB84Progress(stage: .estimation, fraction: 0))
    let chsh = try E91BellTest.run(sifted: sifted, channel: &channel)
    report.chshS = chsh.s
    report.chshSigma = chsh.sigma
    report.chshViolationSigmas = chsh.violationStandardDeviations
    report.correlations = chsh.correlations
    report.correlationSigmas = chsh.correlationSigmas
    let chshLower = chsh.s - c.chshStandardDeviations * chsh.sigma
    report.chshLowerBound = chshLower
    try E91BellTest.check(chsh, standardDeviations: post.chshAbortStandardDeviations)

    let estimation = try E91ParameterEstimation.run(
      sifted: sifted, configuration: c, channel: &channel, aliceGenerator: &aliceRNG)
    report.sampleBits = estimation.sampleBits
    report.qber = estimation.sampleQBER
    report.qberPerKeyPair = estimation.sampleQBERPerPair
    report.qberUpperBound = estimation.qberUpperBound
    report.keyRateDeviceIndependent = E91KeyLength.deviceIndependentRate(
      chsh: chsh.s, qber: estimation.sampleQBER)
    report.keyRateBBM92 = E91KeyLength.bbm92Rate(qber: estimation.sampleQBER)
    try E91ParameterEstimation.checkThreshold(estimation, threshold: post.qberAbortThreshold)

    progress?(BB84Progress(stage: .reconciliation, fraction: 0))
    let n = estimation.aliceKey.count
    report.reconciledBits = n
    let reconciliation: BB84ReconciliationResult
    do {
      reconciliation = try BB84Reconciliation.run(
        aliceKey: estimation.aliceKey, bobKey: estimation.bobKey, qber: estimation.sampleQBER,
        bobQBER: estimation.bobSampleQBER, variant: post.cascade,
        authenticated: post.authentication != .none, channel: &channel,
        aliceGenerator: &aliceRNG)
    } catch {
      throw .postProcessing(error)
    }
    report.ecLeakedBits = reconciliation.leakedBits
    report.ecCorrectedErrors = reconciliation.correctedErrors
    let frameQBER = Double(reconciliation.correctedErrors) / Double(max(n, 1))
    let shannon = Double(n) * binaryEntropy(frameQBER)
    report.ecEfficiency = shannon > 0 ? Double(reconciliation.leakedBits) / shannon : nil
    let allErrors = estimation.sampleErrors + reconciliation.correctedErrors
    report.qber = Double(allErrors) / Double(max(estimation.sampleBits + n, 1))

    progress?(BB84Progress(stage: .verification, fraction: 0))
    let verification: BB84VerificationResult
    do {
      verification = try BB84Verification.run(
        aliceKey: estimation.aliceKey, bobKey: reconciliation.bobKey,
        epsilonCor: post.security.epsilonCor, channel: &channel, aliceGenerator: &aliceRNG)
    } catch {
      throw .postProcessing(error)
    }
    report.verificationBits = verification.disclosedBits
    report.verificationFailureProbability = verification.failureProbability

    progress?(BB84Progress(stage: .privacyAmplification, fraction: 0))
    let di: Double
    let bbm92: Double
    do {
      di = try E91KeyLength.deviceIndependentLength(
        keyBits: n, chshLowerBound: chshLower, leakedBits: reconciliation.leakedBits,
        security: post.security)
      bbm92 = try E91KeyLength.bbm92Length(
        keyBits: n, qberUpperBound: estimation.qberUpperBound,
        leakedBits: reconciliation.leakedBits, security: post.security)
    } catch {
      throw .postProcessing(.inconsistentMessages("key length: \(error.description)"))
    }
    report.keyLengthBoundDeviceIndependent = di
    report.keyLengthBoundBBM92 = bbm92
    let bound = post.keyLengthBound == .deviceIndependent ? di : bbm92
    guard bound >= 1 else {
      throw .noSecretKey(bound: post.keyLengthBound.rawValue, length: bound)
    }
    let length = min(n, Int(bound.rounded(.down)))
    let amplified: BB84PrivacyAmplificationResult
    do {
      amplified = try BB84PrivacyAmplification.run(
        aliceKey: estimation.aliceKey, bobKey: reconciliation.bobKey, length: length,
        channel: &channel, aliceGenerator: &aliceRNG)
    } catch {
      throw .postProcessing(error)
    }
    report.epsilonSecurity = post.security.epsilonTotal + channel.authenticationEpsilon
    report.finalKeyBits = amplified.aliceKey.count
    report.keyRatePerPair = Double(amplified.aliceKey.count) / Double(c.pairCount)

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
}
