import Foundation
import QuantumEngine
import Testing

@testable import QKD

@Suite struct ParameterEstimationTests {
  @Test func boundFormulaAndMonotonicity() throws {
    let b = try ParameterEstimation.qberUpperBound(
      sampleErrors: 30, sampleSize: 1_000, remainingBits: 10_000, epsilon: 1e-10)
    let mu = sqrt(11_000.0 / 1e7 * 1_001.0 / 1_000.0 * log(1e10))
    #expect(abs(b - (0.03 + mu)) < 1e-15)
    let larger = try ParameterEstimation.qberUpperBound(
      sampleErrors: 300, sampleSize: 10_000, remainingBits: 10_000, epsilon: 1e-10)
    #expect(larger < b)
  }

  @Test func estimateRemovesSampleAndBoundsTheRest() throws {
    let (alice, bob) = correlatedKeys(length: 50_000, qber: 0.03, seed: 11)
    var generator = Xoshiro256StarStar(seed: 4)
    let result = try ParameterEstimation.estimate(
      alice: alice, bob: bob, sampleSize: 10_000, epsilon: 1e-10, using: &generator)
    #expect(result.aliceKey.count == 40_000 && result.bobKey.count == 40_000)
    #expect(result.sampleIndices.count == 10_000)
    #expect(Set(result.sampleIndices).count == 10_000)
    let sampledErrors = result.sampleIndices.filter { alice[$0] != bob[$0] }.count
    #expect(result.estimate.sampleErrors == sampledErrors)
    // The sample rate is within 5σ of 3 %; the bound lies above the true rest error rate.
    let sigma = sqrt(0.03 * 0.97 / 10_000)
    #expect(abs(result.estimate.observedQBER - 0.03) < 5 * sigma)
    let restRate = Double(try result.aliceKey.hammingDistance(to: result.bobKey)) / 40_000
    #expect(result.estimate.qberUpperBound > restRate)
    #expect(result.estimate.qberUpperBound < 0.11)
  }

  @Test func abortsOnHighQBER() throws {
    let (alice, bob) = correlatedKeys(length: 20_000, qber: 0.25, seed: 2)
    var generator = Xoshiro256StarStar(seed: 1)
    do {
      _ = try ParameterEstimation.estimate(
        alice: alice, bob: bob, sampleSize: 2_000, epsilon: 1e-10, using: &generator)
      Issue.record("a QBER of 25 % must abort")
    } catch {
      guard case .aborted(.qberAboveThreshold(let bound, let threshold)) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(bound > 0.2 && threshold == 0.11)
    }
  }

  @Test func rejectsBadInput() throws {
    let (alice, bob) = correlatedKeys(length: 100, qber: 0.03, seed: 2)
    var generator = Xoshiro256StarStar(seed: 1)
    #expect(throws: PostProcessingError.self) {
      try ParameterEstimation.estimate(
        alice: alice, bob: bob, sampleSize: 100, epsilon: 1e-10, using: &generator)
    }
    #expect(throws: PostProcessingError.self) {
      try ParameterEstimation.estimate(
        alice: alice, bob: bob, sampleSize: 10, epsilon: 0, using: &generator)
    }
    #expect(throws: PostProcessingError.self) {
      try ParameterEstimation.estimate(
        alice: alice, bob: bob.slice(0..<99), sampleSize: 10, epsilon: 1e-3, using: &generator)
    }
    #expect(throws: PostProcessingError.self) {
      try ParameterEstimation.qberUpperBound(
        sampleErrors: 11, sampleSize: 10, remainingBits: 5, epsilon: 0.1)
    }
  }
}
