import Foundation
import QuantumEngine

/// A pulse-by-pulse Monte Carlo of the same session as ``SessionOutcomeModel``: it draws each
/// pulse's intensity, basis and Poisson photon number, lets Eve act, follows every photon to Bob's
/// detectors and adds dark counts. It shares no probability formula with the closed form, so the
/// two hold each other to account; it is slow (cost per pulse) and meant for tests and teaching.
public enum PulseSimulator {
  /// Simulates `pulses` matched-basis pulses.
  public static func simulate<G: RandomNumberGenerator>(
    link: LinkParameters, decoyProtocol: DecoyProtocol = .standard, attack: Attack = .none,
    pulses: Int, using g: inout G
  ) throws -> SessionCounts {
    try link.validate()
    try attack.validate()
    guard pulses >= 0, pulses <= 100_000_000 else {
      throw EveDetectionError.invalidParameter(
        name: "pulses", value: Double(pulses), allowed: "0...100000000 (per-pulse simulation)")
    }
    let model = try SessionOutcomeModel(link: link, decoyProtocol: decoyProtocol, attack: attack)
    let t = link.channelTransmittance
    let etaDet = link.detectorEfficiency
    var tallies = [[Int]](repeating: [Int](repeating: 0, count: 5), count: 6)
    var cellPulses = [Int](repeating: 0, count: 6)
    for _ in 0..<pulses {
      let i = pick(decoyProtocol.intensityProbabilities, &g)
      let b = Double.random(in: 0..<1, using: &g) < decoyProtocol.zBasisProbability ? 0 : 1
      cellPulses[i * 2 + b] += 1
      var photons = poissonDraw(decoyProtocol.intensities[i], &g)
      var fibre = t  // per-photon survival of the line Bob's photons travel
      var stateError = 0.0  // probability a photon's polarisation is flipped before Bob
      switch attack {
      case .none:
        break
      case .beamSplitting(let tap):
        fibre *= 1 - tap
      case .interceptResend(let fraction, let basis):
        if photons > 0, Double.random(in: 0..<1, using: &g) < fraction {
          stateError = eveResendError(basis, &g)
        }
      case .photonNumberSplitting(let block):
        if photons == 1, Double.random(in: 0..<1, using: &g) < block {
          photons = 0
        } else if photons >= 2 {
          photons =
            Double.random(in: 0..<1, using: &g) < model.pnsForwardProbability ? photons - 1 : 0
          fibre = 1
        }
      }
      var correct = false
      var wrong = false
      for _ in 0..<photons {
        guard Double.random(in: 0..<1, using: &g) < fibre * etaDet else { continue }
        // Eve's flip then the misalignment flip, each applied to the photon.
        var flipped = Double.random(in: 0..<1, using: &g) < stateError
        if Double.random(in: 0..<1, using: &g) < link.misalignment { flipped.toggle() }
        if flipped { wrong = true } else { correct = true }
      }
      if Double.random(in: 0..<1, using: &g) < link.darkCountProbability { correct = true }
      if Double.random(in: 0..<1, using: &g) < link.darkCountProbability { wrong = true }
      let outcome: Int
      switch (correct, wrong) {
      case (true, false): outcome = 0
      case (false, true): outcome = 1
      case (true, true): outcome = Bool.random(using: &g) ? 2 : 3
      case (false, false): outcome = 4
      }
      tallies[i * 2 + b][outcome] += 1
    }
    let rows = (0..<3).map { i in
      (0..<2).map { b in
        OutcomeCounts(uncheckedOutcomes: tallies[i * 2 + b], pulses: cellPulses[i * 2 + b])
      }
    }
    return SessionCounts(uncheckedCells: rows)
  }

  private static func pick<G: RandomNumberGenerator>(_ p: [Double], _ g: inout G) -> Int {
    var u = Double.random(in: 0..<1, using: &g)
    for (k, pk) in p.enumerated() {
      if u < pk { return k }
      u -= pk
    }
    return p.count - 1
  }

  private static func poissonDraw<G: RandomNumberGenerator>(_ mu: Double, _ g: inout G) -> Int {
    // Knuth's product-of-uniforms method; fine for the small intensities of weak pulses.
    let limit = exp(-mu)
    var k = 0
    var product = Double.random(in: 0..<1, using: &g)
    while product > limit {
      k += 1
      product *= Double.random(in: 0..<1, using: &g)
    }
    return k
  }

  /// Eve measures one photon and resends; returns the flip probability of the resent state.
  private static func eveResendError<G: RandomNumberGenerator>(
    _ basis: InterceptBasis, _ g: inout G
  )
    -> Double
  {
    switch basis {
    case .random:
      // Right basis: faithful copy; wrong basis: a state unbiased with respect to Bob's basis.
      return Bool.random(using: &g) ? 0 : 0.5
    case .breidbart:
      let s2 = pow(sin(Double.pi / 8), 2)
      // She projects on the Breidbart state nearer Alice's with probability cos²(π/8).
      return Double.random(in: 0..<1, using: &g) < 1 - s2 ? s2 : 1 - s2
    }
  }
}
