import ClassicalCrypto
import Foundation
import Testing

@testable import QRNG

struct MinEntropyEstimatorsTests {
  /// For a Bernoulli(p) stream the true min-entropy is −log2(max(p, 1 − p)). The MCV estimate
  /// uses a 99 % upper bound on the most likely value, so it lies below the truth, and no
  /// further below than that bound plus a 5σ sampling error; the collision and Markov
  /// estimates agree within their own confidence widths; compression, the most conservative,
  /// stays below the truth.
  @Test(arguments: [0.5, 0.55, 0.7])
  func bernoulliStreamEstimatesBracketTheTruth(p: Double) throws {
    let l = 200_000
    let bits = bernoulliBits(l, p: p, seed: 77)
    let pMax = max(p, 1 - p)
    let truth = -log2(pMax)
    let sigma = (pMax * (1 - pMax) / Double(l)).squareRoot()
    // dH/dp = −1/(p ln 2): a shift of the probability by δ moves H by δ/(p ln 2).
    let slack = (2.576 + 5) * sigma / (pMax * log(2))
    let estimate = try MinEntropyEstimators.estimate(bits)
    #expect(estimate.mostCommonValue <= truth + 1e-12)
    #expect(estimate.mostCommonValue >= truth - slack)
    #expect(abs(estimate.markov - truth) <= slack)
    #expect(estimate.minEntropyPerBit <= estimate.mostCommonValue)
    #expect(estimate.compression <= truth)
    // The collision mean has standard deviation √(var t / v), v ≈ l/2.5 collisions.
    let collisionSlack = 0.2 + slack
    #expect(abs(estimate.collision - truth) <= collisionSlack)
    #expect(estimate.minEntropyPerBit >= truth - 0.25)
  }

  /// Over 20 independent streams the MCV estimate never exceeds the truth (each does so with
  /// probability 0.5 %).
  @Test func mostCommonValueIsAConservativeBound() throws {
    let p = 0.6
    for seed in 0..<20 {
      let bits = bernoulliBits(20_000, p: p, seed: UInt64(seed))
      #expect(try MinEntropyEstimators.mostCommonValue(bits) <= -log2(p))
    }
  }

  /// A correlated source (each bit repeats the previous one with probability 0.8) has
  /// balanced marginals, so MCV sees nearly 1 bit; the Markov estimate sees the correlation:
  /// its most likely 128-bit path has probability ≈ ½·0.8^127, H ≈ 0.33.
  @Test func markovSeesCorrelation() throws {
    var rng = SplitMixForTests(state: 5)
    var bools = [Bool]()
    var current = false
    for _ in 0..<100_000 {
      if Double(rng.next() >> 11) * 0x1p-53 >= 0.8 { current.toggle() }
      bools.append(current)
    }
    let bits = BitVector(bools)
    #expect(try MinEntropyEstimators.mostCommonValue(bits) > 0.95)
    let markov = try MinEntropyEstimators.markov(bits)
    let expected = -(log2(0.5) + 127 * log2(0.8)) / 128
    #expect(abs(markov - expected) < 0.02)
    #expect(try MinEntropyEstimators.estimate(bits).minEntropyPerBit <= markov)
  }

  @Test func stuckStreamHasNoEntropy() throws {
    let estimate = try MinEntropyEstimators.estimate(try BitVector(count: 10_000))
    #expect(estimate.minEntropyPerBit < 1e-3)
  }

  @Test func shortStreamThrows() {
    #expect(throws: QRNGError.self) { try MinEntropyEstimators.estimate(goodBits(100, seed: 1)) }
  }
}
