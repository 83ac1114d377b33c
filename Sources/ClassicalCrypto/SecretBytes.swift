/// Bytes that must stay secret (keys, one-time pads): compared in constant time and never shown
/// by `description`.
///
/// Use ``revealedHex()`` when a lab exercise really needs to print the value.
public struct SecretBytes: Sendable, Hashable, Codable, CustomStringConvertible,
  CustomDebugStringConvertible
{
  /// The secret bytes.
  public let bytes: [UInt8]

  /// Wraps `bytes` as a secret.
  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Draws `count` uniformly random bytes from `generator` (negative counts give no bytes).
  public init<G: RandomNumberGenerator>(randomCount count: Int, using generator: inout G) {
    var out = [UInt8](repeating: 0, count: max(0, count))
    var i = 0
    while i < out.count {
      var word: UInt64 = generator.next()
      for _ in 0..<8 where i < out.count {
        out[i] = UInt8(truncatingIfNeeded: word)
        word >>= 8
        i += 1
      }
    }
    self.bytes = out
  }

  /// Packs the first `bits.count / 8` whole bytes of a bit vector (bit 0 is the least significant
  /// bit of byte 0).
  public init(bits: BitVector) {
    self.bytes = Array(bits.bytes.prefix(bits.count / 8))
  }

  /// The number of bytes.
  public var count: Int { bytes.count }

  /// Constant-time equality: the time depends only on the lengths.
  public static func == (lhs: SecretBytes, rhs: SecretBytes) -> Bool {
    ConstantTime.equals(lhs.bytes, rhs.bytes)
  }

  /// Hashes only the length, so hashing does not spend time in proportion to secret content.
  public func hash(into hasher: inout Hasher) { hasher.combine(bytes.count) }

  /// A redacted summary: the length only.
  public var description: String { "SecretBytes(\(bytes.count) bytes, redacted)" }

  /// The same redacted summary as ``description``.
  public var debugDescription: String { description }

  /// The bytes in lowercase hexadecimal; call only when showing the secret is intended.
  public func revealedHex() -> String { hexString(bytes) }
}

/// Lowercase hexadecimal of `bytes`.
func hexString(_ bytes: [UInt8]) -> String {
  let digits = Array("0123456789abcdef")
  var s = ""
  s.reserveCapacity(bytes.count * 2)
  for b in bytes {
    s.append(digits[Int(b >> 4)])
    s.append(digits[Int(b & 15)])
  }
  return s
}
