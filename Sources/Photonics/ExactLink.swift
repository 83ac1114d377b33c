import Foundation
import QuantumEngine

/// Everything that happened to one pulse on the exact path, for teaching and checking. Codable.
public struct PulseRecord: Sendable, Hashable, Codable {
  /// Pulse index.
  public let pulseIndex: Int
  /// Alice's intensity index (0 = signal).
  public let intensity: Int
  /// Alice's basis.
  public let aliceBasis: Basis
  /// Alice's bit.
  public let aliceBit: UInt8
  /// Photons Alice emitted.
  public let photonNumber: Int
  /// What Eve did and learned.
  public let eve: EveObservation
  /// Photons Eve took and kept (beam splitting, photon-number splitting) or blocked.
  public let evePhotons: Int
  /// Photons that reached Bob's analyzer.
  public let photonsAtBob: Int
  /// Bob's basis.
  public let bobBasis: Basis
  /// Bob's click pattern (after dead time, afterpulses and dark counts).
  public let clicks: ClickPattern
  /// Bob's bit (nil without a click; a double click is squashed to a random bit).
  public let bobBit: UInt8?
}

/// The result of an exact-path run.
public struct ExactRun: Sendable, Codable {
  /// One record per pulse.
  public let records: [PulseRecord]
  /// The same run as counts.
  public let statistics: LinkStatistics
}

/// The exact path for a prepare-and-measure link: each pulse's polarization is an engine
/// ``DensityMatrix``; Eve's measurement and Bob's ports (with misalignment) are ``POVM``s, the
/// fibre is a ``QuantumChannel``, and each photon is lost, routed and detected by its own draw.
/// Dead time and afterpulsing follow every pulse in order (no batch boundaries); drift uses the
/// same per-batch angles as ``LinkSimulator``. For a few thousand pulses with a full transcript.
public struct ExactLinkSimulator: Sendable {
  /// The configuration.
  public let configuration: LinkConfiguration
  private let builder: LinkTableBuilder
  private let pnsPlan: (blockedSingleFraction: Double, lineTransmittance: Double)

  /// Validates `configuration`.
  /// - Throws: ``PhotonicsError``.
  public init(configuration: LinkConfiguration) throws(PhotonicsError) {
    try configuration.validate()
    self.configuration = configuration
    builder = try LinkTableBuilder(configuration: configuration, driftAngle: 0)
    pnsPlan = builder.pnsPlan ?? (1, 1)
  }

  /// Simulates `pulses` pulses (at most 10⁷) from `seed`.
  /// - Throws: ``PhotonicsError``.
  public func run(pulses: Int, seed: UInt64) throws(PhotonicsError) -> ExactRun {
    try Check.count(pulses, 0...10_000_000, "exact-path pulses")
    let c = configuration
    var rng = Xoshiro256StarStar(seed: seed)
    var stats = LinkStatistics(intensityCount: c.source.intensities.count)
    var records: [PulseRecord] = []
    records.reserveCapacity(pulses)
    let angles = try LinkSimulator(configuration: c).driftAngles(pulses: pulses, seed: seed)
    let povms = builder.povms
    let detectors = c.receiver.detectors
    let intensityWeights = c.source.intensities.map(\.probability)
    var fibreChannel = builder.fibreChannel
    var currentAngle = 0.0
    var deadUntil = [0, 0]
    var afterpulseAt = [-1, -1]
    for k in 0..<pulses {
      let angle = angles.isEmpty ? 0 : angles[k / c.batchSize]
      if angle != currentAngle {
        fibreChannel = try c.fibre.channel(driftAngle: angle)
        currentAngle = angle
      }
      let i = Sampling.draw(intensityWeights, using: &rng)
      let aB: Basis =
        rng.nextUnitDouble() < c.aliceRectilinearProbability ? .rectilinear : .diagonal
      let bit = UInt8(rng.next() & 1)
      let bB: Basis = rng.nextUnitDouble() < c.bobRectilinearProbability ? .rectilinear : .diagonal
      var n = c.source.samplePhotonNumber(intensity: i, using: &rng)
      let emitted = n
      var rho = try aB.state(bit: bit).densityMatrix()
      var eve = EveObservation.none
      var evePhotons = 0
      var throughFibre = true
      switch c.eavesdropper {
      case .none: break
      case .interceptResend(let p, let strategy):
        if n > 0, rng.nextUnitDouble() < p {
          let bases = strategy.bases
          let eb = bases[Sampling.draw(bases.map(\.probability), using: &rng)].index
          let povm = try ExactLinkSimulator.eveMeasurement(basis: eb)
          let e = try engine { () throws(QuantumError) in
            try rho.measure(povm, on: [0], using: &rng)
          }
          eve = .measured(basis: eb, bit: UInt8(e))
          rho = try EveBasisStrategy.state(basis: eb, bit: UInt8(e)).densityMatrix()
        }
      case .beamSplitting(let f):
        evePhotons = (0..<n).reduce(0) { acc, _ in acc + (rng.nextUnitDouble() < f ? 1 : 0) }
        n -= evePhotons
        if evePhotons > 0 { eve = .storedPhoton }
      case .photonNumberSplitting:
        throughFibre = false
        if n == 1, rng.nextUnitDouble() < pnsPlan.blockedSingleFraction {
          eve = .blocked
          evePhotons = 1
          n = 0
        } else if n >= 2 {
          eve = .storedPhoton
          evePhotons = 1
          n -= 1
        }
      }
      // Propagation: the fibre's channel and loss, or Eve's noiseless line.
      let survive = throughFibre ? c.fibre.transmittance : pnsPlan.lineTransmittance
      if throughFibre {
        let ch = fibreChannel
        try engine { () throws(QuantumError) in try rho.apply(ch, to: 0) }
      }
      var m = 0
      for _ in 0..<n where rng.nextUnitDouble() < survive { m += 1 }
      // Bob: analyzer + PBS with misalignment (a POVM), then each photon's detector.
      let povm = povms[Int(bB.rawValue)]
      let ports = try engine { () throws(QuantumError) -> [Double] in
        try rho.outcomeProbabilities(of: povm, on: [0])
      }
      var lit = [false, false]
      for _ in 0..<m {
        let port = Sampling.draw(ports, using: &rng)
        if rng.nextUnitDouble() < detectors[port].efficiency { lit[port] = true }
      }
      var mask = 0
      for b in 0..<2 {
        let dark = rng.nextUnitDouble() < detectors[b].darkCountProbability
        var click = lit[b] || dark
        if deadUntil[b] > k {
          click = false
        } else if afterpulseAt[b] == k {
          afterpulseAt[b] = -1
          if rng.nextUnitDouble() < detectors[b].afterpulseProbability { click = true }
        }
        if click { mask |= 1 << b }
      }
      for b in 0..<2 where mask & (1 << b) != 0 {
        deadUntil[b] = k + 1 + detectors[b].deadTimeGates
        afterpulseAt[b] = detectors[b].afterpulseProbability > 0 ? deadUntil[b] : -1
      }
      let cat = CompiledLink.category(intensity: i, aliceBasis: aB, aliceBit: bit, bobBasis: bB)
      stats.addSent(category: cat, count: 1)
      var bobBit: UInt8? = nil
      if mask != 0 {
        let outcome = mask == 3 ? 2 + Int(rng.next() & 1) : (mask == 1 ? 0 : 1)
        bobBit = UInt8(outcome & 1)
        stats.addDetection(category: cat, eve: Int(eve.rawValue), outcome: outcome)
      }
      records.append(
        PulseRecord(
          pulseIndex: k, intensity: i, aliceBasis: aB, aliceBit: bit, photonNumber: emitted,
          eve: eve, evePhotons: evePhotons, photonsAtBob: m, bobBasis: bB,
          clicks: ClickPattern(rawValue: UInt8(mask)) ?? .none, bobBit: bobBit))
    }
    return ExactRun(records: records, statistics: stats)
  }

  /// Eve's projective measurement in basis index 0 (H/V), 1 (D/A) or 2 (Breidbart).
  static func eveMeasurement(basis: Int) throws(PhotonicsError) -> POVM {
    let s0 = try EveBasisStrategy.state(basis: basis, bit: 0).stateVector()
    let s1 = try EveBasisStrategy.state(basis: basis, bit: 1).stateVector()
    return try engine { () throws(QuantumError) in try POVM.projective(basis: [s0, s1]) }
  }
}
