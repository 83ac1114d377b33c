import Foundation
import QuantumEngine

/// A prepare-and-measure link compiled into exact outcome probabilities.
///
/// For every category — (intensity, Alice's basis, Alice's bit, Bob's basis) — it holds the joint
/// probability of Eve's observation and Bob's click pattern, summed over the photon number.
/// Each photon's fate is computed once per state with the engine (the fibre's
/// ``QuantumChannel`` and the receiver's port ``POVM`` with misalignment); photons of a pulse then
/// fail or reach a detector independently, so for a pulse of n photons
/// P(no click at the detectors of S) = Π_{b∈S}(1 − d_b)·(1 − Σ_{b∈S} q_b)ⁿ, summed over P(n) and
/// turned into exact click patterns by inclusion–exclusion. For Poisson light this is the
/// thinned-Poisson result of Lo, Ma & Chen (PRL 94, 230504 (2005)), with dark counts per detector.
public struct CompiledLink: Sendable {
  /// The configuration compiled.
  public let configuration: LinkConfiguration
  /// The drift angle (radians) this table was compiled for.
  public let driftAngle: Double
  /// For photon-number splitting: the fraction of single-photon pulses Eve blocks and the
  /// transmittance of her line (nil for other attacks).
  public let photonNumberSplittingPlan: (blockedSingleFraction: Double, lineTransmittance: Double)?
  /// P(category) for every category.
  let categoryProbabilities: [Double]
  /// P(Eve observation, click pattern | category): `[category][aux * 4 + mask]`.
  let outcomes: [[Double]]

  /// Number of Eve observation codes.
  static let auxCount = EveObservation.allCases.count

  /// Compiles `configuration` for a fixed drift angle.
  /// - Throws: ``PhotonicsError`` for an invalid configuration.
  public init(configuration: LinkConfiguration, driftAngle: Double = 0) throws(PhotonicsError) {
    try configuration.validate()
    try Check.finite(driftAngle, "drift angle")
    self.configuration = configuration
    self.driftAngle = driftAngle
    let builder = try LinkTableBuilder(configuration: configuration, driftAngle: driftAngle)
    photonNumberSplittingPlan = builder.pnsPlan
    var probs: [Double] = []
    var tables: [[Double]] = []
    let src = configuration.source
    for i in src.intensities.indices {
      for aB in Basis.allCases {
        for bit in [UInt8(0), 1] {
          for bB in Basis.allCases {
            let pa =
              aB == .rectilinear
              ? configuration.aliceRectilinearProbability
              : 1 - configuration.aliceRectilinearProbability
            let pb =
              bB == .rectilinear
              ? configuration.bobRectilinearProbability
              : 1 - configuration.bobRectilinearProbability
            probs.append(src.intensities[i].probability * pa * 0.5 * pb)
            tables.append(
              try builder.outcomes(intensity: i, aliceBasis: aB, aliceBit: bit, bobBasis: bB))
          }
        }
      }
    }
    categoryProbabilities = probs
    outcomes = tables
  }

  /// The category index of (intensity, Alice's basis, Alice's bit, Bob's basis).
  static func category(intensity: Int, aliceBasis: Basis, aliceBit: UInt8, bobBasis: Basis) -> Int {
    ((intensity * 2 + Int(aliceBasis.rawValue)) * 2 + Int(aliceBit & 1)) * 2
      + Int(bobBasis.rawValue)
  }

  /// The exact probability of Bob's click pattern and Eve's observation for one pulse of the given
  /// kind (0 for an out-of-range intensity).
  public func probability(
    of pattern: ClickPattern, eve: EveObservation? = nil, intensity: Int, aliceBasis: Basis,
    aliceBit: UInt8, bobBasis: Basis
  ) -> Double {
    guard configuration.source.intensities.indices.contains(intensity) else { return 0 }
    let row = outcomes[
      CompiledLink.category(
        intensity: intensity, aliceBasis: aliceBasis, aliceBit: aliceBit, bobBasis: bobBasis)]
    var p = 0.0
    for aux in 0..<CompiledLink.auxCount where eve == nil || eve?.rawValue == UInt8(aux) {
      p += row[aux * 4 + Int(pattern.rawValue)]
    }
    return p
  }

  /// The gain Q: the probability that at least one of Bob's detectors clicks, averaged over
  /// bases and bits, for intensity `intensity`.
  public func gain(intensity: Int) -> Double {
    var num = 0.0
    var den = 0.0
    for (c, w) in categoryProbabilities.enumerated() where c / 8 == intensity {
      den += w
      num += w * (1 - CompiledLink.noClick(outcomes[c]))
    }
    return den > 0 ? num / den : 0
  }

  /// The expected error rate of Bob's (squashed) bit in matched bases for `intensity`, with
  /// double clicks counting half.
  public func errorRate(intensity: Int, basis: Basis? = nil) -> Double {
    var err = 0.0
    var det = 0.0
    for (c, w) in categoryProbabilities.enumerated() where c / 8 == intensity {
      let aB = (c >> 2) & 1
      let bit = (c >> 1) & 1
      let bB = c & 1
      guard aB == bB, basis == nil || Int(basis?.rawValue ?? 0) == aB else { continue }
      let row = outcomes[c]
      for aux in 0..<CompiledLink.auxCount {
        let p0 = row[aux * 4 + 1]
        let p1 = row[aux * 4 + 2]
        let p2 = row[aux * 4 + 3]
        det += w * (p0 + p1 + p2)
        err += w * ((bit == 0 ? p1 : p0) + p2 / 2)
      }
    }
    return det > 0 ? err / det : 0
  }

  static func noClick(_ row: [Double]) -> Double {
    var s = 0.0
    for aux in 0..<auxCount { s += row[aux * 4] }
    return s
  }
}

/// Builds the per-category outcome tables (internal; see ``CompiledLink``).
struct LinkTableBuilder {
  let configuration: LinkConfiguration
  let fibreChannel: QuantumChannel
  let povms: [POVM]
  let pnsPlan: (blockedSingleFraction: Double, lineTransmittance: Double)?
  let darks: (Double, Double)

  init(configuration: LinkConfiguration, driftAngle: Double) throws(PhotonicsError) {
    self.configuration = configuration
    fibreChannel = try configuration.fibre.channel(driftAngle: driftAngle)
    let receiver = configuration.receiver
    povms = [
      try receiver.povm(after: Receiver.analyzer(for: .rectilinear)),
      try receiver.povm(after: Receiver.analyzer(for: .diagonal)),
    ]
    darks = (
      configuration.receiver.detector0.darkCountProbability,
      configuration.receiver.detector1.darkCountProbability
    )
    if case .photonNumberSplitting = configuration.eavesdropper {
      pnsPlan = LinkTableBuilder.planPhotonNumberSplitting(configuration)
    } else {
      pnsPlan = nil
    }
  }

  /// Per-photon probabilities (q0, q1) of lighting detector 0 / 1 for a photon in `state`
  /// entering the fibre (or Eve's noiseless line of transmittance `line`).
  func photonFate(_ state: Polarization, bobBasis: Basis, line: Double? = nil)
    throws(PhotonicsError) -> (Double, Double)
  {
    var rho = try state.densityMatrix()
    let fibre = fibreChannel
    let povm = povms[Int(bobBasis.rawValue)]
    let p = try engine { () throws(QuantumError) -> [Double] in
      if line == nil { try rho.apply(fibre, to: 0) }
      return try rho.outcomeProbabilities(of: povm, on: [0])
    }
    let eta = line ?? configuration.fibre.transmittance
    let total = max(p[0] + p[1], 1e-300)
    return (
      eta * p[0] / total * configuration.receiver.detector0.efficiency,
      eta * p[1] / total * configuration.receiver.detector1.efficiency
    )
  }

  /// Accumulates N_aux(S) = P(aux, no photon lights a detector of S).
  struct Accumulator {
    var n = [[Double]](repeating: [0, 0, 0, 0], count: CompiledLink.auxCount)

    /// Adds Σ_m w_m (base − Σ_{b∈S} q_b)^m to N_aux(S) for every S.
    mutating func add(
      _ aux: EveObservation, weights: [Double], base: Double = 1, q: (Double, Double)
    ) {
      for s in 0..<4 {
        let g = base - (s & 1 != 0 ? q.0 : 0) - (s & 2 != 0 ? q.1 : 0)
        var power = 1.0
        var sum = 0.0
        for w in weights {
          sum += w * power
          power *= g
        }
        n[Int(aux.rawValue)][s] += sum
      }
    }
  }

  func outcomes(intensity: Int, aliceBasis: Basis, aliceBit: UInt8, bobBasis: Basis)
    throws(PhotonicsError) -> [Double]
  {
    let pn = configuration.source.photonNumberProbabilities(intensity: intensity)
    let alice = aliceBasis.state(bit: aliceBit)
    let qA = try photonFate(alice, bobBasis: bobBasis)
    var acc = Accumulator()
    switch configuration.eavesdropper {
    case .none:
      acc.add(.none, weights: pn, q: qA)
    case .interceptResend(let p, let strategy):
      acc.add(.none, weights: pn.map { $0 * (1 - p) }, q: qA)
      acc.add(.none, weights: [p * pn[0]], q: qA)
      for (eb, w) in strategy.bases {
        for e in [UInt8(0), 1] {
          let eveState = EveBasisStrategy.state(basis: eb, bit: e)
          let pi = alice.overlap(with: eveState)
          var ws = pn.map { $0 * p * w * pi }
          ws[0] = 0
          acc.add(
            .measured(basis: eb, bit: e), weights: ws,
            q: try photonFate(eveState, bobBasis: bobBasis))
        }
      }
    case .beamSplitting(let f):
      let q = (qA.0 * (1 - f), qA.1 * (1 - f))
      acc.add(.none, weights: pn, base: 1 - f, q: q)
      acc.add(.storedPhoton, weights: pn, base: 1, q: q)
      acc.add(.storedPhoton, weights: pn.map { -$0 }, base: 1 - f, q: q)
    case .photonNumberSplitting:
      let plan = pnsPlan ?? (1, 1)
      let qL = try photonFate(alice, bobBasis: bobBasis, line: plan.lineTransmittance)
      let p1 = pn.count > 1 ? pn[1] : 0
      acc.add(.none, weights: [pn[0]], q: qL)
      acc.add(.blocked, weights: [p1 * plan.blockedSingleFraction], q: qL)
      acc.add(.none, weights: [0, p1 * (1 - plan.blockedSingleFraction)], q: qL)
      if pn.count > 2 {
        // n ≥ 2 photons: Eve keeps one and forwards n − 1.
        acc.add(.storedPhoton, weights: [0] + pn[2...], q: qL)
      }
    }
    var row = [Double](repeating: 0, count: CompiledLink.auxCount * 4)
    for aux in 0..<CompiledLink.auxCount {
      var n = acc.n[aux]
      n[1] *= 1 - darks.0
      n[2] *= 1 - darks.1
      n[3] *= (1 - darks.0) * (1 - darks.1)
      let exact = ClickMasks.exact(noClick: n, bits: 2)
      for m in 0..<4 { row[aux * 4 + m] = exact[m] }
    }
    return row
  }

  /// Chooses Eve's blocking fraction b and line transmittance t so that the signal's light-induced
  /// gain equals the honest one, 1 − Σ P(n)(1 − η_f η_B)ⁿ, with η_B the mean detector efficiency:
  /// Q_Eve = P(1)(1 − b)·tη_B + Σ_{n≥2} P(n)(1 − (1 − tη_B)^{n−1}).
  static func planPhotonNumberSplitting(_ c: LinkConfiguration) -> (Double, Double) {
    let pn = c.source.photonNumberProbabilities(intensity: 0)
    let etaB = (c.receiver.detector0.efficiency + c.receiver.detector1.efficiency) / 2
    let etaF = c.fibre.transmittance
    var honest = 0.0
    for (n, p) in pn.enumerated() { honest += p * (1 - pow(1 - etaF * etaB, Double(n))) }
    func multi(_ t: Double) -> Double {
      var q = 0.0
      for (n, p) in pn.enumerated() where n >= 2 {
        q += p * (1 - pow(1 - t * etaB, Double(n - 1)))
      }
      return q
    }
    let p1 = pn.count > 1 ? pn[1] : 0
    if multi(1) >= honest {
      var lo = 0.0
      var hi = 1.0
      for _ in 0..<100 {
        let mid = (lo + hi) / 2
        if multi(mid) < honest { lo = mid } else { hi = mid }
      }
      return (1, (lo + hi) / 2)
    }
    let missing = honest - multi(1)
    let b = p1 * etaB > 0 ? 1 - missing / (p1 * etaB) : 1
    return (min(1, max(0, b)), 1)
  }
}
