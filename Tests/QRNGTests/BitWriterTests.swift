import ClassicalCrypto
import Testing

@testable import QRNG

struct BitWriterTests {
  /// Appending pieces of awkward lengths gives the same bits as appending bit by bit.
  @Test func appendsAtAnyAlignment() {
    let source = goodBits(1000, seed: 31)
    var writer = BitWriter()
    var reference = BitVector([])
    var start = 0
    for length in [1, 63, 64, 65, 7, 128, 200, 0, 472] {
      let piece = source.slice(start..<(start + length))
      writer.append(piece)
      reference.append(contentsOf: piece)
      start += length
    }
    #expect(writer.bitVector == reference)
    #expect(writer.count == 1000)
  }

  @Test func wordSliceMatchesBitSlice() {
    let bits = goodBits(777, seed: 32)
    for (lo, hi) in [(0, 777), (1, 2), (63, 130), (64, 128), (100, 777), (700, 900), (5, 5)] {
      #expect(wordSlice(bits, lo..<hi) == bits.slice(lo..<hi))
    }
  }
}
