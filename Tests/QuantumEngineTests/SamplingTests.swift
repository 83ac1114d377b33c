// Sampling.binomial / multinomial / draw / normal / gamma / beta: means, variances and, for small
// n, the whole distribution, within 5σ bounds derived from the number of draws.
import Foundation
import QuantumEngine
import RealModule
import Testing

/// Checks the sample mean and variance of `draws` against `mean` and `variance` of the
/// distribution: the mean within 5σ/√N, the sample variance within 5σ of its own standard error
/// (normal approximation, √(2/(N−1))·variance, widened by the excess kurtosis `kurtosis`).
func expectMoments(
  _ draws: [Double], mean: Double, variance: Double, excessKurtosis: Double = 0,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let n = Double(draws.count)
  let m = draws.reduce(0, +) / n
  let v = draws.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
  let meanBound = 5 * (variance / n).squareRoot() + 1e-12
  #expect(
    abs(m - mean) <= meanBound, "mean \(m), expected \(mean) ± \(meanBound)",
    sourceLocation: sourceLocation)
  let varianceBound = 5 * variance * ((2 + excessKurtosis) / (n - 1)).squareRoot() + 1e-12
  #expect(
    abs(v - variance) <= varianceBound,
    "variance \(v), expected \(variance) ± \(varianceBound)", sourceLocation: sourceLocation)
}

/// The binomial probability mass function, by logarithms.
func binomialPMF(_ n: Int, _ p: Double, _ k: Int) -> Double {
  let logC =
    Double.logGamma(Double(n + 1)) - Double.logGamma(Double(k + 1))
    - Double.logGamma(Double(n - k + 1))
  return Double.exp(logC + Double(k) * Double.log(p) + Double(n - k) * Double.log(onePlus: -p))
}

@Suite struct SamplingTests {
  /// The whole distribution for small n, covering each internal method (geometric skipping for
  /// n·p < 30, the complement for p > 1/2, direct trials for n ≤ 64, the order-statistic split).
  @Test(arguments: [
    (10, 0.3), (50, 0.7), (60, 0.45), (64, 0.5), (200, 0.35), (1000, 0.02), (5000, 0.1),
  ])
  func binomialDistributionForSmallN(n: Int, p: Double) {
    var g = Xoshiro256StarStar(seed: UInt64(n) &* 1000 &+ UInt64(p * 1000))
    let draws = 10_000
    var counts = [Int](repeating: 0, count: n + 1)
    var outOfRange = 0
    for _ in 0..<draws {
      let k = Sampling.binomial(n, p, using: &g)
      if k < 0 || k > n { outOfRange += 1 }
      counts[max(0, min(n, k))] += 1
    }
    #expect(outOfRange == 0)
    for k in 0...n {
      let pk = binomialPMF(n, p, k)
      #expect(
        abs(Double(counts[k]) - Double(draws) * pk) <= fiveSigma(trials: draws, probability: pk),
        "k = \(k): \(counts[k]) vs \(Double(draws) * pk)")
    }
    let asDouble = [Int](0...n).flatMap { k in [Double](repeating: Double(k), count: counts[k]) }
    let kurt = (1 - 6 * p * (1 - p)) / (Double(n) * p * (1 - p))
    expectMoments(
      asDouble, mean: Double(n) * p, variance: Double(n) * p * (1 - p), excessKurtosis: kurt)
  }

  /// Very large n (10^9) with small, middle and extreme p: mean and variance within bounds.
  @Test(arguments: [0.5, 0.3, 1e-7, 0.999_999])
  func binomialMomentsForVeryLargeN(p: Double) {
    var g = Xoshiro256StarStar(seed: UInt64(p * 1e9))
    let n = 1_000_000_000
    let draws = (0..<2000).map { _ in Double(Sampling.binomial(n, p, using: &g)) }
    let variance = Double(n) * p * (1 - p)
    #expect(draws.allSatisfy { $0 >= 0 && $0 <= Double(n) })
    expectMoments(
      draws, mean: Double(n) * p, variance: variance,
      excessKurtosis: (1 - 6 * p * (1 - p)) / variance)
  }

  @Test func binomialEdgeCases() {
    var g = Xoshiro256StarStar(seed: 1)
    #expect(Sampling.binomial(0, 0.5, using: &g) == 0)
    #expect(Sampling.binomial(100, 0, using: &g) == 0)
    #expect(Sampling.binomial(100, 1, using: &g) == 100)
    #expect(Sampling.binomial(1_000_000_000, 1, using: &g) == 1_000_000_000)
    var a = Xoshiro256StarStar(seed: 2)
    var b = Xoshiro256StarStar(seed: 2)
    #expect(
      Sampling.binomial(123_456, 0.4, using: &a) == Sampling.binomial(123_456, 0.4, using: &b))
  }

  /// Rare events: a success probability so small that the geometric gap overflows Int unless it is
  /// capped (the result is 0 with overwhelming probability).
  @Test()
  func binomialWithTinyProbabilityDoesNotTrap() async {
    // In a child process (exit test), so a trap fails this test instead of ending the run.
    await #expect(processExitsWith: .success) {
      var g = Xoshiro256StarStar(seed: 3)
      var total = 0
      for p in [1e-19, 1e-30, 1e-300] {
        for _ in 0..<100 { total += Sampling.binomial(1000, p, using: &g) }
      }
      if total != 0 { exit(1) }
    }
  }

  /// Multinomial counts sum to n; each count is binomial(n, p_i): mean and variance per outcome.
  @Test(arguments: [1000, 1_000_000_000])
  func multinomialMarginals(n: Int) {
    var g = Xoshiro256StarStar(seed: UInt64(n))
    let probabilities = [0.1, 0.25, 0.05, 0.4, 0.2]
    let draws = 1500
    var samples = [[Double]](repeating: [], count: probabilities.count)
    var badTotals = 0
    for _ in 0..<draws {
      let c = Sampling.multinomial(n, probabilities, using: &g)
      if c.reduce(0, +) != n { badTotals += 1 }
      for i in c.indices { samples[i].append(Double(c[i])) }
    }
    #expect(badTotals == 0)
    for (i, p) in probabilities.enumerated() {
      let v = Double(n) * p * (1 - p)
      expectMoments(
        samples[i], mean: Double(n) * p, variance: v, excessKurtosis: (1 - 6 * p * (1 - p)) / v)
    }
    // Unnormalised weights are normalised by their sum.
    let scaled = Sampling.multinomial(n, probabilities.map { $0 * 7 }, using: &g)
    #expect(scaled.reduce(0, +) == n)
    #expect(Sampling.multinomial(n, [0, 1, 0], using: &g) == [0, n, 0])
  }

  @Test func drawFollowsTheWeights() {
    var g = Xoshiro256StarStar(seed: 4)
    let weights = [1.0, 0, 3, 6]  // unnormalised
    let n = 50_000
    var counts = [0, 0, 0, 0]
    for _ in 0..<n { counts[Sampling.draw(weights, using: &g)] += 1 }
    #expect(counts[1] == 0)
    for (i, w) in weights.enumerated() {
      let p = w / 10
      #expect(abs(Double(counts[i]) - Double(n) * p) <= fiveSigma(trials: n, probability: p))
    }
  }

  @Test func normalGammaBetaMoments() {
    var g = Xoshiro256StarStar(seed: 5)
    let n = 20_000
    expectMoments((0..<n).map { _ in Sampling.normal(using: &g) }, mean: 0, variance: 1)
    for shape in [0.5, 1, 7.5] {
      // Gamma(k, 1): mean k, variance k, excess kurtosis 6/k.
      expectMoments(
        (0..<n).map { _ in Sampling.gamma(shape, using: &g) }, mean: shape, variance: shape,
        excessKurtosis: 6 / shape)
    }
    let (a, b) = (2.0, 5.0)
    let betaVariance = a * b / ((a + b) * (a + b) * (a + b + 1))
    expectMoments(
      (0..<n).map { _ in Sampling.beta(a, b, using: &g) }, mean: a / (a + b),
      variance: betaVariance,
      excessKurtosis: -0.12)  // 6[(a−b)²(a+b+1) − ab(a+b+2)] / [ab(a+b+2)(a+b+3)]
  }
}
