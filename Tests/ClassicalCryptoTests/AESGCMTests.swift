import ClassicalCrypto
import Testing

@Suite struct AESGCMTests {
  // McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 14 and 16 (AES-256).
  @Test func gcmSpecTestCase14() throws {
    let box = try AESGCM.seal(
      [UInt8](repeating: 0, count: 16), key: SecretBytes([UInt8](repeating: 0, count: 32)),
      nonce: [UInt8](repeating: 0, count: 12))
    #expect(hex(box.ciphertext) == "cea7403d4d606b6e074ec5d3baf39d18")
    #expect(hex(box.tag) == "d0d1c8a799996bf0265b98b5d48ab919")
  }

  static let key16 = SecretBytes(
    bytes(hex: "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"))
  static let nonce16 = bytes(hex: "cafebabefacedbaddecaf888")
  static let plaintext16 = bytes(
    hex: "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39")
  static let aad16 = bytes(hex: "feedfacedeadbeeffeedfacedeadbeefabaddad2")

  @Test func gcmSpecTestCase16() throws {
    let box = try AESGCM.seal(
      Self.plaintext16, key: Self.key16, nonce: Self.nonce16, associatedData: Self.aad16)
    #expect(
      hex(box.ciphertext)
        == "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
        + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662")
    #expect(hex(box.tag) == "76fc6ece0f4e1768cddf8853bb2d551b")
    #expect(try AESGCM.open(box, key: Self.key16, associatedData: Self.aad16) == Self.plaintext16)
  }

  @Test func tamperingIsRejected() throws {
    let box = try AESGCM.seal(
      Self.plaintext16, key: Self.key16, nonce: Self.nonce16, associatedData: Self.aad16)
    var badTag = box
    badTag.tag[0] ^= 1
    #expect(throws: CryptoError.authenticationFailed) {
      try AESGCM.open(badTag, key: Self.key16, associatedData: Self.aad16)
    }
    var badCiphertext = box
    badCiphertext.ciphertext[10] ^= 0x40
    #expect(throws: CryptoError.authenticationFailed) {
      try AESGCM.open(badCiphertext, key: Self.key16, associatedData: Self.aad16)
    }
    var badNonce = box
    badNonce.nonce[11] ^= 1
    #expect(throws: CryptoError.authenticationFailed) {
      try AESGCM.open(badNonce, key: Self.key16, associatedData: Self.aad16)
    }
    #expect(throws: CryptoError.authenticationFailed) {
      try AESGCM.open(box, key: Self.key16, associatedData: [])
    }
    var otherKey = Self.key16.bytes
    otherKey[0] ^= 1
    #expect(throws: CryptoError.authenticationFailed) {
      try AESGCM.open(box, key: SecretBytes(otherKey), associatedData: Self.aad16)
    }
  }

  @Test func wrongLengthsThrowTypedErrors() throws {
    #expect(throws: CryptoError.invalidKeyLength(expected: 32, got: 16)) {
      try AESGCM.seal(
        [1, 2, 3], key: SecretBytes([UInt8](repeating: 0, count: 16)),
        nonce: [UInt8](repeating: 0, count: 12))
    }
    #expect(throws: CryptoError.invalidNonceLength(expected: 12, got: 8)) {
      try AESGCM.seal([1, 2, 3], key: Self.key16, nonce: [UInt8](repeating: 0, count: 8))
    }
    let box = AESGCM.SealedBox(nonce: Self.nonce16, ciphertext: [1, 2], tag: [1, 2, 3])
    #expect(throws: CryptoError.invalidTagLength(expected: 16, got: 3)) {
      try AESGCM.open(box, key: Self.key16)
    }
  }

  @Test func emptyPlaintextRoundTrips() throws {
    let box = try AESGCM.seal([], key: Self.key16, nonce: Self.nonce16, associatedData: [7])
    #expect(box.ciphertext.isEmpty)
    #expect(try AESGCM.open(box, key: Self.key16, associatedData: [7]) == [])
  }
}
