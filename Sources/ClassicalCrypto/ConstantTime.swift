/// Comparisons whose running time does not depend on where secret inputs differ.
///
/// Early-exit comparison (`==` on arrays) leaks, through timing, how long a prefix of a guessed
/// tag or key is correct; these functions always touch every byte.
public enum ConstantTime {
  /// Whether `a` and `b` hold the same bytes. Time depends only on the lengths.
  public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var diff: UInt8 = 0
    for i in a.indices { diff |= a[i] ^ b[i] }
    return diff == 0
  }

  /// Whether `a` and `b` hold the same words. Time depends only on the lengths.
  public static func equals(_ a: [UInt64], _ b: [UInt64]) -> Bool {
    guard a.count == b.count else { return false }
    var diff: UInt64 = 0
    for i in a.indices { diff |= a[i] ^ b[i] }
    return diff == 0
  }

  /// Whether two 64-bit words are equal, without a data-dependent branch.
  public static func equals(_ a: UInt64, _ b: UInt64) -> Bool {
    let diff = a ^ b
    // (diff | -diff) has its top bit set exactly when diff != 0.
    return ((diff | (0 &- diff)) >> 63) == 0
  }
}
