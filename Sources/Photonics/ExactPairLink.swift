import Foundation
import QuantumEngine

/// Everything that happened at one gate of an entangled-pair link on the exact path. Codable.
public struct PairRecord: Sendable, Hashable, Codable {
  /// Gate index.
  public let gateIndex: Int
  /// Pairs emitted.
  public let pairs: Int
  /// Alice's setting index.
  public let aliceSetting: Int
  /// Bob's setting index.
  public let bobSetting: Int
  /// Alice's click pattern.
  public let aliceClicks: ClickPattern
  /// Bob's click pattern.
  public let bobClicks: ClickPattern
  /// Alice's bit (nil without a click; double clicks squashed).
  public let aliceBit: UInt8?
  /// Bob's bit.
  public let bobBit: UInt8?
}

/// The result of an exact-path pair run.
public struct ExactPairRun: Sendable, Codable {
  /// One record per gate.
  public let records: [PairRecord]
  /// The same run as counts.
  public let statistics: PairStatistics
}

/// The exact path for an entangled-pair link: each pair is a two-qubit engine ``DensityMatrix``
/// sent through Eve's channel and both fibres' channels, and measured with the two analyzer
/// POVMs (with misalignment); every photon is then lost or detected by its own draw, and
/// dead time and afterpulsing follow each gate in order. For small runs and for checking
/// ``PairLinkSimulator``.
public struct ExactPairLinkSimulator: Sendable {
  /// The configuration.
  public let configuration: PairLinkConfiguration

  /// Validates `configuration`.
  /// - Throws: ``PhotonicsError``.
  public init(configuration: PairLinkConfiguration) throws(PhotonicsError) {
    try configuration.validate()
    self.configuration = configuration
  }

  /// Simulates `gates` gates (at most 10⁷) from `seed`.
  /// - Throws: ``PhotonicsError``.
  public func run(gates: Int, seed: UInt64) throws(PhotonicsError) -> ExactPairRun {
    try Check.count(gates, 0...10_000_000, "exact-path gates")
    let c = configuration
    var rng = Xoshiro256StarStar(seed: seed)
    let na = c.aliceAnglesDegrees.count
    let nb = c.bobAnglesDegrees.count
    var stats = PairStatistics(aliceSettings: na, bobSettings: nb)
    var records: [PairRecord] = []
    let angles = try PairLinkSimulator(configuration: c).driftAngles(gates: gates, seed: seed)
    let detectors = c.receiverA.detectors + c.receiverB.detectors
    let eta = [
      c.fibreA.transmittance, c.fibreA.transmittance, c.fibreB.transmittance,
      c.fibreB.transmittance,
    ]
    let eveChannel = try c.eavesdropper.channel()
    var eveQubit = 1
    if case .interceptResend(_, _, let arm) = c.eavesdropper, arm == .alice { eveQubit = 0 }
    var povmA: [POVM] = []
    for a in c.aliceAnglesDegrees {
      povmA.append(try c.receiverA.povm(after: Receiver.analyzer(angle: a * .pi / 180)))
    }
    var povmB: [POVM] = []
    for b in c.bobAnglesDegrees {
      povmB.append(try c.receiverB.povm(after: Receiver.analyzer(angle: b * .pi / 180)))
    }
    var deadUntil = [0, 0, 0, 0]
    var afterpulseAt = [-1, -1, -1, -1]
    var pairState = try c.source.densityMatrix()
    var stateBatch = -1
    for k in 0..<gates {
      let batch = k / c.batchSize
      if batch != stateBatch {
        // The pair state after Eve and both fibres, for this batch's drift angles.
        var rho = try c.source.densityMatrix()
        let chA = try c.fibreA.channel(driftAngle: angles.alice.isEmpty ? 0 : angles.alice[batch])
        let chB = try c.fibreB.channel(driftAngle: angles.bob.isEmpty ? 0 : angles.bob[batch])
        try engine { () throws(QuantumError) in
          try rho.apply(eveChannel, to: [eveQubit])
          try rho.apply(chA, to: [0])
          try rho.apply(chB, to: [1])
        }
        pairState = rho
        stateBatch = batch
      }
      let sa = Sampling.draw(c.aliceProbabilities, using: &rng)
      let sb = Sampling.draw(c.bobProbabilities, using: &rng)
      let pairs = Sampling.draw(c.source.pairNumberProbabilities, using: &rng)
      var lit = [false, false, false, false]
      for _ in 0..<pairs {
        // Measure a fresh copy of the pair: Alice's POVM on qubit 0, then Bob's on qubit 1.
        var rho = pairState
        let (pa, pb) = (povmA[sa], povmB[sb])
        let (x, y) = try engine { () throws(QuantumError) -> (Int, Int) in
          let x = try rho.measure(pa, on: [0], using: &rng)
          let y = try rho.measure(pb, on: [1], using: &rng)
          return (x, y)
        }
        if rng.nextUnitDouble() < eta[x] * detectors[x].efficiency { lit[x] = true }
        if rng.nextUnitDouble() < eta[2 + y] * detectors[2 + y].efficiency { lit[2 + y] = true }
      }
      var mask = 0
      for d in 0..<4 {
        var click = lit[d] || rng.nextUnitDouble() < detectors[d].darkCountProbability
        if deadUntil[d] > k {
          click = false
        } else if afterpulseAt[d] == k {
          afterpulseAt[d] = -1
          if rng.nextUnitDouble() < detectors[d].afterpulseProbability { click = true }
        }
        if click { mask |= 1 << d }
      }
      for d in 0..<4 where mask & (1 << d) != 0 {
        deadUntil[d] = k + 1 + detectors[d].deadTimeGates
        afterpulseAt[d] = detectors[d].afterpulseProbability > 0 ? deadUntil[d] : -1
      }
      let coin = mask != 0 ? rng.next() : 0
      let ra = PairSink.result(mask & 3, coin)
      let rb = PairSink.result(mask >> 2, coin >> 1)
      stats.addGates(pair: sa * nb + sb, count: 1)
      stats.addResult(pair: sa * nb + sb, alice: ra, bob: rb)
      records.append(
        PairRecord(
          gateIndex: k, pairs: pairs, aliceSetting: sa, bobSetting: sb,
          aliceClicks: ClickPattern(rawValue: UInt8(mask & 3)) ?? .none,
          bobClicks: ClickPattern(rawValue: UInt8(mask >> 2)) ?? .none,
          aliceBit: ra == 0 ? nil : UInt8((ra + 1) & 1), bobBit: rb == 0 ? nil : UInt8((rb + 1) & 1)
        ))
    }
    return ExactPairRun(records: records, statistics: stats)
  }
}
