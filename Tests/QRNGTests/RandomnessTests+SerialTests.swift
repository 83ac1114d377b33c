import ClassicalCrypto
import Testing

@testable import QRNG

struct SerialTests {
  /// SP 800-22 section 2.11.4: ε = 0011011101, m = 3: ψ²_3 = 2.8, ψ²_2 = 1.2, ψ²_1 = 0.4,
  /// ∇ψ² = 1.6, ∇²ψ² = 0.8, p_1 = igamc(2, 0.8) = 0.808792, p_2 = igamc(1, 0.4) = 0.670320.
  @Test func serialReproducesSection2_11Example() throws {
    let result = try RandomnessTests.serial(bitVector("0011011101"), patternLength: 3)
    #expect(abs(result.statistic - 1.6) < 1e-9)
    #expect(abs(result.pValues[0] - 0.808792) < 1e-6)
    #expect(abs(result.pValues[1] - 0.670320) < 1e-6)
  }

  /// Section 2.12.4: ε = 0100110101, m = 3: ApEn = 0.190954, χ² = 10.043859,
  /// p = igamc(4, 5.021929) = 0.261961.
  @Test func approximateEntropyReproducesShortExample() throws {
    let result = try RandomnessTests.approximateEntropy(bitVector("0100110101"), blockLength: 3)
    #expect(abs(result.statistic - 10.043859) < 1e-6)
    #expect(abs(result.pValue - 0.261961) < 1e-6)
  }

  /// Section 2.12.8: the 100-bit example with m = 2: χ² = 5.550792, p = 0.235301.
  @Test func approximateEntropyReproducesLongExample() throws {
    let result = try RandomnessTests.approximateEntropy(sp80022Example100, blockLength: 2)
    #expect(abs(result.statistic - 5.550792) < 1e-6)
    #expect(abs(result.pValue - 0.235301) < 1e-6)
  }

  @Test func cyclicPatternCountsWrapAround() {
    // 0011011101 with m = 3: 001 011 110 101 011 111 110 101 010 100 (section 2.11.4 step 2).
    let counts = RandomnessTests.cyclicPatternCounts(bitVector("0011011101"), length: 3)
    #expect(counts == [0, 1, 1, 2, 1, 2, 2, 1])
  }
}
