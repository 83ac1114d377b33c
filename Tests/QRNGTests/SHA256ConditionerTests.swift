import ClassicalCrypto
import Testing

@testable import QRNG

struct SHA256ConditionerTests {
  /// n_in = ⌈(256 + 64)/H⌉ rounded up to bytes: 320 for H = 1, 640 for H = 0.5, 360 for 0.9.
  @Test func blockLengthCarriesTheFullEntropyMargin() throws {
    #expect(try SHA256Conditioner(minEntropyPerBit: 1).inputLength == 320)
    #expect(try SHA256Conditioner(minEntropyPerBit: 0.5).inputLength == 640)
    #expect(try SHA256Conditioner(minEntropyPerBit: 0.9).inputLength == 360)
  }

  /// With 64 bits of margin the SP 800-90B output-entropy formula gives essentially 256 bits;
  /// with exactly 256 bits of input entropy it gives less (the formula's ω term), and with
  /// half that, at most the input's 128.
  @Test func outputEntropyFollowsSection3_1_5_1_2() throws {
    #expect(try SHA256Conditioner(minEntropyPerBit: 0.9).outputEntropy > 255.99)
    let exact = SHA256Conditioner.outputEntropy(
      inputBits: 256, outputBits: 256, narrowestWidth: 256, inputEntropy: 256)
    #expect(exact < 256 && exact > 250)
    let half = SHA256Conditioner.outputEntropy(
      inputBits: 256, outputBits: 256, narrowestWidth: 256, inputEntropy: 128)
    #expect(half <= 128 + 1e-9 && half > 127)
  }

  /// Each output block is SHA-256 of the block's bytes, bits least significant first.
  @Test func outputIsTheDigestOfEachBlock() throws {
    let conditioner = try SHA256Conditioner(minEntropyPerBit: 1)
    let raw = goodBits(3 * 320 + 17, seed: 6)
    let out = try conditioner.condition(raw, threads: 2)
    #expect(out.count == 3 * 256)
    for b in 0..<3 {
      let bytes = raw.slice(b * 320..<(b + 1) * 320).bytes
      let digest = try SHA256.hash(bytes)
      #expect(out.slice(b * 256..<(b + 1) * 256).bytes == digest)
    }
    #expect(try conditioner.condition(raw, threads: 1) == out)
  }

  @Test func invalidEntropyThrows() {
    #expect(throws: QRNGError.self) { try SHA256Conditioner(minEntropyPerBit: 0) }
    #expect(throws: QRNGError.self) { try SHA256Conditioner(minEntropyPerBit: .nan) }
  }
}
