import ClassicalCrypto
import Testing

@Suite struct KeyPoolTests {
  @Test func bitsAreHandedOutOnceInOrder() throws {
    var rng = SplitMix64(seed: 20)
    let key = BitVector(randomCount: 10_000, using: &rng)
    var pool = KeyPool(key)
    var taken = BitVector([])
    for size in [1, 63, 64, 65, 1000, 4096, 3000] {
      taken.append(contentsOf: try pool.consume(size))
    }
    #expect(taken == key.slice(0..<taken.count))
    #expect(pool.consumedBits == taken.count)
    #expect(pool.availableBits == key.count - taken.count)
    let rest = try pool.consume(pool.availableBits)
    #expect(rest == key.slice(taken.count..<key.count))
  }

  @Test func exhaustionThrowsAndConsumesNothing() throws {
    var pool = KeyPool(BitVector([true, false, true]))
    #expect(throws: KeyPoolError.exhausted(requested: 4, available: 3)) {
      try pool.consume(4)
    }
    #expect(pool.availableBits == 3)
    #expect(throws: KeyPoolError.negativeCount(-1)) { try pool.consume(-1) }
    _ = try pool.consume(3)
    #expect(throws: KeyPoolError.exhausted(requested: 64, available: 0)) {
      try pool.consumeWord()
    }
  }

  @Test func replenishingAppendsNewKey() throws {
    var rng = SplitMix64(seed: 21)
    let first = BitVector(randomCount: 100, using: &rng)
    let second = BitVector(randomCount: 200, using: &rng)
    var pool = KeyPool(first)
    _ = try pool.consume(90)
    pool.replenish(with: second)
    #expect(pool.availableBits == 210)
    #expect(pool.depositedBits == 300)
    var expected = first.slice(90..<100)
    expected.append(contentsOf: second)
    #expect(try pool.consume(210) == expected)
  }

  @Test func descriptionIsRedacted() {
    let pool = KeyPool(BitVector([true, true, false, true]))
    #expect(pool.description.contains("available: 4"))
    #expect(!pool.description.contains("true"))
  }
}
