import ClassicalCrypto
import Testing

@testable import QRNG

struct CumulativeSumsTests {
  /// SP 800-22 section 2.13.4: ε = 1011010111, forward z = 4, p = 0.4116588.
  @Test func reproducesSection2_13ShortExample() throws {
    let result = try RandomnessTests.cumulativeSums(bitVector("1011010111"))
    #expect(result.statistic == 4)
    #expect(abs(result.pValues[0] - 0.4116588) < 1e-6)
  }

  /// Section 2.13.8: the 100-bit example: forward z = 16, p = 0.219194; backward z = 19,
  /// p = 0.114866.
  @Test func reproducesSection2_13LongExample() throws {
    let result = try RandomnessTests.cumulativeSums(sp80022Example100)
    #expect(result.statistic == 16)
    #expect(abs(result.pValues[0] - 0.219194) < 1e-6)
    #expect(abs(result.pValues[1] - 0.114866) < 1e-6)
    #expect(RandomnessTests.cumulativeSumsPValue(n: 100, z: 19) == result.pValues[1])
  }
}
