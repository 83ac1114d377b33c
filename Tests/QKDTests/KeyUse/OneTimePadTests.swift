import ClassicalCrypto
import QuantumEngine
import Testing

@testable import QKD

@Suite struct OneTimePadTests {
  @Test func roundTripConsumesEightBitsPerByte() throws {
    var rng = Xoshiro256StarStar(seed: 41)
    let key = BitVector(randomCount: 1000, using: &rng)
    var alice = KeyStore(key)
    var bob = KeyStore(key)
    let text = Array("meet at the beam splitter".utf8)
    let sealed = try OneTimePad.encrypt(text, using: &alice)
    #expect(sealed.ciphertext != text)
    #expect(alice.position == 8 * text.count)
    #expect(try OneTimePad.decrypt(sealed, using: &bob) == text)
    // The pad is the key stream itself.
    let pad = key.slice(0..<(8 * text.count)).bytes
    #expect(zip(text, pad).map { $0 ^ $1 } == sealed.ciphertext)
  }

  @Test func consecutiveMessagesUseDisjointPads() throws {
    var rng = Xoshiro256StarStar(seed: 42)
    let key = BitVector(randomCount: 1000, using: &rng)
    var alice = KeyStore(key)
    let zeros = [UInt8](repeating: 0, count: 16)
    let first = try OneTimePad.encrypt(zeros, using: &alice)
    let second = try OneTimePad.encrypt(zeros, using: &alice)
    // Encrypting zeros reveals the pad: the two pads must be different stretches of key.
    #expect(first.ciphertext == key.slice(0..<128).bytes)
    #expect(second.ciphertext == key.slice(128..<256).bytes)
    #expect(second.keyPosition == 128)
  }

  @Test func replayOrSkipIsRefused() throws {
    var rng = Xoshiro256StarStar(seed: 43)
    let key = BitVector(randomCount: 1000, using: &rng)
    var alice = KeyStore(key)
    var bob = KeyStore(key)
    let m1 = try OneTimePad.encrypt([1, 2, 3], using: &alice)
    let m2 = try OneTimePad.encrypt([4, 5, 6], using: &alice)
    #expect(throws: KeyUseError.outOfSync(storePosition: 0, messagePosition: 24)) {
      try OneTimePad.decrypt(m2, using: &bob)
    }
    #expect(try OneTimePad.decrypt(m1, using: &bob) == [1, 2, 3])
    #expect(throws: KeyUseError.outOfSync(storePosition: 24, messagePosition: 0)) {
      try OneTimePad.decrypt(m1, using: &bob)
    }
  }

  @Test func notEnoughKeyThrows() throws {
    var store = KeyStore(BitVector([Bool](repeating: false, count: 20)))
    #expect(throws: KeyUseError.insufficientKey(requested: 24, available: 20)) {
      try OneTimePad.encrypt([1, 2, 3], using: &store)
    }
  }
}
