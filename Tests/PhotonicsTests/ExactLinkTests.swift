import Foundation
import QuantumEngine
import Testing

@testable import Photonics

@Suite struct ExactLinkTests {
  /// A noisy link with every effect on except detector memory.
  func noisyLink(eve: Eavesdropper) throws -> LinkConfiguration {
    try LinkConfiguration(
      source: .decoy(
        signal: 0.8, decoy: 0.2, signalProbability: 0.6, decoyProbability: 0.3,
        vacuumProbability: 0.1),
      fibre: Fibre(lengthKm: 5, depolarizationPerKm: 0.01, dephasingPerKm: 0.01),
      eavesdropper: eve,
      receiver: Receiver(
        detector0: Detector(efficiency: 0.6, darkCountProbability: 0.02),
        detector1: Detector(efficiency: 0.4, darkCountProbability: 0.01), misalignment: 0.03,
        beamSplitter: PolarizingBeamSplitter(extinctionRatio: 50)),
      aliceRectilinearProbability: 0.7, bobRectilinearProbability: 0.6, batchSize: 1 << 16)
  }

  /// Two-sample check: |a − b| within 5σ of the difference of two proportions.
  func agree(_ a: Double, _ na: UInt64, _ b: Double, _ nb: UInt64) -> Bool {
    let p = (a * Double(na) + b * Double(nb)) / Double(max(na + nb, 1))
    let sd = (p * (1 - p) * (1 / Double(max(na, 1)) + 1 / Double(max(nb, 1)))).squareRoot()
    return abs(a - b) <= 5 * sd + 1e-12
  }

  @Test(arguments: [
    Eavesdropper.interceptResend(fraction: 0.5, strategy: .random),
    .beamSplitting(tapFraction: 0.3),
    .photonNumberSplitting,
  ])
  func exactAndCompiledPathsAgree(eve: Eavesdropper) throws {
    let config = try noisyLink(eve: eve)
    let exact = try ExactLinkSimulator(configuration: config).run(pulses: 6000, seed: 21)
    let sim = try LinkSimulator(configuration: config)
    let fast = try sim.run(pulses: 400_000, seed: 21).statistics
    let e = exact.statistics
    for i in 0..<3 {
      let q = sim.compiled.gain(intensity: i)
      #expect(Links.withinBinomial(e.gain(intensity: i), q, n: e.pulses(intensity: i)))
      #expect(Links.withinBinomial(fast.gain(intensity: i), q, n: fast.pulses(intensity: i)))
      #expect(
        agree(
          e.gain(intensity: i), e.pulses(intensity: i), fast.gain(intensity: i),
          fast.pulses(intensity: i)))
    }
    let err = sim.compiled.errorRate(intensity: 0)
    #expect(Links.withinBinomial(e.qber(intensity: 0), err, n: e.sifted(intensity: 0)))
    #expect(Links.withinBinomial(fast.qber(intensity: 0), err, n: fast.sifted(intensity: 0)))
    let pd = sim.compiled.probability(
      of: .both, intensity: 0, aliceBasis: .rectilinear, aliceBit: 0, bobBasis: .rectilinear)
    let nd = e.pulses(intensity: 0, aliceBasis: .rectilinear, bobBasis: .rectilinear)
    #expect(nd > 0)
    // Double clicks are counted on both paths at the compiled rate (bit 0 and 1 are symmetric
    // only on average, so compare one category against its own probability).
    let fd = fast.doubleClicks(intensity: 0, aliceBasis: .rectilinear, bobBasis: .rectilinear)
    #expect(fd > 0)
    #expect(pd > 0)
    #expect(
      agree(
        Double(e.eveGuesses().guesses) / Double(max(e.sifted(), 1)), e.sifted(),
        Double(fast.eveGuesses().guesses) / Double(max(fast.sifted(), 1)), fast.sifted()))
  }

  @Test func transcriptRecordsEveryPulseAndIsCodable() throws {
    let config = try noisyLink(eve: .interceptResend(fraction: 1, strategy: .breidbart))
    let run = try ExactLinkSimulator(configuration: config).run(pulses: 300, seed: 1)
    #expect(run.records.count == 300)
    #expect(run.statistics.pulses() == 300)
    for r in run.records {
      #expect((r.clicks == .none) == (r.bobBit == nil))
      #expect(r.photonsAtBob <= r.photonNumber)
      if r.photonNumber > 0 { #expect(r.eve.measurement?.basis == 2) }
    }
    let data = try JSONEncoder().encode(run)
    let back = try JSONDecoder().decode(ExactRun.self, from: data)
    #expect(back.records == run.records)
    #expect(
      try ExactLinkSimulator(configuration: config).run(pulses: 300, seed: 1).records == run.records
    )
  }
}

@Suite struct DetectorMemoryTests {
  func link() throws -> LinkConfiguration {
    try LinkConfiguration(
      source: .weakCoherent(mean: 0.5), fibre: Fibre(lengthKm: 5),
      receiver: Receiver(
        detector: Detector(
          efficiency: 0.5, darkCountProbability: 0.01, deadTimeGates: 6,
          afterpulseProbability: 0.1), misalignment: 0.05), batchSize: 1 << 16)
  }

  func agree(_ a: UInt64, _ na: UInt64, _ b: UInt64, _ nb: UInt64) -> Bool {
    let pa = Double(a) / Double(na)
    let pb = Double(b) / Double(nb)
    let p = Double(a + b) / Double(na + nb)
    let sd = (p * (1 - p) * (1 / Double(na) + 1 / Double(nb))).squareRoot()
    return abs(pa - pb) <= 5 * sd + 1e-12
  }

  /// Three independent implementations of dead time and afterpulsing agree: the exact path, the
  /// direct per-pulse loop and skip-ahead with blind-detector tables.
  @Test func exactDirectAndSkipAheadAgreeWithDeadTime() throws {
    let config = try link()
    let sim = try LinkSimulator(configuration: config)
    let exact = try ExactLinkSimulator(configuration: config).run(pulses: 20_000, seed: 5)
      .statistics
    let direct = try sim.run(pulses: 1 << 16, seed: 5, mode: .direct).statistics
    let skip = try sim.run(pulses: 1 << 16, seed: 6, mode: .skipAhead).statistics
    // Dead time lowers the gain below the memoryless value.
    #expect(Double(skip.detected()) / Double(skip.pulses()) < 0.9 * sim.compiled.gain(intensity: 0))
    for (a, b) in [(exact, direct), (exact, skip), (direct, skip)] {
      #expect(agree(a.detected(), a.pulses(), b.detected(), b.pulses()))
      #expect(agree(a.doubleClicks(), a.pulses(), b.doubleClicks(), b.pulses()))
      #expect(agree(a.errors(), a.sifted(), b.errors(), b.sifted()))
    }
  }
}
