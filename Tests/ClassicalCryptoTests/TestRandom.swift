/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator for reproducible tests.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Bytes from a hexadecimal string (test vectors); invalid digits read as zero.
func bytes(hex: String) -> [UInt8] {
  let chars = Array(hex.utf8)
  var out: [UInt8] = []
  var i = 0
  while i + 1 < chars.count {
    out.append(UInt8(hexDigit(chars[i]) << 4 | hexDigit(chars[i + 1])))
    i += 2
  }
  return out
}

private func hexDigit(_ c: UInt8) -> UInt8 {
  switch c {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
  case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
  case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
  default: return 0
  }
}

/// Lowercase hexadecimal of `bytes`.
func hex(_ bytes: [UInt8]) -> String {
  bytes.map { b in
    let s = String(b, radix: 16)
    return s.count == 1 ? "0" + s : s
  }.joined()
}
