import Foundation
import Photonics

/// Which simulation of the quantum channel a BB84 session runs on.
public enum BB84QuantumPath: String, Sendable, Hashable, Codable, CaseIterable {
  /// The compiled fast path: exact outcome tables sampled in batches (for large runs).
  case compiled
  /// The exact path: every pulse propagated as a quantum state, with a per-pulse transcript
  /// (for teaching and small runs).
  case exact
}

/// How the public messages of a session are authenticated.
public enum BB84AuthenticationMode: String, Sendable, Hashable, Codable, CaseIterable {
  /// No authentication: a man in the middle can alter messages unnoticed (for demonstrations).
  case none
  /// HMAC-SHA-256 with a pre-shared 256-bit key (computationally secure).
  case hmacSHA256 = "hmac-sha256"
  /// Wegman–Carter with a pre-shared key pool, consumed per message and replenished from the
  /// new key (information-theoretically secure).
  case wegmanCarter = "wegman-carter"
}

/// Which Cascade variant reconciles the sifted key.
public enum BB84CascadeVariant: String, Sendable, Hashable, Codable, CaseIterable {
  /// Brassard & Salvail 1993 (4 passes, doubling blocks).
  case original
  /// Martinez-Mateo et al. 2015 (14 passes, parity reuse and inference).
  case improved

  /// The Cascade configuration of this variant.
  public var configuration: CascadeConfiguration {
    switch self {
    case .original: return .original
    case .improved: return .improved
    }
  }
}

/// The classical post-processing settings of a BB84 session.
public struct BB84PostProcessing: Sendable, Hashable, Codable {
  /// Fraction of the signal sifted bits disclosed to estimate the QBER (0, 1).
  public var sampleFraction: Double
  /// Abort when the estimated signal QBER (either basis) exceeds this.
  public var qberAbortThreshold: Double
  /// The Cascade variant.
  public var cascade: BB84CascadeVariant
  /// The authentication of the classical channel.
  public var authentication: BB84AuthenticationMode
  /// Bits of the pre-shared Wegman–Carter key pool (ignored for other modes).
  public var preSharedKeyBits: Int
  /// Reconciliation efficiency f assumed by the key-rate theory (≥ 1).
  public var assumedECEfficiency: Double
  /// The ε parameters of the composable security statement. ε_cor fixes how many verification
  /// hashes are compared; ε_decoy (when finite-size bounds are on) fixes how many standard
  /// deviations the decoy statistics are moved, u = √(2·ln(1/ε_decoy)).
  public var security: SecurityParameters
  /// Whether the QBER and decoy estimates use finite-size confidence bounds (true) or the
  /// observed frequencies (false, the asymptotic analysis).
  public var finiteSizeBounds: Bool

  /// Creates the settings; ``BB84Configuration/validate()`` checks them.
  public init(
    sampleFraction: Double = 0.1, qberAbortThreshold: Double = 0.11,
    cascade: BB84CascadeVariant = .improved, authentication: BB84AuthenticationMode = .wegmanCarter,
    preSharedKeyBits: Int = 1 << 16, assumedECEfficiency: Double = 1.16,
    security: SecurityParameters = SecurityParameters(epsilonDecoy: 1e-10),
    finiteSizeBounds: Bool = true
  ) {
    self.sampleFraction = sampleFraction
    self.qberAbortThreshold = qberAbortThreshold
    self.cascade = cascade
    self.authentication = authentication
    self.preSharedKeyBits = preSharedKeyBits
    self.assumedECEfficiency = assumedECEfficiency
    self.security = security
    self.finiteSizeBounds = finiteSizeBounds
  }
}

/// Everything that defines one BB84 (or decoy-state BB84) session: the optical link, the number
/// of pulses, the simulation path, the post-processing settings and the seed.
///
/// The basis bias (efficient BB84, Lo, Chau & Ardehali, J. Cryptology 18, 133 (2005)) is the
/// link's ``LinkConfiguration/aliceRectilinearProbability`` and
/// ``LinkConfiguration/bobRectilinearProbability``; the decoy intensities are the link source's
/// intensities (index 0 is the signal, which alone carries key).
public struct BB84Configuration: Sendable, Hashable, Codable {
  /// The optical link.
  public var link: LinkConfiguration
  /// The number of pulses Alice sends.
  public var pulseCount: Int
  /// The quantum-channel simulation.
  public var quantumPath: BB84QuantumPath
  /// The classical post-processing.
  public var postProcessing: BB84PostProcessing
  /// The seed of every random choice of the session (same seed, same report and keys).
  public var seed: UInt64

  /// The largest pulse count accepted on the compiled path.
  public static let maximumPulseCount = 1 << 40
  /// The largest pulse count accepted on the exact (per-pulse, transcript) path.
  public static let maximumExactPulseCount = 1 << 20

  /// A validated configuration.
  /// - Throws: ``BB84ConfigurationError`` for any setting out of range.
  public init(
    link: LinkConfiguration, pulseCount: Int, quantumPath: BB84QuantumPath = .compiled,
    postProcessing: BB84PostProcessing = BB84PostProcessing(), seed: UInt64 = 1
  ) throws(BB84ConfigurationError) {
    self.link = link
    self.pulseCount = pulseCount
    self.quantumPath = quantumPath
    self.postProcessing = postProcessing
    self.seed = seed
    try validate()
  }

  /// Re-checks every setting (for decoded or mutated values).
  /// - Throws: ``BB84ConfigurationError``.
  public func validate() throws(BB84ConfigurationError) {
    do {
      try link.validate()
    } catch {
      throw .invalidLink(error.description)
    }
    let limit =
      quantumPath == .exact ? Self.maximumExactPulseCount : Self.maximumPulseCount
    try ProtocolCheck.count(pulseCount, 1...limit, "pulse count (\(quantumPath.rawValue) path)")
    let p = postProcessing
    try ProtocolCheck.openInterval(p.sampleFraction, 0, 1, "estimation sample fraction")
    try ProtocolCheck.inRange(p.qberAbortThreshold, 0...0.5, "QBER abort threshold")
    try ProtocolCheck.count(
      p.preSharedKeyBits, WegmanCarterBudget.minimumPoolBits...(1 << 30),
      "pre-shared key bits")
    try ProtocolCheck.inRange(p.assumedECEfficiency, 1...10, "assumed EC efficiency f")
    let s = p.security
    try ProtocolCheck.openInterval(s.epsilonPE, 0, 0.1, "ε_PE (parameter estimation)")
    try ProtocolCheck.openInterval(s.epsilonPA, 0, 0.1, "ε_PA (privacy amplification)")
    try ProtocolCheck.openInterval(s.epsilonCor, 0, 0.1, "ε_cor (verification)")
    if p.finiteSizeBounds && sourceKind == .decoy {
      try ProtocolCheck.openInterval(s.epsilonDecoy, 0, 0.1, "ε_decoy (finite-size decoy bounds)")
    } else {
      try ProtocolCheck.inRange(s.epsilonDecoy, 0...0.1, "ε_decoy")
    }
    let source = link.source
    guard let signal = source.intensities.first, signal.probability > 0, signal.mean > 0 else {
      throw .inconsistent(
        "the signal intensity (index 0) must have a mean photon number and a probability > 0")
    }
    if source.statistics == .poisson && source.intensities.count > 1 && sourceKind != .decoy {
      throw .inconsistent(
        "a weak-coherent source needs either one intensity (GLLP) or exactly three: signal μ, "
          + "weak decoy 0 < ν < μ and vacuum 0, in that order (vacuum + weak decoy method)")
    }
  }

  /// How the source's photon statistics are handled in the key-length analysis.
  public enum SourceKind: String, Sendable, Hashable, Codable {
    /// An ideal single-photon source (Shor–Preskill).
    case singlePhoton
    /// Weak coherent pulses of one intensity (GLLP: every multi-photon pulse counted as known).
    case weakCoherent
    /// Signal, weak decoy and vacuum intensities (Ma, Qi, Zhao & Lo 2005).
    case decoy
  }

  /// The analysis that applies to the link's source.
  public var sourceKind: SourceKind {
    let source = link.source
    if source.statistics == .singlePhoton { return .singlePhoton }
    let i = source.intensities
    if i.count == 3, i[1].mean > 0, i[1].mean < i[0].mean, i[2].mean == 0 { return .decoy }
    return .weakCoherent
  }

  /// The standard deviations u by which decoy statistics are moved (0 without finite-size
  /// bounds): P(N(0,1) > u) ≤ e^{−u²/2} = ε_decoy.
  public var decoyStandardDeviations: Double {
    let e = postProcessing.security.epsilonDecoy
    guard postProcessing.finiteSizeBounds, e > 0 else { return 0 }
    return (2 * log(1 / e)).squareRoot()
  }

  /// Alice's and Bob's probability of both choosing the same basis (the sifting factor q).
  public var siftingFactor: Double {
    let a = link.aliceRectilinearProbability
    let b = link.bobRectilinearProbability
    return a * b + (1 - a) * (1 - b)
  }
}

/// Key-pool limits for Wegman–Carter authentication.
enum WegmanCarterBudget {
  /// The smallest pre-shared pool accepted: enough for a few tags.
  static let minimumPoolBits = 1024
}
