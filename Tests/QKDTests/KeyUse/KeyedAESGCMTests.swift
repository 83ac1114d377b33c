import ClassicalCrypto
import QuantumEngine
import Testing

@testable import QKD

@Suite struct KeyedAESGCMTests {
  static func stores(bits: Int = 1024) -> (KeyStore, KeyStore, BitVector) {
    var rng = Xoshiro256StarStar(seed: 44)
    let key = BitVector(randomCount: bits, using: &rng)
    return (KeyStore(key), KeyStore(key), key)
  }

  @Test func roundTripUsesAFreshKeyPerMessage() throws {
    var (alice, bob, key) = Self.stores()
    let text = Array("the distilled key at work".utf8)
    let m1 = try KeyedAESGCM.seal(text, associatedData: [1], using: &alice)
    let m2 = try KeyedAESGCM.seal(text, associatedData: [1], using: &alice)
    #expect(m1.keyPosition == 0 && m2.keyPosition == 256)
    #expect(m1.box.ciphertext != m2.box.ciphertext)
    #expect(try KeyedAESGCM.open(m1, associatedData: [1], using: &bob) == text)
    #expect(try KeyedAESGCM.open(m2, associatedData: [1], using: &bob) == text)
    // The first message used key bits 0..<256, the same as sealing directly with them.
    let direct = try AESGCM.seal(
      text, key: SecretBytes(bits: key.slice(0..<256)), nonce: KeyedAESGCM.nonce(0),
      associatedData: [1])
    #expect(direct == m1.box)
  }

  @Test func tamperingIsDetectedAndTheKeyIsStillUsedUp() throws {
    var (alice, bob, _) = Self.stores()
    var m = try KeyedAESGCM.seal([1, 2, 3, 4], using: &alice)
    m.box.ciphertext[2] ^= 1
    #expect(throws: KeyUseError.crypto(.authenticationFailed)) {
      try KeyedAESGCM.open(m, using: &bob)
    }
    #expect(bob.position == 256)
  }

  @Test func runningOutOfKeyThrows() throws {
    var (alice, _, _) = Self.stores(bits: 300)
    _ = try KeyedAESGCM.seal([1], using: &alice)
    #expect(throws: KeyUseError.insufficientKey(requested: 256, available: 44)) {
      try KeyedAESGCM.seal([2], using: &alice)
    }
  }
}
