import Foundation
import QuantumEngine
import Testing

@testable import Photonics

@Suite struct PairLinkSimulatorTests {
  func link(
    visibility: Double = 1, km: (Double, Double) = (0, 0), receiver: Receiver = .ideal,
    eve: PairEavesdropper = .none, multiPair: Double = 0
  ) throws -> PairLinkConfiguration {
    try PairLinkConfiguration(
      source: EntangledPairSource(
        visibility: visibility, pairProbability: 1 - multiPair, multiPairProbability: multiPair),
      fibreA: Fibre(lengthKm: km.0), fibreB: Fibre(lengthKm: km.1), receiverA: receiver,
      receiverB: receiver, eavesdropper: eve, batchSize: 1 << 14)
  }

  /// CHSH with Alice 0°/45° (settings 0, 2) and Bob 22.5°/67.5° (settings 0, 2).
  func compiledS(_ c: CompiledPairLink) -> Double {
    c.correlation(aliceSetting: 0, bobSetting: 0) - c.correlation(aliceSetting: 0, bobSetting: 2)
      + c.correlation(aliceSetting: 2, bobSetting: 0)
      + c.correlation(aliceSetting: 2, bobSetting: 2)
  }

  @Test(arguments: [1.0, 0.9, 0.75])
  func chshScalesWithVisibility(visibility v: Double) throws {
    let sim = try PairLinkSimulator(configuration: link(visibility: v))
    #expect(abs(compiledS(sim.compiled) - 2 * 2.0.squareRoot() * v) < 1e-9)
    let s = try sim.run(gates: 200_000, seed: 17).statistics
    let chsh = s.chsh(a: 0, aPrime: 2, b: 0, bPrime: 2)
    #expect(abs(chsh.value - 2 * 2.0.squareRoot() * v) < 5 * chsh.sigma)
    // Matched settings (Alice 22.5° = setting 1, Bob 22.5° = setting 0; 45°: 2 and 1).
    let q = s.errorRate(aliceSetting: 1, bobSetting: 0)
    let n = s.coincidences(aliceSetting: 1, bobSetting: 0).total
    #expect(Links.withinBinomial(q, (1 - v) / 2, n: n))
  }

  @Test func matchedQberAddsDetectorTerms() throws {
    // Misalignment on both sides: errors e = (1 − V)/2 composed with two independent flips.
    let r = try Receiver(detector: .ideal, misalignment: 0.02)
    let sim = try PairLinkSimulator(configuration: link(visibility: 0.95, receiver: r))
    let flip = 2 * 0.02 * 0.98
    let base = 0.025
    let expected = base * (1 - flip) + (1 - base) * flip
    let c = sim.compiled.correlation(aliceSetting: 1, bobSetting: 0)
    #expect(abs((1 - c) / 2 - expected) < 1e-9)
  }

  @Test func interceptResendOnOneArmDestroysTheViolation() throws {
    let sim = try PairLinkSimulator(
      configuration: link(eve: .interceptResend(fraction: 1, strategy: .random, arm: .bob)))
    #expect(abs(compiledS(sim.compiled)) <= 2)
    let s = try sim.run(gates: 200_000, seed: 23).statistics.chsh(a: 0, aPrime: 2, b: 0, bPrime: 2)
    #expect(s.value < 2 - 5 * s.sigma)
  }

  @Test func exactAndCompiledPairPathsAgree() throws {
    let r = try Receiver(
      detector0: Detector(efficiency: 0.7, darkCountProbability: 0.02),
      detector1: Detector(efficiency: 0.5, darkCountProbability: 0.01), misalignment: 0.02)
    let config = try link(visibility: 0.9, km: (5, 10), receiver: r, multiPair: 0.1)
    let fast = try PairLinkSimulator(configuration: config)
    let exact = try ExactPairLinkSimulator(configuration: config).run(gates: 9000, seed: 4)
    let f = try fast.run(gates: 300_000, seed: 4, threads: 2).statistics
    for a in 0..<3 {
      for b in 0..<3 {
        // Probability that both sides click.
        var p = 0.0
        for m in 0..<16 where m & 3 != 0 && m >> 2 != 0 {
          p += fast.compiled.probability(ofMask: m, aliceSetting: a, bobSetting: b)
        }
        for s in [exact.statistics, f] {
          let n = s.gateCount(aliceSetting: a, bobSetting: b)
          let k = s.coincidences(aliceSetting: a, bobSetting: b).total
          #expect(Links.withinBinomial(Double(k) / Double(n), p, n: n))
        }
        let e = fast.compiled.correlation(aliceSetting: a, bobSetting: b)
        let ce = exact.statistics.correlation(aliceSetting: a, bobSetting: b)
        #expect(abs(ce.value - e) < 5 * ce.sigma + 1e-9)
      }
    }
    #expect(exact.records.count == 9000)
  }

  @Test func pairRunsAreThreadIndependentAndRecordClicks() throws {
    let sim = try PairLinkSimulator(configuration: link(visibility: 0.9, km: (10, 20)))
    let one = try sim.run(gates: 100_000, seed: 6, threads: 1, recordDetections: true)
    let two = try sim.run(gates: 100_000, seed: 6, threads: 2, recordDetections: true)
    #expect(one.statistics == two.statistics)
    #expect(one.records == two.records)
    let r = try #require(one.records)
    #expect(r.count > 0)
    #expect(one.statistics.gateCount() == 100_000)
  }

  @Test func badPairParametersThrow() throws {
    #expect(throws: PhotonicsError.self) { try EntangledPairSource(visibility: 1.1) }
    #expect(throws: PhotonicsError.self) {
      try EntangledPairSource(pairProbability: 0.8, multiPairProbability: 0.3)
    }
    var c = try link()
    c.aliceSettingProbabilities = [0.5, 0.5]
    #expect(throws: PhotonicsError.self) { try PairLinkSimulator(configuration: c) }
    c = try link()
    c.bobAnglesDegrees = []
    #expect(throws: PhotonicsError.self) { try PairLinkSimulator(configuration: c) }
  }
}
