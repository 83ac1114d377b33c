import Foundation
import QuantumEngine
import Testing

@testable import QKD

@Suite struct PrivacyAmplificationTests {
  let security = SecurityParameters(epsilonPE: 1e-10, epsilonPA: 1e-10, epsilonCor: 1e-15)

  @Test func lengthFollowsTheLeftoverHashLemma() throws {
    let bound = try PrivacyAmplification.lengthBound(
      singlePhotonBits: 100_000, phaseErrorUpperBound: 0.03, leakedBits: 20_000,
      security: security)
    let expected =
      100_000 * (1 - binaryEntropy(0.03)) - 20_000 - log2(2 / 1e-15) - 2 * log2(1 / 2e-10)
    #expect(abs(bound - expected) < 1e-6)
    let length = try PrivacyAmplification.secretKeyLength(
      keyBits: 100_000, qberUpperBound: 0.03, leakedBits: 20_000, security: security)
    #expect(length == Int(expected.rounded(.down)))
    #expect(abs(security.epsilonTotal - (2e-10 + 1e-15)) < 1e-25)
  }

  @Test func noKeyAbortsWithReason() throws {
    do {
      _ = try PrivacyAmplification.secretKeyLength(
        keyBits: 10_000, qberUpperBound: 0.10, leakedBits: 6_000, security: security)
      Issue.record("expected an abort")
    } catch {
      guard case .aborted(.noSecretKey(let length)) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(length < 0)
    }
  }

  @Test func decoyLengthCountsOnlySinglePhotonBits() throws {
    let model = try StandardChannelModel(link: .gobbyYuanShields(distanceKm: 25))
    let m = DecoyMeasurement(
      signalIntensity: 0.5, decoyIntensity: 0.05, signalGain: model.gain(intensity: 0.5),
      signalErrorRate: model.errorRate(intensity: 0.5), decoyGain: model.gain(intensity: 0.05),
      decoyErrorRate: model.errorRate(intensity: 0.05), vacuumYield: model.yield(photons: 0))
    let decoy = try DecoyStateEstimation.estimate(m)
    let n = 1_000_000
    let leak = Int(1.1 * Double(n) * binaryEntropy(m.signalErrorRate))
    let length = try PrivacyAmplification.secretKeyLength(
      keyBits: n, decoy: decoy, signalGain: m.signalGain, leakedBits: leak, security: security)
    let fraction = decoy.singlePhotonGainLowerBound / m.signalGain
    #expect(fraction > 0.5 && fraction < 1)
    let n1 = Double(n) * fraction
    #expect(length <= Int(n1 * (1 - binaryEntropy(decoy.singlePhotonErrorUpperBound))) - leak)
    #expect(length > 0)
    var hopeless = decoy
    hopeless.singlePhotonYieldLowerBound = 0
    #expect(throws: PostProcessingError.self) {
      try PrivacyAmplification.secretKeyLength(
        keyBits: n, decoy: hopeless, signalGain: m.signalGain, leakedBits: leak,
        security: security)
    }
  }

  @Test func amplifyProducesRequestedLength() throws {
    let (key, _) = correlatedKeys(length: 4_096, qber: 0, seed: 1)
    var g1 = Xoshiro256StarStar(seed: 5)
    var g2 = Xoshiro256StarStar(seed: 5)
    let a = try PrivacyAmplification.amplify(key, outputLength: 1_000, using: &g1)
    let b = try PrivacyAmplification.amplify(key, outputLength: 1_000, using: &g2)
    #expect(a.key.count == 1_000 && a.seed.count == 4_096 + 1_000 - 1)
    #expect(a.key == b.key)
    #expect(throws: PostProcessingError.self) {
      try PrivacyAmplification.amplify(key, outputLength: 5_000, using: &g1)
    }
  }

  @Test func badSecurityParametersAreRejected() {
    #expect(throws: PostProcessingError.self) {
      try SecurityParameters(epsilonPE: 0).validated()
    }
    #expect(throws: PostProcessingError.self) {
      try SecurityParameters(epsilonCor: .nan).validated()
    }
  }
}
