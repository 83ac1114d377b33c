import Testing

@testable import ClassicalCrypto

@Suite struct PolynomialHashTests {
  @Test func tableMultiplicationMatchesBitwiseReference() {
    var rng = SplitMix64(seed: 10)
    for _ in 0..<50 {
      let k = rng.next()
      let table = GF2x64Multiplier(k)
      for _ in 0..<20 {
        let a = rng.next()
        #expect(table.multiply(a) == GF2x64.multiply(a, k))
      }
    }
    // x^63 · x = x^64 = x^4 + x^3 + x + 1.
    #expect(GF2x64.multiply(1 << 63, 2) == 0x1B)
    #expect(GF2x64.multiply(0xDEAD_BEEF, 1) == 0xDEAD_BEEF)
  }

  @Test func fieldMultiplicationIsCommutativeAndDistributive() {
    var rng = SplitMix64(seed: 11)
    for _ in 0..<100 {
      let a = rng.next()
      let b = rng.next()
      let c = rng.next()
      #expect(GF2x64.multiply(a, b) == GF2x64.multiply(b, a))
      #expect(GF2x64.multiply(a, b ^ c) == GF2x64.multiply(a, b) ^ GF2x64.multiply(a, c))
    }
  }

  @Test func hashMatchesHornerDefinition() {
    let key: UInt64 = 0x0123_4567_89AB_CDEF
    let h = PolynomialHash(key: key)
    let message: [UInt8] = Array(0..<20)
    var blocks: [UInt64] = [0, 0, 0]
    for (i, b) in message.enumerated() { blocks[i / 8] |= UInt64(b) << UInt64(8 * (i % 8)) }
    blocks.append(UInt64(message.count * 8))
    var acc: UInt64 = 0
    for block in blocks { acc = GF2x64.multiply(acc ^ block, key) }
    #expect(h.hash(message) == acc)
  }

  @Test func bytesAndBitVectorAgreeAndLengthMatters() throws {
    var rng = SplitMix64(seed: 12)
    let h = PolynomialHash(using: &rng)
    let bits = BitVector(randomCount: 1024, using: &rng)
    #expect(h.hash(bits) == h.hash(bits.bytes))
    // Trailing zero bits change the length block and so the hash.
    var longer = bits
    longer.append(false)
    #expect(h.hash(longer) != h.hash(bits))
    #expect(h.hash([0]) != h.hash([0, 0]))
  }

  @Test func singleBitErrorsAreDetected() throws {
    // A key that differs in one bit must give a different hash: the difference is m·k^j ≠ 0.
    var rng = SplitMix64(seed: 13)
    let key = BitVector(randomCount: 100_000, using: &rng)
    for trial in 0..<20 {
      let h = PolynomialHash(using: &rng)
      var bob = key
      bob.flip((trial * 4999) % key.count)
      #expect(h.hash(bob) != h.hash(key))
    }
  }

  @Test func collisionProbabilityFollowsTheLength() {
    #expect(PolynomialHash.collisionProbability(bitLength: 0) == 1 / 0x1p64)
    #expect(PolynomialHash.collisionProbability(bitLength: 64) == 2 / 0x1p64)
    #expect(PolynomialHash.collisionProbability(bitLength: 65) == 3 / 0x1p64)
    #expect(PolynomialHash.collisionProbability(bitLength: 1_000_000) == 15_626 / 0x1p64)
  }

  @Test func descriptionIsRedacted() {
    #expect(!PolynomialHash(key: 0xABCD).description.contains("abcd"))
    #expect(!PolynomialHash(key: 0xABCD).description.contains("43981"))
  }
}
