import Foundation
import Photonics
import Testing

@testable import QKD

@Suite struct E91SessionTests {
  @Test("an ideal source gives S = 2√2 within its statistical error and identical keys")
  func idealSource() throws {
    let result = try e91Run(e91Options(seed: 3))
    let r = result.report
    #expect(!r.aborted, "\(r.abortDetail ?? "")")
    let s = try #require(r.chshS)
    let sigma = try #require(r.chshSigma)
    #expect(sigma > 0 && sigma < 0.05)
    #expect(abs(s - e91Tsirelson) < 5 * sigma)
    #expect(abs(try #require(r.theoryChshS) - e91Tsirelson) < 1e-9)
    #expect(r.qber == 0)
    #expect(r.finalKeyBits > 0)
    #expect(result.keysMatch)
    // Ekert settings: 2 of 9 setting pairs give key, 4 of 9 the test.
    #expect(e91WithinBinomial(Double(r.siftedBits) / Double(r.pairs), 2.0 / 9, n: r.pairs))
    #expect(e91WithinBinomial(Double(r.testCoincidences) / Double(r.pairs), 4.0 / 9, n: r.pairs))
  }

  @Test("visibility V gives S = 2√2·V", arguments: [0.95, 0.85, 0.7])
  func visibilityScalesS(visibility v: Double) throws {
    let r = try e91Run(e91Options(seed: 5, visibility: v)).report
    let s = try #require(r.chshS)
    let sigma = try #require(r.chshSigma)
    #expect(abs(s - e91Tsirelson * v) < 5 * sigma)
    #expect(abs(try #require(r.theoryChshS) - e91Tsirelson * v) < 1e-9)
  }

  @Test("the matched-setting QBER is (1 − V)/2 composed with both stations' misalignment")
  func qberFromVisibilityAndMisalignment() throws {
    let v = 0.96
    let ed = 0.02
    let r = try e91Run(e91Options(seed: 7, pairs: 80_000, visibility: v, misalignment: ed)).report
    // Reconciliation ran, so the QBER counts every error of the sample and the key.
    #expect(r.reconciledBits != nil, "\(r.abortDetail ?? "")")
    // Each station sends a photon to the wrong detector with probability e_d: the bits differ
    // by an extra flip with probability 2e_d(1 − e_d).
    let flip = 2 * ed * (1 - ed)
    let base = (1 - v) / 2
    let expected = base * (1 - flip) + (1 - base) * flip
    #expect(abs(try #require(r.theoryQber) - expected) < 1e-9)
    let n = r.sampleBits + (r.reconciledBits ?? 0)
    #expect(e91WithinBinomial(try #require(r.qber), expected, n: n))
  }

  @Test("dark counts add errors as the compiled tables predict")
  func qberWithDarkCounts() throws {
    let r = try e91Run(
      e91Options(seed: 8, pairs: 80_000, visibility: 0.97, darkCount: 0.01, efficiency: 0.6)
    ).report
    let theory = try #require(r.theoryQber)
    // Uncorrelated dark clicks raise the QBER above (1 − V)/2.
    #expect(theory > 0.015 + 0.001)
    let n = r.sampleBits + (r.reconciledBits ?? 0)
    #expect(e91WithinBinomial(try #require(r.qber), theory, n: n))
  }

  @Test(
    "intercept-resend on every pair destroys the Bell violation and aborts",
    arguments: ["intercept-resend:1", "intercept-resend:1:alice", "intercept-resend:1:bob:hv"])
  func interceptResendAborts(eve: String) throws {
    let option = try E91EavesdropperOption(parsing: eve)
    let result = try e91Run(e91Options(seed: 11, eve: option))
    let r = result.report
    let s = try #require(r.chshS)
    let sigma = try #require(r.chshSigma)
    #expect(try #require(r.theoryChshS) <= 2 + 1e-9)
    #expect(s <= 2 + 5 * sigma)
    #expect(r.aborted)
    #expect(r.abortReason == "bell_violation_too_weak")
    #expect(
      result.abortReason
        == .bellViolationTooWeak(
          s: s, sigma: sigma, requiredStandardDeviations: 3))
    #expect(result.aliceKey == nil && result.bobKey == nil)
    #expect(r.finalKeyBits == 0)
  }

  @Test("random-basis intercept-resend on all pairs halves every correlation: S = √2")
  func interceptResendRandomGivesRootTwo() throws {
    let option = try E91EavesdropperOption(parsing: "intercept-resend:1")
    let r = try e91Run(e91Options(seed: 12, eve: option)).report
    #expect(abs(try #require(r.theoryChshS) - 2.0.squareRoot()) < 1e-9)
    #expect(abs(try #require(r.chshS) - 2.0.squareRoot()) < 5 * (try #require(r.chshSigma)))
  }

  @Test("keys are identical whenever the run does not abort, across seeds and noise")
  func keysIdenticalAcrossSeeds() throws {
    var distilled = 0
    for seed in UInt64(20)..<UInt64(24) {
      let v = [1.0, 0.97, 0.95, 0.93][Int(seed - 20)]
      let result = try e91Run(
        e91Options(
          seed: seed, pairs: 40_000, visibility: v, misalignment: 0.01, darkCount: 1e-4,
          efficiency: 0.8))
      if result.report.aborted {
        #expect(result.aliceKey == nil)
        continue
      }
      distilled += 1
      #expect(result.keysMatch)
      #expect(result.aliceKey?.count == result.report.netKeyBits)
      #expect(result.report.finalKeyBits <= Int(result.report.keyLengthBoundDeviceIndependent ?? 0))
    }
    #expect(distilled >= 3)
  }

  @Test("the report does not depend on the thread count; the seed fixes it")
  func deterministicAcrossThreads() throws {
    let options = e91Options(seed: 31, pairs: 50_000, visibility: 0.97)
    let one = try e91Run(options, threads: 1)
    let two = try e91Run(options, threads: 2)
    #expect(one.report == two.report)
    #expect(one.aliceKey == two.aliceKey)
    let other = try e91Run(e91Options(seed: 32, pairs: 50_000, visibility: 0.97), threads: 2)
    #expect(other.report != one.report)
  }

  @Test("the BBM92 bound can be chosen; both bounds are always reported")
  func bbm92Bound() throws {
    var o = e91Options(seed: 41, visibility: 0.97)
    o.keyLengthBound = .bbm92
    let r = try e91Run(o).report
    #expect(!r.aborted, "\(r.abortDetail ?? "")")
    let bbm = try #require(r.keyLengthBoundBBM92)
    let di = try #require(r.keyLengthBoundDeviceIndependent)
    #expect(r.finalKeyBits == Int(bbm.rounded(.down)))
    #expect(di.isFinite)
    #expect(r.keyLengthBound == "bbm92")
    // Trusting the devices gives the higher asymptotic rate.
    #expect(try #require(r.keyRateBBM92) > (try #require(r.keyRateDeviceIndependent)))
  }

  @Test("too few pairs abort with a typed reason, not a trap")
  func tooFewPairs() throws {
    let r = try e91Run(e91Options(pairs: 50)).report
    #expect(r.aborted)
    #expect(r.abortReason == "too_few_test_coincidences" || r.abortReason == "too_few_sifted_bits")
  }

  @Test("the exact path distils identical keys and keeps a per-gate transcript")
  func exactPath() throws {
    var o = e91Options(seed: 51, pairs: 12_000, visibility: 0.98)
    o.quantumPath = .exact
    o.finiteSizeBounds = false
    let result = try e91Run(o)
    #expect(result.pairTranscript?.count == 12_000)
    #expect(!result.report.aborted, "\(result.report.abortDetail ?? "")")
    #expect(result.keysMatch)
  }

  @Test("the JSON report carries the required snake_case keys, null before a stage is reached")
  func jsonKeys() throws {
    let aborted = try e91Run(e91Options(pairs: 50)).report
    let data = try JSONEncoder().encode(aborted)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for key in [
      "chsh_s", "chsh_sigma", "qber", "sifted_bits", "final_key_bits", "aborted", "abort_reason",
      "key_length_bound_device_independent", "key_length_bound_bbm92", "pairs", "coincidences",
    ] {
      #expect(object.keys.contains(key), "missing \(key)")
    }
    #expect(object["qber"] is NSNull)
    #expect(object["aborted"] as? Bool == true)
    let decoded = try JSONDecoder().decode(E91Report.self, from: data)
    #expect(decoded == aborted)
  }
}
