/// Byte encodings of the BB84 public messages (little-endian integers, LEB128 varints).
struct BB84WireWriter {
  private(set) var bytes: [UInt8] = []

  mutating func append(_ value: UInt64) {
    for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
  }

  mutating func appendVarint(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(v & 0x7F) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  mutating func append(bytes other: [UInt8]) { bytes += other }
}

/// Reads ``BB84WireWriter`` encodings; every read checks the remaining length, so altered
/// payloads are reported, never trapped on.
struct BB84WireReader {
  let bytes: [UInt8]
  let label: String
  private(set) var offset = 0

  init(_ bytes: [UInt8], label: String) {
    self.bytes = bytes
    self.label = label
  }

  var isAtEnd: Bool { offset == bytes.count }

  func malformed(_ reason: String) -> BB84AbortReason {
    .inconsistentMessages("\(label): \(reason)")
  }

  mutating func readUInt64() throws(BB84AbortReason) -> UInt64 {
    guard bytes.count - offset >= 8 else { throw malformed("truncated integer") }
    var v: UInt64 = 0
    for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
    offset += 8
    return v
  }

  mutating func readVarint() throws(BB84AbortReason) -> UInt64 {
    var v: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < bytes.count, shift < 64 else { throw malformed("truncated varint") }
      let b = bytes[offset]
      offset += 1
      v |= UInt64(b & 0x7F) << shift
      if b & 0x80 == 0 { return v }
      shift += 7
    }
  }

  mutating func readBytes(_ count: Int) throws(BB84AbortReason) -> [UInt8] {
    guard count >= 0, bytes.count - offset >= count else { throw malformed("truncated payload") }
    defer { offset += count }
    return Array(bytes[offset..<(offset + count)])
  }

  /// A count that must not exceed `limit`.
  mutating func readCount(limit: Int) throws(BB84AbortReason) -> Int {
    let v = try readUInt64()
    guard v <= UInt64(limit) else { throw malformed("count \(v) exceeds \(limit)") }
    return Int(v)
  }
}

/// Packs one bit per entry (0 or nonzero) into bytes, least significant bit first.
func bb84PackBits(_ bits: [UInt8]) -> [UInt8] {
  var out = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
  for (i, b) in bits.enumerated() where b != 0 { out[i >> 3] |= 1 << UInt8(i & 7) }
  return out
}

/// Unpacks `count` bits packed by ``bb84PackBits(_:)``.
func bb84UnpackBits(_ bytes: [UInt8], count: Int) -> [UInt8] {
  (0..<count).map { i in (i >> 3) < bytes.count ? (bytes[i >> 3] >> UInt8(i & 7)) & 1 : 0 }
}
