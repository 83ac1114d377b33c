import Foundation
import Photonics

/// Which bound sets the final key length of an E91 session (both are always reported).
public enum E91KeyLengthBound: String, Sendable, Hashable, Codable, CaseIterable {
  /// The device-independent bound of Acín, Brunner, Gisin, Massar, Pironio & Scarani, PRL 98,
  /// 230501 (2007), from the CHSH value S (collective attacks).
  case deviceIndependent = "device-independent"
  /// The BBM92 bound (Bennett, Brassard & Mermin, PRL 68, 557 (1992)) from the QBER alone,
  /// which trusts the devices (phase-error rate estimated by the bit-error rate).
  case bbm92
}

/// The four setting indices of the CHSH test: S = E(a, b) − E(a, b′) + E(a′, b) + E(a′, b′)
/// (Clauser, Horne, Shimony & Holt, PRL 23, 880 (1969)).
public struct CHSHSettings: Sendable, Hashable, Codable {
  /// Alice's first setting a.
  public var a: Int
  /// Alice's second setting a′.
  public var aPrime: Int
  /// Bob's first setting b.
  public var b: Int
  /// Bob's second setting b′.
  public var bPrime: Int

  /// The setting indices.
  public init(a: Int, aPrime: Int, b: Int, bPrime: Int) {
    self.a = a
    self.aPrime = aPrime
    self.b = b
    self.bPrime = bPrime
  }

  /// Ekert's choice (PRL 67, 661 (1991)) with Alice at 0°, 22.5°, 45° and Bob at 22.5°, 45°,
  /// 67.5°: a = 0°, a′ = 45°, b = 22.5°, b′ = 67.5°, which gives S = 2√2 for |Φ⁺⟩.
  public static let ekert = CHSHSettings(a: 0, aPrime: 2, b: 0, bPrime: 2)

  /// The four (Alice, Bob) setting pairs in the order E(a,b), E(a,b′), E(a′,b), E(a′,b′).
  public var pairs: [(alice: Int, bob: Int)] {
    [(a, b), (a, bPrime), (aPrime, b), (aPrime, bPrime)]
  }

  /// The sign of each correlation in S.
  static let signs: [Double] = [1, -1, 1, 1]
}

/// The classical post-processing settings of an E91 session.
public struct E91PostProcessing: Sendable, Hashable, Codable {
  /// Fraction of the sifted key bits disclosed to estimate the QBER, in (0, 1).
  public var sampleFraction: Double
  /// Abort when the observed sample QBER reaches this.
  public var qberAbortThreshold: Double
  /// Abort unless S − 2 exceeds this many standard deviations of S.
  public var chshAbortStandardDeviations: Double
  /// The Cascade variant.
  public var cascade: BB84CascadeVariant
  /// The authentication of the classical channel.
  public var authentication: BB84AuthenticationMode
  /// Bits of the pre-shared Wegman–Carter key pool (ignored for other modes).
  public var preSharedKeyBits: Int
  /// The ε parameters (ε_decoy is unused and must be 0). ε_PE also moves S down by
  /// √(2·ln(1/ε_PE)) standard deviations in the finite-size device-independent length.
  public var security: SecurityParameters
  /// Whether the QBER and S enter the key length through finite-size confidence bounds (true) or
  /// as observed (false, asymptotic).
  public var finiteSizeBounds: Bool
  /// The bound that sets the final key length.
  public var keyLengthBound: E91KeyLengthBound

  /// Creates the settings; ``E91Configuration/validate()`` checks them.
  public init(
    sampleFraction: Double = 0.1, qberAbortThreshold: Double = 0.11,
    chshAbortStandardDeviations: Double = 3, cascade: BB84CascadeVariant = .improved,
    authentication: BB84AuthenticationMode = .wegmanCarter, preSharedKeyBits: Int = 1 << 16,
    security: SecurityParameters = SecurityParameters(), finiteSizeBounds: Bool = true,
    keyLengthBound: E91KeyLengthBound = .deviceIndependent
  ) {
    self.sampleFraction = sampleFraction
    self.qberAbortThreshold = qberAbortThreshold
    self.chshAbortStandardDeviations = chshAbortStandardDeviations
    self.cascade = cascade
    self.authentication = authentication
    self.preSharedKeyBits = preSharedKeyBits
    self.security = security
    self.finiteSizeBounds = finiteSizeBounds
    self.keyLengthBound = keyLengthBound
  }
}

/// Everything that defines one E91 session: the entangled-pair link (source, two fibres, two
/// receivers, analyzer angles, attacker), the number of source gates, the simulation path, the
/// CHSH settings, the post-processing and the seed.
///
/// Setting pairs whose analyzer angles are equal (modulo 180°) give the sifted key; the four
/// ``chsh`` pairs give the Bell test; other pairs are discarded (Ekert 1991). The source must
/// emit |Φ⁺⟩ (equal polarizations, E = cos 2(a − b)) or |Ψ⁻⟩ (E = −cos 2(a − b); Bob then
/// flips his key bits), the two Bell states whose linear-polarization correlations depend only
/// on a − b.
public struct E91Configuration: Sendable, Hashable, Codable {
  /// The optical link.
  public var link: PairLinkConfiguration
  /// Source gates (each emits 0, 1 or 2 pairs according to the source).
  public var pairCount: Int
  /// The quantum-channel simulation.
  public var quantumPath: BB84QuantumPath
  /// The CHSH setting indices.
  public var chsh: CHSHSettings
  /// The classical post-processing.
  public var postProcessing: E91PostProcessing
  /// The seed of every random choice of the session (same seed, same report and keys).
  public var seed: UInt64

  /// The largest gate count accepted on the compiled path.
  public static let maximumPairCount = 1 << 40
  /// The largest gate count accepted on the exact (density-matrix) path.
  public static let maximumExactPairCount = 1 << 20

  /// A validated configuration.
  /// - Throws: ``E91ConfigurationError`` for any setting out of range.
  public init(
    link: PairLinkConfiguration, pairCount: Int, quantumPath: BB84QuantumPath = .compiled,
    chsh: CHSHSettings = .ekert, postProcessing: E91PostProcessing = E91PostProcessing(),
    seed: UInt64 = 1
  ) throws(E91ConfigurationError) {
    self.link = link
    self.pairCount = pairCount
    self.quantumPath = quantumPath
    self.chsh = chsh
    self.postProcessing = postProcessing
    self.seed = seed
    try validate()
  }

  /// Re-checks every setting (for decoded or mutated values).
  /// - Throws: ``E91ConfigurationError``.
  public func validate() throws(E91ConfigurationError) {
    do {
      try link.validate()
    } catch {
      throw .invalidLink(error.description)
    }
    let limit = quantumPath == .exact ? Self.maximumExactPairCount : Self.maximumPairCount
    try E91Check.count(pairCount, 1...limit, "pair count (\(quantumPath.rawValue) path)")
    guard link.source.bellState == .phiPlus || link.source.bellState == .psiMinus else {
      throw .inconsistent(
        "the source emits \(link.source.bellState.rawValue); E91 with linear-polarization "
          + "analyzers needs phiPlus or psiMinus (correlations depending only on a − b)")
    }
    let na = link.aliceAnglesDegrees.count
    let nb = link.bobAnglesDegrees.count
    for (name, i, n) in [
      ("a", chsh.a, na), ("a′", chsh.aPrime, na), ("b", chsh.b, nb), ("b′", chsh.bPrime, nb),
    ] {
      guard (0..<n).contains(i) else {
        throw .inconsistent("CHSH setting \(name) = \(i) is not a setting index in 0..<\(n)")
      }
    }
    guard chsh.a != chsh.aPrime, chsh.b != chsh.bPrime else {
      throw .inconsistent("CHSH needs two different settings on each side")
    }
    let key = keySettingPairs
    guard !key.isEmpty else {
      throw .inconsistent(
        "no Alice and Bob analyzer angles are equal (modulo 180°), so no setting pair gives key")
    }
    for p in chsh.pairs where key.contains(where: { $0.alice == p.alice && $0.bob == p.bob }) {
      throw .inconsistent(
        "CHSH setting pair (Alice \(p.alice), Bob \(p.bob)) has equal angles and is a key pair; "
          + "the test pairs must differ from the key pairs")
    }
    let p = postProcessing
    try E91Check.openInterval(p.sampleFraction, 0, 1, "estimation sample fraction")
    try E91Check.inRange(p.qberAbortThreshold, 0...0.5, "QBER abort threshold")
    try E91Check.inRange(p.chshAbortStandardDeviations, 0...100, "CHSH abort standard deviations")
    try E91Check.count(
      p.preSharedKeyBits, WegmanCarterBudget.minimumPoolBits...(1 << 30), "pre-shared key bits")
    let s = p.security
    try E91Check.openInterval(s.epsilonPE, 0, 0.1, "ε_PE (parameter estimation)")
    try E91Check.openInterval(s.epsilonPA, 0, 0.1, "ε_PA (privacy amplification)")
    try E91Check.openInterval(s.epsilonCor, 0, 0.1, "ε_cor (verification)")
    guard s.epsilonDecoy == 0 else {
      throw .invalidParameter(
        name: "ε_decoy", value: s.epsilonDecoy, allowed: "0 (E91 has no decoy states)")
    }
  }

  /// The (Alice, Bob) setting pairs with equal analyzer angles modulo 180°, which give key bits,
  /// in Alice's then Bob's setting order.
  public var keySettingPairs: [(alice: Int, bob: Int)] {
    var pairs: [(alice: Int, bob: Int)] = []
    for (i, a) in link.aliceAnglesDegrees.enumerated() {
      for (j, b) in link.bobAnglesDegrees.enumerated() {
        let d = (a - b).truncatingRemainder(dividingBy: 180)
        if abs(d) < 1e-9 || abs(abs(d) - 180) < 1e-9 { pairs.append((i, j)) }
      }
    }
    return pairs
  }

  /// What a coincidence at settings (a, b) is used for: 0 discarded, 1 key, 2 CHSH test.
  var settingRoles: [[UInt8]] {
    var roles = [[UInt8]](
      repeating: [UInt8](repeating: 0, count: link.bobAnglesDegrees.count),
      count: link.aliceAnglesDegrees.count)
    for p in keySettingPairs { roles[p.alice][p.bob] = 1 }
    for p in chsh.pairs { roles[p.alice][p.bob] = 2 }
    return roles
  }

  /// Whether Bob flips his key bits (an anticorrelated source, |Ψ⁻⟩).
  public var bobFlipsKeyBits: Bool { link.source.bellState == .psiMinus }

  /// The standard deviations by which S is moved down in the finite-size DI length,
  /// u = √(2·ln(1/ε_PE)) (Gaussian tail P(N > u) ≤ e^{−u²/2}); 0 without finite-size bounds.
  public var chshStandardDeviations: Double {
    guard postProcessing.finiteSizeBounds else { return 0 }
    return (2 * log(1 / postProcessing.security.epsilonPE)).squareRoot()
  }
}
