import ClassicalCrypto
import QuantumEngine
import Testing

@testable import QKD

@Suite struct KeyStoreTests {
  @Test func bitsAreNeverHandedOutTwice() throws {
    var rng = Xoshiro256StarStar(seed: 40)
    let key = BitVector(randomCount: 5000, using: &rng)
    var store = KeyStore(key)
    var seen = BitVector([])
    for size in [256, 1, 1000, 743, 2000] {
      #expect(store.position == seen.count)
      seen.append(contentsOf: try store.take(size))
    }
    // Every bit taken is the next unused bit of the key: none repeats, none is skipped.
    #expect(seen == key.slice(0..<seen.count))
    #expect(store.availableBits == key.count - seen.count)
  }

  @Test func insufficientKeyThrowsAndTakesNothing() throws {
    var store = KeyStore(BitVector([Bool](repeating: true, count: 100)))
    #expect(throws: KeyUseError.insufficientKey(requested: 101, available: 100)) {
      try store.take(101)
    }
    #expect(store.availableBits == 100)
    #expect(throws: KeyUseError.negativeLength(-3)) { try store.take(-3) }
  }

  @Test func depositExtendsTheStream() throws {
    var store = KeyStore()
    #expect(store.availableBits == 0)
    store.deposit(BitVector([true, false]))
    store.deposit(BitVector([true]))
    #expect(try store.take(3) == BitVector([true, false, true]))
    #expect(store.depositedBits == 3)
    #expect(store.description.contains("used: 3"))
  }
}
