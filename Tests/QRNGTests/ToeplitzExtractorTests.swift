import ClassicalCrypto
import Foundation
import Testing

@testable import QRNG

struct ToeplitzExtractorTests {
  /// m = ⌊n·H − 2 log2(1/ε)⌋: 4096·0.5 − 2·40 = 1968 for ε = 2^−40; no output when n·H ≤ 80.
  @Test func outputLengthFollowsTheLeftoverHashLemma() {
    #expect(
      ToeplitzExtractor.outputLength(inputLength: 4096, minEntropyPerBit: 0.5, epsilon: 0x1p-40)
        == 1968)
    #expect(
      ToeplitzExtractor.outputLength(inputLength: 200, minEntropyPerBit: 0.5, epsilon: 0x1p-40)
        == 20)
    #expect(
      ToeplitzExtractor.outputLength(inputLength: 100, minEntropyPerBit: 0.5, epsilon: 0x1p-40)
        == 0)
  }

  /// Each block's output is the Toeplitz product T·x, checked against the dense reference.
  @Test func blocksAreHashedIndependentlyWithTheSharedSeed() throws {
    var rng = SplitMixForTests(state: 1)
    let extractor = try ToeplitzExtractor(
      inputLength: 2048, minEntropyPerBit: 0.8, epsilon: 1e-6, using: &rng)
    let raw = goodBits(3 * 2048 + 100, seed: 2)
    let out = try extractor.extract(raw, threads: 2)
    let m = extractor.outputLength
    #expect(out.count == 3 * m)
    for b in 0..<3 {
      let expected = try extractor.hash.denseHash(raw.slice(b * 2048..<(b + 1) * 2048))
      #expect(out.slice(b * m..<(b + 1) * m) == expected)
    }
    #expect(try extractor.extract(raw, threads: 1) == out)
  }

  /// A source that is 75 % ones (H = −log2 0.75 ≈ 0.415) hashed at that entropy passes the
  /// frequency and runs tests, which the raw bits fail.
  @Test func removesBiasFromABiasedSource() throws {
    let h = -log2(0.75) * 0.95
    var rng = SplitMixForTests(state: 3)
    let extractor = try ToeplitzExtractor(
      inputLength: 8192, minEntropyPerBit: h, epsilon: 1e-9, using: &rng)
    let raw = bernoulliBits(8192 * 40, p: 0.75, seed: 21)
    #expect(try !RandomnessTests.frequency(raw).passed)
    let out = try extractor.extract(raw)
    #expect(try RandomnessTests.frequency(out).passed)
    #expect(try RandomnessTests.runs(out).passed)
  }

  @Test func invalidSizingThrows() {
    var rng = SplitMixForTests(state: 4)
    #expect(throws: QRNGError.self) {
      try ToeplitzExtractor(inputLength: 64, minEntropyPerBit: 0.5, epsilon: 1e-12, using: &rng)
    }
    #expect(throws: QRNGError.self) {
      try ToeplitzExtractor(inputLength: 4096, minEntropyPerBit: 1.5, epsilon: 1e-12, using: &rng)
    }
    #expect(throws: QRNGError.self) {
      try ToeplitzExtractor(
        inputLength: 4096, minEntropyPerBit: 0.5, epsilon: 1e-12, seed: BitVector([true]))
    }
  }
}
