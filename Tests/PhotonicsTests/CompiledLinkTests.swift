import Foundation
import QuantumEngine
import Testing

@testable import Photonics

/// Closed forms for the eavesdroppers, on the compiled tables and on simulated runs.
@Suite struct CompiledLinkTests {
  /// Single photons, no loss, ideal detectors: only Eve disturbs.
  func idealLink(_ eve: Eavesdropper) throws -> LinkConfiguration {
    try LinkConfiguration(
      source: .singlePhoton, fibre: Fibre(lengthKm: 0), eavesdropper: eve, receiver: .ideal,
      batchSize: 1 << 16)
  }

  func binaryEntropy(_ p: Double) -> Double {
    p <= 0 || p >= 1 ? 0 : -p * log2(p) - (1 - p) * log2(1 - p)
  }

  @Test func interceptResendGivesQuarterTimesFraction() throws {
    for p in [1.0, 0.4] {
      let sim = try LinkSimulator(
        configuration: idealLink(.interceptResend(fraction: p, strategy: .random)))
      #expect(abs(sim.compiled.errorRate(intensity: 0) - p / 4) < 1e-12)
      let run = try sim.run(pulses: 200_000, seed: 5)
      let s = run.statistics
      #expect(Links.withinBinomial(s.qber(), p / 4, n: s.sifted()))
      // Eve knows the bit exactly when her basis matched Alice's: p/2 bits per sifted bit.
      #expect(abs(s.eveInformationPerSiftedBit() - p / 2) < 0.01)
    }
  }

  @Test func fixedBasisInterceptResendDisturbsOnlyTheOtherBasis() throws {
    let sim = try LinkSimulator(
      configuration: idealLink(.interceptResend(fraction: 1, strategy: .fixed(.rectilinear))))
    #expect(abs(sim.compiled.errorRate(intensity: 0, basis: .rectilinear)) < 1e-12)
    #expect(abs(sim.compiled.errorRate(intensity: 0, basis: .diagonal) - 0.5) < 1e-12)
    #expect(abs(sim.compiled.errorRate(intensity: 0) - 0.25) < 1e-12)
  }

  /// Breidbart basis (Bennett et al., J. Cryptology 5, 3 (1992)): Eve guesses right with
  /// probability cos²(π/8) ≈ 0.854 in either basis, holds 1 − h(cos²(π/8)) ≈ 0.399 bits per
  /// sifted bit, and causes a QBER of 2·cos²(π/8)·sin²(π/8) = 1/4.
  @Test func breidbartAttackKnownFigures() throws {
    let sim = try LinkSimulator(
      configuration: idealLink(.interceptResend(fraction: 1, strategy: .breidbart)))
    #expect(abs(sim.compiled.errorRate(intensity: 0) - 0.25) < 1e-12)
    let run = try sim.run(pulses: 400_000, seed: 9)
    let s = run.statistics
    #expect(Links.withinBinomial(s.qber(), 0.25, n: s.sifted()))
    let pGuess = pow(cos(Double.pi / 8), 2)
    let g = s.eveGuesses()
    #expect(g.guesses == s.sifted())
    #expect(Links.withinBinomial(Double(g.correct) / Double(g.guesses), pGuess, n: g.guesses))
    let info = 1 - binaryEntropy(pGuess)
    #expect(abs(info - 0.399) < 1e-3)
    #expect(abs(s.eveInformationPerSiftedBit() - info) < 0.01)
  }

  @Test func beamSplittingLeavesQberAndTeachesEveTheTappedPulses() throws {
    let f = 0.5
    let config = try Links.decoy(
      km: 10, eta: 0.5, dark: 0, misalignment: 0, eve: .beamSplitting(tapFraction: f))
    let sim = try LinkSimulator(configuration: config)
    let honest = try LinkSimulator(
      configuration: Links.decoy(km: 10, eta: 0.5, dark: 0, misalignment: 0))
    // Bob sees the link with transmittance (1 − f)η.
    let eta = config.fibre.transmittance * 0.5
    #expect(abs(sim.compiled.gain(intensity: 0) - (1 - exp(-0.5 * (1 - f) * eta))) < 1e-12)
    #expect(sim.compiled.gain(intensity: 0) < honest.compiled.gain(intensity: 0))
    let s = try sim.run(pulses: 400_000, seed: 2).statistics
    #expect(s.qber() == 0)
    // Poisson thinning: Eve's share is independent of Bob's, so P(Eve has a photon | Bob
    // detected) = 1 − e^{−fμ}.
    let g = s.eveGuesses(intensity: 0)
    let n = s.sifted(intensity: 0)
    #expect(Links.withinBinomial(Double(g.guesses) / Double(n), 1 - exp(-f * 0.5), n: n))
    #expect(g.correct == g.guesses)
  }

  @Test func photonNumberSplittingKeepsSignalGainButChangesDecoyYield() throws {
    let honest = try LinkSimulator(configuration: Links.decoy(km: 50, eta: 0.1, dark: 1e-5))
    let pns = try LinkSimulator(
      configuration: Links.decoy(km: 50, eta: 0.1, dark: 1e-5, eve: .photonNumberSplitting))
    let plan = try #require(pns.compiled.photonNumberSplittingPlan)
    #expect(plan.blockedSingleFraction == 1 && plan.lineTransmittance < 1)
    // Signal gain equal (equal detectors: exact); vacuum yield equal; weak decoy yield lower.
    #expect(abs(pns.compiled.gain(intensity: 0) / honest.compiled.gain(intensity: 0) - 1) < 1e-9)
    #expect(abs(pns.compiled.gain(intensity: 2) - honest.compiled.gain(intensity: 2)) < 1e-15)
    #expect(pns.compiled.gain(intensity: 1) < 0.5 * honest.compiled.gain(intensity: 1))
    let s = try pns.run(pulses: 20_000_000, seed: 4).statistics
    let h = try honest.run(pulses: 20_000_000, seed: 4).statistics
    #expect(
      Links.withinBinomial(
        s.gain(intensity: 0), honest.compiled.gain(intensity: 0), n: s.pulses(intensity: 0)))
    let sd = (honest.compiled.gain(intensity: 1) / Double(h.pulses(intensity: 1))).squareRoot()
    #expect(h.gain(intensity: 1) - s.gain(intensity: 1) > 10 * sd)
    // Eve knows every bit she did not block: all signal detections from light are stored photons.
    #expect(s.eveInformationPerSiftedBit(intensity: 0) > 0.9)
  }
}
