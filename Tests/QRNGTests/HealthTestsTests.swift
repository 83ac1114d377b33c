import ClassicalCrypto
import Foundation
import Testing

@testable import QRNG

struct HealthTestsTests {
  /// C = 1 + ⌈20/H⌉ (SP 800-90B section 4.4.1): 21 for H = 1, 41 for H = 0.5.
  @Test func repetitionCountCutoff() throws {
    #expect(try RepetitionCountTest(minEntropyPerBit: 1).cutoff == 21)
    #expect(try RepetitionCountTest(minEntropyPerBit: 0.5).cutoff == 41)
    #expect(try RepetitionCountTest(minEntropyPerBit: 0.3).cutoff == 1 + 67)
  }

  /// The cutoff is CRITBINOM + 1: P(X ≤ C − 2) < 1 − α ≤ P(X ≤ C − 1) for
  /// X ~ Binomial(1024, 2^−H), checked against a direct sum of the binomial tail.
  @Test(arguments: [1.0, 0.8, 0.5, 0.2])
  func adaptiveProportionCutoffIsTheBinomialQuantile(h: Double) throws {
    let test = try AdaptiveProportionTest(minEntropyPerBit: h)
    let p = pow(2, -h)
    func upperTail(_ k: Int) -> Double {  // P(X > k)
      var total = 0.0
      for j in (k + 1)...1024 where j <= 1024 {
        total += exp(
          lgamma(1025) - lgamma(Double(j + 1)) - lgamma(Double(1025 - j)) + Double(j) * log(p)
            + Double(1024 - j) * log1p(-p))
      }
      return total
    }
    let k = test.cutoff - 1
    #expect(upperTail(k) <= pow(2, -20))
    #expect(upperTail(k - 1) > pow(2, -20))
    // The normal approximation lands within a few counts.
    let normal = 1024 * p + 4.753 * (1024 * p * (1 - p)).squareRoot()
    #expect(abs(Double(k) - normal) < 6)
  }

  /// SP 800-90B Table 2 lists 589 for a binary source claiming H = 1.
  @Test func adaptiveProportionCutoffForFullEntropy() throws {
    #expect(try AdaptiveProportionTest(minEntropyPerBit: 1).cutoff == 589)
  }

  @Test func stuckSourceTripsTheRepetitionCountTest() throws {
    var monitor = try HealthMonitor(minEntropyPerBit: 0.9)
    let cutoff = monitor.repetitionCount.cutoff
    let stuck = try BitVector(count: 1000)
    #expect {
      try monitor.check(stuck)
    } throws: { error in
      guard case .healthTestFailure(.repetitionCount(_, let c, let index)) = error as? QRNGError
      else { return false }
      return c == cutoff && index == cutoff - 1
    }
    // Latched: good bits do not clear the failure; reset does.
    #expect(throws: QRNGError.self) { try monitor.check(goodBits(4096, seed: 1)) }
    monitor.reset()
    try monitor.check(goodBits(4096, seed: 1))
  }

  /// A run that straddles word boundaries and calls is still counted as one run.
  @Test func runsAreCarriedAcrossCalls() throws {
    var monitor = try HealthMonitor(minEntropyPerBit: 1)  // cutoff 21
    try monitor.check(bitVector("01" + String(repeating: "1", count: 18)))  // run of 19 ones
    #expect(throws: QRNGError.self) { try monitor.check(bitVector("11")) }
    #expect(monitor.failure?.bitIndex == 21)
  }

  /// Good bits do not trip either test over 10^6 bits checked in odd-sized pieces. (With
  /// α = 2^−20 per bit a full-entropy claim expects about one false alarm per 10^6 bits, so
  /// this uses α = 2^−30, also within SP 800-90B's range 2^−20…2^−40.)
  @Test func goodSourcePasses() throws {
    var monitor = try HealthMonitor(minEntropyPerBit: 1, falsePositiveExponent: 30)
    let bits = goodBits(1_000_000, seed: 9)
    var start = 0
    var size = 1
    while start < bits.count {
      let end = min(bits.count, start + size)
      try monitor.check(bits.slice(start..<end))
      start = end
      size = size * 3 % 9973 + 1
    }
    #expect(monitor.bitsChecked == 1_000_000)
  }

  /// A source that is 70 % ones, claimed to have full entropy, trips the adaptive proportion
  /// test within a few windows (≈ 717 of 1024 against a cutoff of 589 + 29 at α = 2^−40).
  @Test func biasedSourceTripsTheAdaptiveProportionTest() throws {
    var monitor = try HealthMonitor(minEntropyPerBit: 1, falsePositiveExponent: 40)
    let biased = bernoulliBits(20_000, p: 0.7, seed: 4)
    #expect {
      try monitor.check(biased)
    } throws: { error in
      guard case .healthTestFailure(.adaptiveProportion) = error as? QRNGError else {
        return false
      }
      return true
    }
  }

  /// The word-level monitor agrees with a bit-by-bit transcription of SP 800-90B 4.4.
  @Test(arguments: [0.5, 0.62, 0.75])
  func monitorMatchesBitByBitReference(p: Double) throws {
    let h = 0.8
    let bits = bernoulliBits(50_000, p: p, seed: UInt64(p * 100))
    var monitor = try HealthMonitor(minEntropyPerBit: h)
    var observed: Int? = nil
    do { try monitor.check(bits) } catch { observed = monitor.failure?.bitIndex }
    let rct = monitor.repetitionCount.cutoff
    let apt = monitor.adaptiveProportion.cutoff
    var expected: Int? = nil
    var a = bits[0]
    var b = 1
    var windowA = bits[0]
    var windowCount = 1
    for i in 1..<bits.count {
      if bits[i] == a {
        b += 1
        if b >= rct {
          expected = i
          break
        }
      } else {
        a = bits[i]
        b = 1
      }
      if i % 1024 == 0 {
        windowA = bits[i]
        windowCount = 1
      } else if bits[i] == windowA {
        windowCount += 1
        if windowCount >= apt {
          expected = i
          break
        }
      }
    }
    #expect(observed == expected)
  }
}
