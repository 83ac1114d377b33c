import ClassicalCrypto

/// One public message between Alice and Bob: a sequence number, the sender, a label saying
/// what it is ("sifting bases", "cascade parities pass 2", …) and the payload bytes.
public struct ClassicalMessage: Sendable, Hashable, Codable {
  /// Alice or Bob.
  public enum Endpoint: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The sender of the quantum states.
    case alice
    /// The receiver of the quantum states.
    case bob

    /// The other party.
    public var peer: Endpoint { self == .alice ? .bob : .alice }

    /// "Alice" or "Bob".
    public var description: String { self == .alice ? "Alice" : "Bob" }
  }

  /// The position of the message in the conversation, counting from 1 across both directions.
  public var sequenceNumber: Int
  /// Who sent it.
  public var sender: Endpoint
  /// What the message is, for transcripts and error messages.
  public var label: String
  /// The content.
  public var payload: [UInt8]

  /// Creates a message.
  public init(sequenceNumber: Int, sender: Endpoint, label: String, payload: [UInt8]) {
    self.sequenceNumber = sequenceNumber
    self.sender = sender
    self.label = label
    self.payload = payload
  }

  /// The unambiguous byte string that is authenticated: sequence number, sender, label and
  /// payload, each length-prefixed, so no two different messages share an encoding.
  public var authenticatedBytes: [UInt8] {
    let labelBytes = Array(label.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(21 + labelBytes.count + payload.count)
    ClassicalPayload.appendLittleEndian(UInt64(bitPattern: Int64(sequenceNumber)), to: &out)
    out.append(sender == .alice ? 0 : 1)
    ClassicalPayload.appendLittleEndian(UInt32(truncatingIfNeeded: labelBytes.count), to: &out)
    out += labelBytes
    ClassicalPayload.appendLittleEndian(UInt64(payload.count), to: &out)
    out += payload
    return out
  }
}

/// Payload encodings for the common message contents.
public enum ClassicalPayload {
  /// Appends `value` as little-endian bytes.
  static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    for i in 0..<(T.bitWidth / 8) { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
  }

  /// A bit vector as 8 bytes of little-endian bit count followed by the packed bits.
  public static func encode(_ bits: BitVector) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(8 + (bits.count + 7) / 8)
    ClassicalPayload.appendLittleEndian(UInt64(bits.count), to: &out)
    out += bits.bytes
    return out
  }

  /// Decodes ``encode(_:)``.
  /// - Throws: ``ClassicalChannelError/malformedPayload(label:reason:)`` when the bytes are not
  ///   a valid encoding.
  public static func decodeBits(_ bytes: [UInt8], label: String = "bits")
    throws(ClassicalChannelError) -> BitVector
  {
    guard bytes.count >= 8 else {
      throw .malformedPayload(label: label, reason: "need at least 8 bytes, got \(bytes.count)")
    }
    var count: UInt64 = 0
    for i in 0..<8 { count |= UInt64(bytes[i]) << UInt64(8 * i) }
    let body = bytes.count - 8
    guard count <= UInt64(Int.max - 7), (Int(count) + 7) / 8 == body else {
      throw .malformedPayload(
        label: label, reason: "header says \(count) bits but \(body) payload bytes follow")
    }
    let n = Int(count)
    var words = [UInt64](repeating: 0, count: (n + 63) / 64)
    for i in 0..<body { words[i >> 3] |= UInt64(bytes[8 + i]) << UInt64((i & 7) * 8) }
    do {
      return try BitVector(words: words, count: n)
    } catch {
      throw .malformedPayload(label: label, reason: error.description)
    }
  }
}
