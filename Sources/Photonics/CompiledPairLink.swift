import Foundation
import QuantumEngine

/// An entangled-pair link compiled into exact outcome probabilities: for every pair of settings
/// (Alice's angle, Bob's angle), P(click mask) over the four detectors A0, A1, B0, B1
/// (mask bits 0...3), summed over the number of pairs.
///
/// One pair's joint port probabilities P(x, y) = tr[(E_x ⊗ F_y)ρ] come from the engine (the
/// Werner state, Eve's channel, each arm's fibre channel, the analyzer + PBS POVMs with
/// misalignment); each photon then survives its fibre and detector independently; pairs are independent,
/// so P(no light in S) is the one-pair value to the power n, and dark counts enter per detector.
public struct CompiledPairLink: Sendable {
  /// The configuration compiled.
  public let configuration: PairLinkConfiguration
  /// P(setting pair), index a·(Bob's setting count) + b.
  let categoryProbabilities: [Double]
  /// P(mask | setting pair).
  let outcomes: [[Double]]

  /// Compiles `configuration` with drift angles for the two arms.
  /// - Throws: ``PhotonicsError``.
  public init(
    configuration: PairLinkConfiguration, driftAngleA: Double = 0, driftAngleB: Double = 0
  )
    throws(PhotonicsError)
  {
    try configuration.validate()
    self.configuration = configuration
    var rho = try configuration.source.densityMatrix()
    let eveChannel = try configuration.eavesdropper.channel()
    var eveQubit = 1
    if case .interceptResend(_, _, let arm) = configuration.eavesdropper, arm == .alice {
      eveQubit = 0
    }
    let chA = try configuration.fibreA.channel(driftAngle: driftAngleA)
    let chB = try configuration.fibreB.channel(driftAngle: driftAngleB)
    try engine { () throws(QuantumError) in
      try rho.apply(eveChannel, to: [eveQubit])
      try rho.apply(chA, to: [0])
      try rho.apply(chB, to: [1])
    }
    let rA = configuration.receiverA
    let rB = configuration.receiverB
    let etaA = [rA.detector0.efficiency, rA.detector1.efficiency].map {
      $0 * configuration.fibreA.transmittance
    }
    let etaB = [rB.detector0.efficiency, rB.detector1.efficiency].map {
      $0 * configuration.fibreB.transmittance
    }
    let darks = [
      rA.detector0.darkCountProbability, rA.detector1.darkCountProbability,
      rB.detector0.darkCountProbability, rB.detector1.darkCountProbability,
    ]
    let pairs = configuration.source.pairNumberProbabilities
    var probs: [Double] = []
    var tables: [[Double]] = []
    let pa = configuration.aliceProbabilities
    let pb = configuration.bobProbabilities
    for (ia, angleA) in configuration.aliceAnglesDegrees.enumerated() {
      let povmA = try rA.povm(after: Receiver.analyzer(angle: angleA * .pi / 180))
      for (ib, angleB) in configuration.bobAnglesDegrees.enumerated() {
        let povmB = try rB.povm(after: Receiver.analyzer(angle: angleB * .pi / 180))
        // Joint POVM on (qubit 0 = Alice, qubit 1 = Bob): element for (x, y) is F_y ⊗ E_x.
        var elements: [ComplexMatrix] = []
        for y in 0..<2 {
          for x in 0..<2 { elements.append(povmB.elements[y].kron(povmA.elements[x])) }
        }
        let joint = try engine { () throws(QuantumError) -> [Double] in
          try rho.outcomeProbabilities(of: POVM(elements: elements, tolerance: 1e-9), on: [0, 1])
        }
        // One pair: probability of each light mask.
        var light = [Double](repeating: 0, count: 16)
        for y in 0..<2 {
          for x in 0..<2 {
            let p = joint[x + 2 * y]
            for litA in [false, true] {
              for litB in [false, true] {
                let w = p * (litA ? etaA[x] : 1 - etaA[x]) * (litB ? etaB[y] : 1 - etaB[y])
                let mask = (litA ? 1 << x : 0) | (litB ? 1 << (2 + y) : 0)
                light[mask] += w
              }
            }
          }
        }
        var noClick = [Double](repeating: 0, count: 16)
        for s in 0..<16 {
          var g = 0.0
          for l in 0..<16 where l & s == 0 { g += light[l] }
          var sum = 0.0
          var power = 1.0
          for pn in pairs {
            sum += pn * power
            power *= g
          }
          for b in 0..<4 where s & (1 << b) != 0 { sum *= 1 - darks[b] }
          noClick[s] = sum
        }
        probs.append(pa[ia] * pb[ib])
        tables.append(ClickMasks.exact(noClick: noClick, bits: 4))
      }
    }
    categoryProbabilities = probs
    outcomes = tables
  }

  /// The exact probability of a click mask (bits: A0, A1, B0, B1) for settings (a, b).
  public func probability(ofMask mask: Int, aliceSetting a: Int, bobSetting b: Int) -> Double {
    let nb = configuration.bobAnglesDegrees.count
    guard configuration.aliceAnglesDegrees.indices.contains(a),
      configuration.bobAnglesDegrees.indices.contains(b), (0..<16).contains(mask)
    else { return 0 }
    return outcomes[a * nb + b][mask]
  }

  /// The expected correlation E = P(same) − P(different) over pairs where both sides clicked,
  /// double clicks squashed to random bits (so they contribute 0 on average).
  public func correlation(aliceSetting a: Int, bobSetting b: Int) -> Double {
    var same = 0.0
    var diff = 0.0
    for mask in 0..<16 {
      let p = probability(ofMask: mask, aliceSetting: a, bobSetting: b)
      let ma = mask & 3
      let mb = mask >> 2
      guard ma != 0, mb != 0 else { continue }
      if ma == 3 || mb == 3 {
        same += p / 2
        diff += p / 2
      } else if ma == mb {
        same += p
      } else {
        diff += p
      }
    }
    return same + diff > 0 ? (same - diff) / (same + diff) : 0
  }
}
