import ClassicalCrypto
import Testing

@testable import QRNG

struct LongestRunTests {
  /// SP 800-22 section 2.4.8: n = 128, M = 8, ν = (4, 9, 3, 0), χ² = 4.882457, p = 0.180609.
  @Test func reproducesSection2_4Example() throws {
    let bits = bitVector(
      "11001100000101010110110001001100111000000000001001"
        + "00110101010001000100111101011010000000110101111100"
        + "1100111001101101100010110010")
    #expect(bits.count == 128)
    let result = try RandomnessTests.longestRunOfOnes(bits)
    #expect(abs(result.statistic - 4.882457) < 1e-4)
    #expect(abs(result.pValue - 0.180609) < 1e-4)
  }

  /// The exact category probabilities match the four-digit tables of section 3.4 for M = 8 and
  /// 128; the M = 10^4 table is an approximation good to about 2·10^-3.
  @Test func categoryProbabilitiesMatchTheDocumentTable() {
    let m8 = RandomnessTests.longestRunCategoryProbabilities(blockLength: 8, low: 1, high: 4)
    for (a, b) in zip(m8, [0.2148, 0.3672, 0.2305, 0.1875]) { #expect(abs(a - b) < 1e-4) }
    let m128 = RandomnessTests.longestRunCategoryProbabilities(blockLength: 128, low: 4, high: 9)
    for (a, b) in zip(m128, [0.1174, 0.2430, 0.2493, 0.1752, 0.1027, 0.1124]) {
      #expect(abs(a - b) < 1e-4)
    }
    let m10k = RandomnessTests.longestRunCategoryProbabilities(
      blockLength: 10_000, low: 10, high: 16)
    for (a, b) in zip(m10k, [0.0882, 0.2092, 0.2483, 0.1933, 0.1208, 0.0675, 0.0727]) {
      #expect(abs(a - b) < 2e-3)
    }
    #expect(abs(m10k.reduce(0, +) - 1) < 1e-12)
  }
}
