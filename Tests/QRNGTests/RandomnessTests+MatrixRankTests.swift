import ClassicalCrypto
import Testing

@testable import QRNG

struct MatrixRankTests {
  /// SP 800-22 section 2.5.4: ε = 01011001001010101101 as two 3×3 matrices (ranks 2 and 3),
  /// scored with the 32×32 probabilities as the document does: p = 0.741948.
  @Test func reproducesSection2_5Example() {
    let result = RandomnessTests.matrixRank(
      bitVector("01011001001010101101"), rows: 3, columns: 3,
      probabilities: [0.2888, 0.5776, 0.1336], significance: 0.01)
    #expect(abs(result.pValue - 0.741948) < 1e-6)
  }

  @Test func rankProbabilitiesMatchSection3_5() {
    let p = RandomnessTests.rankProbabilities(rows: 32, columns: 32)
    #expect(abs(p[0] - 0.2888) < 1e-4)
    #expect(abs(p[1] - 0.5776) < 1e-4)
    #expect(abs(p[2] - 0.1336) < 1e-4)
  }

  @Test func gf2RankOfKnownMatrices() {
    var identity: [UInt64] = (0..<32).map { 1 << UInt64($0) }
    #expect(RandomnessTests.gf2Rank(&identity) == 32)
    var dependent: [UInt64] = [0b011, 0b110, 0b101]
    #expect(RandomnessTests.gf2Rank(&dependent) == 2)
  }
}
