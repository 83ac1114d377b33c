import ClassicalCrypto
import Testing

@Suite struct WegmanCarterTests {
  func pools(bits: Int, seed: UInt64) -> (KeyPool, KeyPool) {
    var rng = SplitMix64(seed: seed)
    let key = BitVector(randomCount: bits, using: &rng)
    return (KeyPool(key), KeyPool(key))
  }

  @Test func honestMessagesVerifyAndConsumeKey() throws {
    var (alice, bob) = pools(bits: 1280, seed: 30)
    for i in 0..<10 {
      let message = Array("sifting bases, round \(i)".utf8)
      let tag = try WegmanCarter.tag(for: message, using: &alice)
      #expect(try WegmanCarter.verify(tag, for: message, using: &bob))
    }
    #expect(alice.consumedBits == 10 * WegmanCarter.keyBitsPerTag)
    #expect(bob.consumedBits == alice.consumedBits)
  }

  @Test func alteredMessagesAndForgedTagsAreRejected() throws {
    var rng = SplitMix64(seed: 31)
    var (alice, bob) = pools(bits: 128 * 400, seed: 32)
    var rejected = 0
    for _ in 0..<200 {
      var message = [UInt8](repeating: 0, count: 100)
      for i in message.indices { message[i] = UInt8(truncatingIfNeeded: rng.next()) }
      let tag = try WegmanCarter.tag(for: message, using: &alice)
      var altered = message
      altered[Int(rng.next() % 100)] ^= UInt8(1 + rng.next() % 255)
      if try !WegmanCarter.verify(tag, for: altered, using: &bob) { rejected += 1 }
      // An injected message with a guessed tag on the next key bits.
      _ = try WegmanCarter.tag(for: message, using: &alice)
      let forged = WegmanCarter.Tag(value: rng.next(), epsilon: tag.epsilon)
      if try !WegmanCarter.verify(forged, for: message, using: &bob) { rejected += 1 }
    }
    // Each forgery succeeds with probability ≤ 14/2^64: all 400 must fail.
    #expect(rejected == 400)
  }

  @Test func desynchronisedPoolsRejectEvenTheTrueMessage() throws {
    var (alice, bob) = pools(bits: 512, seed: 33)
    let message = Array("parity of block 3".utf8)
    _ = try WegmanCarter.tag(for: Array("dropped".utf8), using: &alice)
    let tag = try WegmanCarter.tag(for: message, using: &alice)
    #expect(try !WegmanCarter.verify(tag, for: message, using: &bob))
  }

  @Test func exhaustedPoolThrows() throws {
    var pool = KeyPool(BitVector([Bool](repeating: true, count: 200)))
    _ = try WegmanCarter.tag(for: [1], using: &pool)
    #expect(throws: KeyPoolError.exhausted(requested: 128, available: 72)) {
      try WegmanCarter.tag(for: [1], using: &pool)
    }
    #expect(pool.availableBits == 72)
  }

  @Test func epsilonIsStatedPerTag() throws {
    var (alice, _) = pools(bits: 256, seed: 34)
    let tag = try WegmanCarter.tag(for: [UInt8](repeating: 1, count: 80), using: &alice)
    #expect(tag.epsilon == 11 / 0x1p64)
    #expect(WegmanCarter.forgeryProbability(messageByteCount: 80) == tag.epsilon)
  }
}
