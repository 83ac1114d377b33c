import Foundation
import QuantumEngine

/// Exact per-pulse outcome probabilities of one intensity and basis: single click on the correct
/// detector, single click on the wrong one, double click (split evenly into right and wrong bit),
/// and no click.
public struct ClickProbabilities: Sendable, Codable, Equatable {
  /// Single click on the correct detector.
  public var singleCorrect: Double
  /// Single click on the wrong detector.
  public var singleError: Double
  /// Both detectors click.
  public var double: Double
  /// Neither detector clicks.
  public var none: Double

  /// Gain: probability of any click.
  public var gain: Double { singleCorrect + singleError + double }
  /// Error rate of sifted bits, a double click counting as half an error.
  public var qber: Double { gain > 0 ? (singleError + double / 2) / gain : 0 }

  static let zero = ClickProbabilities(singleCorrect: 0, singleError: 0, double: 0, none: 0)

  mutating func add(_ other: ClickProbabilities, weight: Double) {
    singleCorrect += weight * other.singleCorrect
    singleError += weight * other.singleError
    double += weight * other.double
    none += weight * other.none
  }

  /// The five multinomial categories: single right, single wrong, double with right bit, double
  /// with wrong bit, none.
  var categories: [Double] { [singleCorrect, singleError, double / 2, double / 2, none] }
}

/// The closed-form outcome model of a decoy-state BB84 session on a link, with or without an
/// attack: for every intensity and basis the exact probabilities of Bob's outcomes, summed over
/// the Poisson photon number of the weak coherent pulse.
///
/// For an n-photon Fock state whose photons are each detected with probability h and, once
/// detected, land on the wrong detector with probability e, and detectors with dark-count
/// probability d, the no-click probabilities are (1−d)(1−h(1−e))ⁿ for the correct detector,
/// (1−d)(1−he)ⁿ for the wrong one and (1−d)²(1−h)ⁿ for both; single and double clicks follow by
/// inclusion–exclusion. With no attack the Poisson sum gives the familiar gain
/// Q_μ = 1 − (1−Y₀)e^{−ημ} ≈ Y₀ + 1 − e^{−ημ} (Lo, Ma & Chen, PRL 94, 230504, 2005).
public struct SessionOutcomeModel: Sendable, Codable, Equatable {
  /// The true link.
  public let link: LinkParameters
  /// Alice's settings.
  public let decoyProtocol: DecoyProtocol
  /// The attack.
  public let attack: Attack
  /// Outcome probabilities per pulse, `[intensity][basis]`.
  public let cells: [[ClickProbabilities]]
  /// For photon-number splitting: the probability that Eve forwards a multi-photon pulse, chosen
  /// to restore the signal gain (capped at 1); 0 otherwise.
  public let pnsForwardProbability: Double

  /// Computes the model; throws on invalid link or attack parameters.
  public init(
    link: LinkParameters, decoyProtocol: DecoyProtocol = .standard, attack: Attack = .none
  )
    throws
  {
    try link.validate()
    try attack.validate()
    self.link = link
    self.decoyProtocol = decoyProtocol
    self.attack = attack
    let forward: Double
    if case .photonNumberSplitting(let block) = attack {
      forward = Self.pnsForwardProbability(
        link: link, signal: decoyProtocol.intensities[0], block: block)
    } else {
      forward = 0
    }
    pnsForwardProbability = forward
    cells = decoyProtocol.intensities.map { mu in
      let p = Self.pulseProbabilities(
        link: link, intensity: mu, attack: attack, pnsForward: forward)
      return [p, p]  // The model is symmetric in the two bases.
    }
  }

  /// Probabilities of each of the 30 multinomial categories of a matched-basis pulse, ordered
  /// intensity-major, then basis, then the five outcomes of ``ClickProbabilities``.
  public var categoryProbabilities: [Double] {
    var out = [Double]()
    for (i, pi) in decoyProtocol.intensityProbabilities.enumerated() {
      for (b, pb) in decoyProtocol.basisProbabilities.enumerated() {
        out.append(contentsOf: cells[i][b].categories.map { $0 * pi * pb })
      }
    }
    return out
  }

  /// Matched-basis pulses needed for an expected `bits` sifted signal bits.
  public func pulses(forSiftedSignalBits bits: Int) -> Int {
    let perPulse = decoyProtocol.intensityProbabilities[0] * cells[0][0].gain
    guard perPulse > 0 else { return 0 }
    return Int(min((Double(max(bits, 0)) / perPulse).rounded(), Double(Int.max / 4)))
  }

  /// Draws a session of `pulses` matched-basis pulses directly from the outcome probabilities: a
  /// multinomial over intensity and basis, then a multinomial over the outcomes of each cell.
  public func sampleSession<G: RandomNumberGenerator>(pulses: Int, using generator: inout G) throws
    -> SessionCounts
  {
    guard pulses >= 0 else {
      throw EveDetectionError.invalidParameter(
        name: "pulses", value: Double(pulses), allowed: ">= 0")
    }
    var cellWeights = [Double]()
    for pi in decoyProtocol.intensityProbabilities {
      for pb in decoyProtocol.basisProbabilities { cellWeights.append(pi * pb) }
    }
    let perCell = Sampling.multinomial(pulses, cellWeights, using: &generator)
    var rows = [[OutcomeCounts]]()
    for i in 0..<3 {
      var row = [OutcomeCounts]()
      for b in 0..<2 {
        let n = perCell[i * 2 + b]
        // "none" is last, so the rare click categories are drawn first and cheaply.
        let outcomes = Sampling.multinomial(n, cells[i][b].categories, using: &generator)
        row.append(OutcomeCounts(uncheckedOutcomes: outcomes, pulses: n))
      }
      rows.append(row)
    }
    return SessionCounts(uncheckedCells: rows)
  }

  /// The same draw on the concrete generator, an order of magnitude faster: per cell, the
  /// number of clicks is one binomial and their split over the four click outcomes a multinomial
  /// (together exactly the cell's multinomial).
  public func sampleSession(pulses: Int, using generator: inout Xoshiro256StarStar) throws
    -> SessionCounts
  {
    guard pulses >= 0 else {
      throw EveDetectionError.invalidParameter(
        name: "pulses", value: Double(pulses), allowed: ">= 0")
    }
    var cellWeights = [Double]()
    for pi in decoyProtocol.intensityProbabilities {
      for pb in decoyProtocol.basisProbabilities { cellWeights.append(pi * pb) }
    }
    let perCell = CountSampling.multinomial(pulses, cellWeights, &generator)
    var rows = [[OutcomeCounts]]()
    for i in 0..<3 {
      var row = [OutcomeCounts]()
      for b in 0..<2 {
        let n = perCell[i * 2 + b]
        let cell = cells[i][b]
        let clicks = CountSampling.binomial(n, min(1, cell.gain), &generator)
        let split = CountSampling.multinomial(
          clicks, [cell.singleCorrect, cell.singleError, cell.double / 2, cell.double / 2],
          &generator)
        row.append(OutcomeCounts(uncheckedOutcomes: split + [n - clicks], pulses: n))
      }
      rows.append(row)
    }
    return SessionCounts(uncheckedCells: rows)
  }

  /// Outcome probabilities of an n-photon Fock state (see the type's documentation).
  static func fockClicks(photons n: Int, detection h: Double, error e: Double, dark d: Double)
    -> ClickProbabilities
  {
    let logNoDark = log1p(-d)
    let nd = Double(n)
    // Probabilities that the correct / wrong / any detector clicks, via expm1 for accuracy.
    let clickCorrect = -expm1(logNoDark + nd * log1p(-h * (1 - e)))
    let clickWrong = -expm1(logNoDark + nd * log1p(-h * e))
    let clickAny = -expm1(2 * logNoDark + nd * log1p(-h))
    let double = max(0, clickCorrect + clickWrong - clickAny)
    return ClickProbabilities(
      singleCorrect: max(0, clickAny - clickWrong), singleError: max(0, clickAny - clickCorrect),
      double: double, none: 1 - clickAny)
  }

  /// Poisson photon-number probabilities up to the point where the tail is below 1e-17.
  static func poisson(_ mu: Double) -> [Double] {
    if mu == 0 { return [1] }
    var out = [exp(-mu)]
    var n = 0
    var remaining = 1 - out[0]
    while remaining > 1e-17 && n < 200 {
      n += 1
      let next = (out.last ?? 0) * mu / Double(n)
      out.append(next)
      remaining -= next
      if next < 1e-18 && Double(n) > mu { break }
    }
    return out
  }

  /// Eve's forwarding probability s for multi-photon pulses under photon-number splitting, which
  /// makes Bob's signal no-click probability from photons equal its attack-free value e^{−μη}:
  /// s = (1 − e^{−μη} − P₁(1−β)η) / Σ_{n≥2} Pₙ(1 − (1−η_det)^{n−1}), capped to [0, 1].
  static func pnsForwardProbability(link: LinkParameters, signal mu: Double, block beta: Double)
    -> Double
  {
    let eta = link.overallTransmittance
    let etaDet = link.detectorEfficiency
    let p = poisson(mu)
    let target = -expm1(-mu * eta)
    let singles = p.count > 1 ? p[1] * (1 - beta) * eta : 0
    var multi = 0.0
    if p.count > 2 {
      for n in 2..<p.count { multi += p[n] * -expm1(Double(n - 1) * log1p(-etaDet)) }
    }
    guard multi > 0 else { return 0 }
    return min(1, max(0, (target - singles) / multi))
  }

  static func pulseProbabilities(
    link: LinkParameters, intensity mu: Double, attack: Attack, pnsForward: Double
  ) -> ClickProbabilities {
    let eta = link.overallTransmittance
    let ed = link.misalignment
    let d = link.darkCountProbability
    var total = ClickProbabilities.zero
    for (n, pn) in poisson(mu).enumerated() {
      let clean = fockClicks(photons: n, detection: eta, error: ed, dark: d)
      switch attack {
      case .none:
        total.add(clean, weight: pn)
      case .beamSplitting(let tap):
        total.add(
          fockClicks(photons: n, detection: (1 - tap) * eta, error: ed, dark: d), weight: pn)
      case .interceptResend(let fraction, let basis):
        total.add(clean, weight: pn * (1 - fraction))
        if n == 0 {
          total.add(clean, weight: pn * fraction)
          continue
        }
        for (stateError, probability) in Self.interceptStateErrors(basis) {
          // Eve's wrong polarisation and the link's misalignment compose as two bit flips.
          let e = stateError * (1 - ed) + (1 - stateError) * ed
          total.add(
            fockClicks(photons: n, detection: eta, error: e, dark: d),
            weight: pn * fraction * probability)
        }
      case .photonNumberSplitting(let block):
        let blocked = fockClicks(photons: 0, detection: eta, error: ed, dark: d)
        if n == 0 {
          total.add(clean, weight: pn)
        } else if n == 1 {
          total.add(blocked, weight: pn * block)
          total.add(clean, weight: pn * (1 - block))
        } else {
          let forwarded = fockClicks(
            photons: n - 1, detection: link.detectorEfficiency, error: ed, dark: d)
          total.add(forwarded, weight: pn * pnsForward)
          total.add(blocked, weight: pn * (1 - pnsForward))
        }
      }
    }
    return total
  }

  /// The error of Eve's resent polarisation relative to Alice's, with its probability.
  /// Random basis: right basis (error 0) or wrong basis (error 1/2), each with probability 1/2.
  /// Breidbart basis: she resends her result, which is wrong by sin²(π/8) with probability
  /// cos²(π/8) and by cos²(π/8) with probability sin²(π/8) — QBER 1/4 either way.
  static func interceptStateErrors(_ basis: InterceptBasis) -> [(Double, Double)] {
    switch basis {
    case .random:
      return [(0, 0.5), (0.5, 0.5)]
    case .breidbart:
      let s2 = pow(sin(Double.pi / 8), 2)
      return [(s2, 1 - s2), (1 - s2, s2)]
    }
  }
}
