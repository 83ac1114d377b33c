/// Alice's disclosed (or implied) sub-block parities, keyed by pass and range, so that Bob
/// never asks for the same parity twice. Open addressing with linear probing; a key packs the
/// pass (8 bits) and the range bounds (28 bits each), and 0 marks an empty slot.
struct KnownParityCache {
  private var keys: [UInt64]
  private var values: [UInt8]
  private var count = 0
  private var mask: Int

  init(expectedEntries: Int) {
    var capacity = 64
    while capacity < 2 * max(expectedEntries, 1) { capacity <<= 1 }
    keys = [UInt64](repeating: 0, count: capacity)
    values = [UInt8](repeating: 0, count: capacity)
    mask = capacity - 1
  }

  @inline(__always)
  private static func key(pass: Int, lower: Int, upper: Int) -> UInt64 {
    (UInt64(pass + 1) << 56) | (UInt64(lower) << 28) | UInt64(upper)
  }

  @inline(__always)
  private static func slot(_ key: UInt64, mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
  }

  /// The known parity of the range, or nil.
  func parity(pass: Int, lower: Int, upper: Int) -> UInt64? {
    let k = Self.key(pass: pass, lower: lower, upper: upper)
    var s = Self.slot(k, mask: mask)
    while true {
      let stored = keys[s]
      if stored == k { return UInt64(values[s]) }
      if stored == 0 { return nil }
      s = (s + 1) & mask
    }
  }

  /// Records the parity of the range (a later record for the same range is ignored).
  mutating func record(pass: Int, lower: Int, upper: Int, parity: UInt64) {
    if 2 * (count + 1) > keys.count { grow() }
    let k = Self.key(pass: pass, lower: lower, upper: upper)
    var s = Self.slot(k, mask: mask)
    while keys[s] != 0 {
      if keys[s] == k { return }
      s = (s + 1) & mask
    }
    keys[s] = k
    values[s] = UInt8(truncatingIfNeeded: parity)
    count += 1
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
    values = [UInt8](repeating: 0, count: oldKeys.count * 2)
    mask = keys.count - 1
    for (i, k) in oldKeys.enumerated() where k != 0 {
      var s = Self.slot(k, mask: mask)
      while keys[s] != 0 { s = (s + 1) & mask }
      keys[s] = k
      values[s] = oldValues[i]
    }
  }
}
