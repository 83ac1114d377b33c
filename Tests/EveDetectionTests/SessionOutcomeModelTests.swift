import Foundation
import Photonics
import QuantumEngine
import Testing

@testable import EveDetection

@Suite struct SessionOutcomeModelTests {
  static func link(
    km: Double = 50, efficiency: Double = 0.3, dark: Double = 1e-6, misalignment: Double = 0.015
  ) throws -> LinkParameters {
    try LinkParameters(
      lengthKm: km, attenuationDBPerKm: 0.2, detectorEfficiency: efficiency,
      darkCountProbability: dark, misalignment: misalignment)
  }

  @Test func cleanGainIsTheClosedForm() throws {
    let l = try Self.link()
    let model = try SessionOutcomeModel(link: l)
    let y0 = 1 - pow(1 - l.darkCountProbability, 2)
    for (i, mu) in DecoyProtocol.standard.intensities.enumerated() {
      let cell = model.cells[i][0]
      // Q_μ = 1 − (1 − Y₀)e^{−ημ} (Lo, Ma & Chen 2005).
      let closed = 1 - (1 - y0) * exp(-l.overallTransmittance * mu)
      #expect(abs(cell.gain - closed) <= 1e-9 * closed + 1e-16)
      #expect(abs(cell.gain + cell.none - 1) < 1e-14)
    }
  }

  @Test func interceptResendAddsAQuarterOfTheFraction() throws {
    // Far link, no dark counts: nearly every detection is a single photon, QBER = e_d + p(1/4 − e_d/2).
    let l = try Self.link(km: 200, dark: 0, misalignment: 0.01)
    for p in [0.2, 1.0] {
      for basis in InterceptBasis.allCases {
        let m = try SessionOutcomeModel(
          link: l, attack: .interceptResend(fraction: p, basis: basis))
        #expect(abs(m.cells[0][0].qber - (0.01 + p * (0.25 - 0.005))) < 1e-5)
        // Intercept-resend keeps the gain.
        #expect(
          abs(m.cells[0][0].gain / (try SessionOutcomeModel(link: l)).cells[0][0].gain - 1) < 1e-9)
      }
    }
  }

  @Test func beamSplittingIsExtraLoss() throws {
    let l = try Self.link()
    let tapped = try SessionOutcomeModel(link: l, attack: .beamSplitting(tapFraction: 0.5))
    var weaker = l
    weaker.detectorEfficiency *= 0.5
    let lossy = try SessionOutcomeModel(link: weaker)
    #expect(abs(tapped.cells[0][0].gain - lossy.cells[0][0].gain) < 1e-15)
  }

  @Test func photonNumberSplittingHidesInTheSignalButNotTheDecoy() throws {
    let l = try Self.link(km: 100)
    let clean = try SessionOutcomeModel(link: l)
    let pns = try SessionOutcomeModel(
      link: l, attack: .photonNumberSplitting(singlePhotonBlockFraction: 1))
    #expect(pns.pnsForwardProbability > 0 && pns.pnsForwardProbability < 1)
    #expect(abs(pns.cells[0][0].gain / clean.cells[0][0].gain - 1) < 1e-9)
    #expect(pns.cells[1][0].gain < 0.5 * clean.cells[1][0].gain)
    #expect(abs(pns.cells[0][0].qber - clean.cells[0][0].qber) < 1e-3)
  }

  @Test func agreesWithPhotonicsCompiledTables() throws {
    let l = try Self.link(km: 30, dark: 1e-5)
    let attacks: [Attack] = [
      .none, .interceptResend(fraction: 0.4, basis: .random),
      .interceptResend(fraction: 0.7, basis: .breidbart), .beamSplitting(tapFraction: 0.3),
    ]
    for attack in attacks {
      let mine = try SessionOutcomeModel(link: l, attack: attack)
      let compiled = try SessionOutcomeModel(
        compiled: CompiledLink(configuration: l.linkConfiguration(attack: attack)))
      #expect(compiled.attack == attack)
      for i in 0..<3 {
        for b in 0..<2 {
          let x = mine.cells[i][b]
          let y = compiled.cells[i][b]
          for (u, v) in [
            (x.singleCorrect, y.singleCorrect), (x.singleError, y.singleError),
            (x.double, y.double),
          ] {
            // Relative 1e-9, with a floor at the rounding error of probabilities near 1.
            #expect(abs(u - v) <= 1e-9 * u + 1e-15, "\(attack) cell \(i),\(b): \(u) vs \(v)")
          }
        }
      }
    }
  }

  /// Chi-square of observed (detections, errors, doubles, pulses) per cell against the model's
  /// expectation given each cell's pulse count.
  static func chiSquare(_ c: SessionCounts, _ m: SessionOutcomeModel) -> (Double, Int) {
    var chi = 0.0
    var df = 0
    for i in 0..<3 {
      for b in 0..<2 {
        let n = Double(c.cells[i][b].pulses)
        let p = m.cells[i][b]
        let observed = [c.cells[i][b].detections, c.cells[i][b].errors, c.cells[i][b].doubleClicks]
        let expected = [n * p.gain, n * (p.singleError + p.double / 2), n * p.double]
        for (o, e) in zip(observed, expected) where e > 5 {
          chi += (Double(o) - e) * (Double(o) - e) / (e * (1 - e / n))
          df += 1
        }
      }
    }
    return (chi, df)
  }

  @Test func multinomialDrawsAgreeWithPulseByPulseSimulation() throws {
    let l = try Self.link(km: 5, efficiency: 0.5, dark: 1e-3, misalignment: 0.02)
    let attacks: [Attack] = [
      .none, .interceptResend(fraction: 0.5, basis: .random),
      .interceptResend(fraction: 1, basis: .breidbart),
      .photonNumberSplitting(singlePhotonBlockFraction: 0.6),
    ]
    for (k, attack) in attacks.enumerated() {
      let m = try SessionOutcomeModel(link: l, attack: attack)
      var g = Xoshiro256StarStar(seed: UInt64(10 + k))
      let perPulse = try PulseSimulator.simulate(
        link: l, attack: attack, pulses: 100_000, using: &g)
      let drawn = try m.sampleSession(pulses: 100_000, using: &g)
      for counts in [perPulse, drawn] {
        let (chi, df) = Self.chiSquare(counts, m)
        // The three statistics of a cell are correlated, so this is conservative; 5σ of χ²(df).
        #expect(
          chi < Double(df) + 5 * (2 * Double(df)).squareRoot(), "\(attack): χ² = \(chi), df = \(df)"
        )
      }
      // The same draw through the generic engine sampler agrees too.
      var h = Xoshiro256StarStar(seed: 99)
      var wrapped = AnyGenerator(base: h)
      let generic = try m.sampleSession(pulses: 100_000, using: &wrapped)
      h = wrapped.base
      let (chi, df) = Self.chiSquare(generic, m)
      #expect(chi < Double(df) + 5 * (2 * Double(df)).squareRoot())
    }
  }

  @Test func multinomialAgreesWithPhotonicsPerPulseFastPath() throws {
    let l = try Self.link(km: 10, efficiency: 0.4, dark: 1e-4, misalignment: 0.02)
    for attack: Attack in [.none, .interceptResend(fraction: 0.5, basis: .random)] {
      let config = try l.linkConfiguration(attack: attack)
      let simulator = try LinkSimulator(configuration: config)
      let run = try simulator.run(pulses: 400_000, seed: 5)
      let m = try SessionOutcomeModel(compiled: simulator.compiled)
      // Photonics counts every pulse; keep the matched-basis ones, as the multinomial does.
      let fastPath = try SessionCounts(statistics: run.statistics)
      var g = Xoshiro256StarStar(seed: 6)
      let matched = fastPath.cells.joined().map(\.pulses).reduce(0, +)
      let drawn = try m.sampleSession(pulses: matched, using: &g)
      for counts in [fastPath, drawn] {
        let (chi, df) = Self.chiSquare(counts, m)
        #expect(chi < Double(df) + 5 * (2 * Double(df)).squareRoot(), "\(attack): χ² = \(chi)")
      }
    }
  }

  @Test func exactBinomialSamplerHasTheRightMoments() {
    var g = Xoshiro256StarStar(seed: 77)
    for (n, p) in [(50, 0.3), (1_000_000_000, 1e-5), (10_000_000_000, 0.4), (1000, 0.97)] {
      let draws = 2000
      var sum = 0.0
      var sumSq = 0.0
      for _ in 0..<draws {
        let x = Double(CountSampling.binomial(n, p, &g))
        sum += x
        sumSq += x * x
      }
      let mean = sum / Double(draws)
      let variance = sumSq / Double(draws) - mean * mean
      let trueVar = Double(n) * p * (1 - p)
      #expect(abs(mean - Double(n) * p) < 5 * (trueVar / Double(draws)).squareRoot())
      // Sample variance of 2000 draws: relative standard error ≈ √(2/2000) ≈ 3.2%.
      #expect(abs(variance / trueVar - 1) < 5 * 0.032)
    }
  }
}

/// A generator wrapper that hides the concrete type, to exercise the generic sampling path.
struct AnyGenerator: RandomNumberGenerator {
  var base: Xoshiro256StarStar
  mutating func next() -> UInt64 { base.next() }
}
