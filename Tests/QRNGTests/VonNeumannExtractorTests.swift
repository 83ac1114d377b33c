import ClassicalCrypto
import Testing

@testable import QRNG

struct VonNeumannExtractorTests {
  @Test func pairsMapAsVonNeumannDescribed() {
    // Pairs 01 10 00 11 10 | 1 (unpaired) → 0 1 1.
    let out = VonNeumannExtractor.extract(bitVector("01100011101"))
    #expect(out == bitVector("011"))
  }

  @Test func alternatingInputKeepsEveryPairAcrossWords() {
    let raw = BitVector((0..<1000).map { $0 % 2 == 0 })  // "1010…": every pair is "10"
    let out = VonNeumannExtractor.extract(raw)
    #expect(out.count == 500)
    #expect(out.popcount == 500)
  }

  /// A Bernoulli(0.8) stream becomes unbiased at rate p(1 − p) = 0.16 per input bit.
  @Test func removesBiasOfIndependentBits() {
    let n = 400_000
    let out = VonNeumannExtractor.extract(bernoulliBits(n, p: 0.8, seed: 8))
    let expectedCount = Double(n) / 2 * 2 * 0.8 * 0.2
    #expect(abs(Double(out.count) - expectedCount) < 5 * (expectedCount).squareRoot())
    let half = Double(out.count) / 2
    #expect(abs(Double(out.popcount) - half) < 5 * (half / 2).squareRoot())
  }
}
