import ClassicalCrypto
import Foundation
import Photonics
import Testing

@testable import QKD

@Suite("BB84Session")
struct BB84SessionTests {
  @Test("a short decoy run distils identical keys and a consistent report")
  func shortRunProducesKey() throws {
    let result = try bb84Run(bb84ShortOptions())
    let r = result.report
    #expect(result.abortReason == nil, "\(r.abortDetail ?? "")")
    let match = result.keysMatch
    #expect(match)
    #expect(r.finalKeyBits > 0)
    #expect(r.netKeyBits == (result.aliceKey?.count ?? -1))
    #expect(r.finalKeyBits == r.netKeyBits + r.authenticationReplenishedBits)
    #expect(r.pulsesPerIntensity.reduce(0, +) == r.pulses)
    #expect(r.detectionsPerIntensity.reduce(0, +) == r.detections)
    #expect(r.siftedPerIntensity.flatMap { $0 }.reduce(0, +) == r.siftedBits)
    #expect((r.reconciledBits ?? 0) + r.sampleBits == r.siftedBitsSignal)
    // Leakage is counted per parity exchange, and Cascade cannot beat the Shannon limit.
    #expect(r.ecLeakedBits == r.cascadeParityExchanges)
    #expect((r.ecEfficiency ?? 0) >= 1)
    #expect(r.keyRatePerPulse == Double(r.finalKeyBits) / Double(r.pulses))
    #expect(r.finalKeyBits < (r.reconciledBits ?? 0) - (r.ecLeakedBits ?? 0))
  }

  @Test("the same seed gives the same report and keys; another seed does not")
  func deterministic() throws {
    let a = try bb84Run(bb84ShortOptions(seed: 7, pulses: 150_000))
    let b = try bb84Run(bb84ShortOptions(seed: 7, pulses: 150_000))
    let c = try bb84Run(bb84ShortOptions(seed: 8, pulses: 150_000))
    #expect(a.report == b.report)
    #expect(a.aliceKey == b.aliceKey)
    #expect(a.report != c.report)
  }

  @Test("Alice's and Bob's keys are identical whenever the run does not abort, across seeds")
  func keysIdenticalAcrossSeeds() throws {
    var distilled = 0
    for seed in UInt64(100)..<UInt64(112) {
      var o = bb84ShortOptions(seed: seed, pulses: 150_000, distanceKm: 5)
      o.cascade = seed % 2 == 0 ? .improved : .original
      o.authentication = seed % 3 == 0 ? .hmacSHA256 : .wegmanCarter
      let result = try bb84Run(o)
      if result.abortReason == nil {
        distilled += 1
        let match = result.keysMatch
        #expect(match, "seed \(seed)")
        #expect(result.report.finalKeyBits > 0)
      } else {
        #expect(result.aliceKey == nil && result.bobKey == nil)
      }
    }
    // A good 5 km link distils a key from 150k pulses essentially always.
    #expect(distilled >= 10)
  }

  @Test("full intercept-resend raises the QBER to its compiled value (≈ 25 %) and aborts")
  func interceptResendAborts() throws {
    var o = bb84ShortOptions(pulses: 200_000)
    o.misalignment = 0
    o.eve = try EavesdropperOption(parsing: "intercept-resend:1")
    let config = try o.makeConfiguration()
    let result = try BB84Session(configuration: config).run()
    guard case .qberTooHigh = result.abortReason else {
      Issue.record("expected a QBER abort, got \(String(describing: result.abortReason))")
      return
    }
    let r = result.report
    #expect(r.aborted && r.abortReason == "qber_too_high" && r.finalKeyBits == 0)
    let expected = try CompiledLink(configuration: config.link).errorRate(intensity: 0)
    #expect(abs(expected - 0.25) < 0.01)
    let m = Double(r.sampleBits)
    let sigma = (expected * (1 - expected) / m).squareRoot()
    let observed = try #require(r.qber)
    #expect(
      abs(observed - expected) < 5 * sigma, "QBER \(observed), expected \(expected) ± \(sigma)")
    // Eve's basis is right half the time and she then knows the bit: I(A;E) = 1/2 bit.
    #expect(abs(r.eveInformationPerSiftedBit - 0.5) < 0.05)
  }

  @Test("a finite-size run that is too short ends with no_secret_key, not a wrong key")
  func finiteSizeShortRunHasNoKey() throws {
    let result = try bb84Run(bb84ShortOptions(pulses: 200_000, finiteSize: true))
    guard case .noSecretKey(let length) = result.abortReason else {
      Issue.record("expected no_secret_key, got \(String(describing: result.abortReason))")
      return
    }
    #expect(length < 1)
    #expect(result.report.keyLengthBound == length)
  }

  @Test("too few pulses abort with too_few_sifted_bits")
  func tooFewPulses() throws {
    let result = try bb84Run(bb84ShortOptions(pulses: 2_000, distanceKm: 50))
    guard case .tooFewSiftedBits = result.abortReason else {
      Issue.record("expected too_few_sifted_bits, got \(String(describing: result.abortReason))")
      return
    }
    #expect(result.report.abortReason == "too_few_sifted_bits")
  }

  @Test("photon-number splitting is exposed by the decoy states: no single-photon key")
  func photonNumberSplittingIsDetected() throws {
    var o = bb84ShortOptions(pulses: 2_000_000, distanceKm: 60)
    o.eve = try EavesdropperOption(parsing: "pns")
    let result = try bb84Run(o)
    guard case .noSinglePhotonKey = result.abortReason else {
      Issue.record("expected no_single_photon_key, got \(String(describing: result.abortReason))")
      return
    }
    // Eve keeps the signal gain honest, so only the decoy analysis can notice her.
    let honest = try bb84Run(bb84ShortOptions(pulses: 2_000_000, distanceKm: 60))
    let qEve = try #require(result.report.gainSignal)
    let qHonest = try #require(honest.report.gainSignal)
    let n = Double(result.report.pulsesPerIntensity[0])
    #expect(abs(qEve - qHonest) < 5 * (2 * qHonest / n).squareRoot())
    #expect(honest.abortReason == nil)
  }

  @Test("an exhausted Wegman–Carter pool aborts with authentication_key_exhausted")
  func authenticationPoolExhausted() throws {
    var config = try bb84ShortOptions(pulses: 150_000).makeConfiguration()
    config.postProcessing.preSharedKeyBits = WegmanCarterBudget.minimumPoolBits
    let result = try BB84Session(configuration: config).run()
    guard case .authenticationKeyExhausted = result.abortReason else {
      Issue.record("expected key exhaustion, got \(String(describing: result.abortReason))")
      return
    }
    #expect(result.report.authenticationKeyBitsConsumed == WegmanCarterBudget.minimumPoolBits)
  }

  @Test("the exact path keeps a per-pulse transcript and distils identical keys")
  func exactPath() throws {
    var o = bb84ShortOptions(pulses: 4_000, distanceKm: 0)
    o.source = .singlePhoton
    o.detectorEfficiency = 0.8
    o.quantumPath = .exact
    o.authentication = .hmacSHA256
    let result = try bb84Run(o)
    #expect(result.pulseTranscript?.count == 4_000)
    #expect(result.abortReason == nil, "\(result.report.abortDetail ?? "")")
    let match = result.keysMatch
    #expect(match)
    let detected = result.pulseTranscript?.filter { $0.bobBit != nil }.count
    #expect(detected == result.report.detections)
  }

  @Test("progress reaches every stage in order and ends with done")
  func progressStages() throws {
    final class Stages: @unchecked Sendable {
      let lock = NSLock()
      var seen: [BB84Progress.Stage] = []
    }
    let stages = Stages()
    let config = try bb84ShortOptions(pulses: 150_000).makeConfiguration()
    _ = try BB84Session(configuration: config).run { p in
      stages.lock.withLock {
        if stages.seen.last != p.stage { stages.seen.append(p.stage) }
      }
    }
    #expect(stages.seen == BB84Progress.Stage.allCases)
  }
}
