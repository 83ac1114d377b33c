import ClassicalCrypto
import Testing

@Suite struct SecretBytesTests {
  @Test func descriptionDoesNotRevealTheSecret() {
    let secret = SecretBytes([0xde, 0xad, 0xbe, 0xef])
    #expect(!secret.description.contains("de"))
    #expect(!"\(secret)".contains("dead"))
    #expect(!String(reflecting: secret).contains("dead"))
    #expect(secret.description.contains("4 bytes"))
    #expect(secret.revealedHex() == "deadbeef")
  }

  @Test func constantTimeEqualityIsCorrect() {
    #expect(SecretBytes([1, 2, 3]) == SecretBytes([1, 2, 3]))
    #expect(SecretBytes([1, 2, 3]) != SecretBytes([1, 2, 4]))
    #expect(SecretBytes([1, 2, 3]) != SecretBytes([1, 2]))
    #expect(ConstantTime.equals([UInt64(5), 6], [5, 6]))
    #expect(!ConstantTime.equals([UInt64(5), 6], [5, 7]))
    #expect(ConstantTime.equals(UInt64.max, UInt64.max))
    #expect(!ConstantTime.equals(UInt64(1) << 63, 0))
    #expect(!ConstantTime.equals(UInt64(0), 1))
  }

  @Test func randomSecretsAreSeededAndSized() {
    var a = SplitMix64(seed: 9)
    var b = SplitMix64(seed: 9)
    let s1 = SecretBytes(randomCount: 13, using: &a)
    let s2 = SecretBytes(randomCount: 13, using: &b)
    #expect(s1.count == 13)
    #expect(s1 == s2)
  }
}
