import ClassicalCrypto
import Testing

@Suite struct HMACSHA256Tests {
  // RFC 4231, test cases 1, 2, 3 and 6.
  static let vectors: [(key: [UInt8], data: [UInt8], tag: String)] = [
    (
      [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    ),
    (
      Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    ),
    (
      [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
    ),
    (
      [UInt8](repeating: 0xaa, count: 131),
      Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    ),
  ]

  @Test func rfc4231Vectors() throws {
    for v in Self.vectors {
      let mac = HMACSHA256(key: SecretBytes(v.key))
      #expect(hex(try mac.authenticationCode(for: v.data)) == v.tag)
      #expect(try mac.isValid(bytes(hex: v.tag), for: v.data))
    }
  }

  @Test func alteredMessageOrTagIsRejected() throws {
    let mac = HMACSHA256(key: SecretBytes(Array("Jefe".utf8)))
    let message = Array("what do ya want for nothing?".utf8)
    let tag = try mac.authenticationCode(for: message)
    var altered = message
    altered[0] ^= 1
    #expect(try !mac.isValid(tag, for: altered))
    var badTag = tag
    badTag[31] ^= 0x80
    #expect(try !mac.isValid(badTag, for: message))
    #expect(try !mac.isValid(Array(tag.prefix(16)), for: message))
    #expect(try !HMACSHA256(key: SecretBytes(Array("Jeff".utf8))).isValid(tag, for: message))
  }

  @Test func emptyKeyAndMessageWork() throws {
    let tag = try HMACSHA256(key: SecretBytes([])).authenticationCode(for: [])
    // HMAC-SHA-256 with empty key and message (as computed by any conforming implementation).
    #expect(hex(tag) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
  }
}
