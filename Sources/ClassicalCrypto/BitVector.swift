/// A packed string of bits, the currency of every classical post-processing stage.
///
/// Bit `i` lives in word `i / 64` at bit position `i % 64` (least significant first).
/// Unused high bits of the last word are always zero, so word-level operations
/// (parity, popcount, XOR) need no masking.
public struct BitVector: Sendable, Hashable, Codable {
  /// The packed words; bits beyond `count` in the last word are zero.
  public private(set) var words: [UInt64]
  /// The number of bits.
  public private(set) var count: Int

  /// Creates `count` zero bits.
  /// - Throws: ``BitVectorError/negativeCount(_:)`` if `count < 0`.
  public init(count: Int) throws(BitVectorError) {
    guard count >= 0 else { throw .negativeCount(count) }
    self.count = count
    self.words = [UInt64](repeating: 0, count: (count + 63) >> 6)
  }

  /// Creates a bit vector from bytes holding 0 or 1 each.
  /// - Throws: ``BitVectorError/notABit(index:value:)`` for a byte other than 0 or 1.
  public init(bits: [UInt8]) throws(BitVectorError) {
    self.count = bits.count
    self.words = [UInt64](repeating: 0, count: (bits.count + 63) >> 6)
    for (i, b) in bits.enumerated() {
      guard b <= 1 else { throw .notABit(index: i, value: Int(b)) }
      words[i >> 6] |= UInt64(b) << UInt64(i & 63)
    }
  }

  /// Creates a bit vector from booleans.
  public init(_ bools: [Bool]) {
    self.count = bools.count
    self.words = [UInt64](repeating: 0, count: (bools.count + 63) >> 6)
    for (i, b) in bools.enumerated() where b { words[i >> 6] |= 1 << UInt64(i & 63) }
  }

  /// Creates a bit vector from packed words, keeping the first `count` bits.
  /// - Throws: ``BitVectorError/wordCountMismatch(count:words:)`` when `words` is too short,
  ///   ``BitVectorError/negativeCount(_:)`` when `count < 0`.
  public init(words: [UInt64], count: Int) throws(BitVectorError) {
    guard count >= 0 else { throw .negativeCount(count) }
    let needed = (count + 63) >> 6
    guard words.count >= needed else { throw .wordCountMismatch(count: count, words: words.count) }
    self.count = count
    self.words = Array(words.prefix(needed))
    if count & 63 != 0, let last = self.words.indices.last {
      self.words[last] &= (1 << UInt64(count & 63)) &- 1
    }
  }

  /// Creates `count` uniformly random bits drawn from `generator`.
  public init<G: RandomNumberGenerator>(randomCount count: Int, using generator: inout G) {
    let n = max(0, count)
    self.count = n
    var w = [UInt64](repeating: 0, count: (n + 63) >> 6)
    for i in w.indices { w[i] = generator.next() }
    if n & 63 != 0, let last = w.indices.last { w[last] &= (1 << UInt64(n & 63)) &- 1 }
    self.words = w
  }

  /// Reads or writes bit `index` (no bounds check beyond the array's own; use valid indices).
  @inline(__always)
  public subscript(index: Int) -> Bool {
    get { (words[index >> 6] >> UInt64(index & 63)) & 1 == 1 }
    set {
      let mask: UInt64 = 1 << UInt64(index & 63)
      if newValue { words[index >> 6] |= mask } else { words[index >> 6] &= ~mask }
    }
  }

  /// Flips bit `index`.
  @inline(__always)
  public mutating func flip(_ index: Int) {
    words[index >> 6] ^= 1 << UInt64(index & 63)
  }

  /// Appends one bit.
  public mutating func append(_ bit: Bool) {
    if count & 63 == 0 { words.append(0) }
    if bit { words[count >> 6] |= 1 << UInt64(count & 63) }
    count += 1
  }

  /// Appends all bits of `other`.
  public mutating func append(contentsOf other: BitVector) {
    for i in 0..<other.count { append(other[i]) }
  }

  /// The number of one bits.
  public var popcount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

  /// The parity (XOR) of all bits.
  public var parity: Bool { words.reduce(0) { $0 ^ $1 }.nonzeroBitCount & 1 == 1 }

  /// The parity of the bits in `range` (clamped to `0..<count`).
  public func parity(in range: Range<Int>) -> Bool {
    let lo = max(0, range.lowerBound)
    let hi = min(count, range.upperBound)
    guard lo < hi else { return false }
    var acc: UInt64 = 0
    let firstWord = lo >> 6
    let lastWord = (hi - 1) >> 6
    for w in firstWord...lastWord {
      var word = words[w]
      if w == firstWord { word &= ~((1 << UInt64(lo & 63)) &- 1) }
      if w == lastWord && hi & 63 != 0 { word &= (1 << UInt64(hi & 63)) &- 1 }
      acc ^= word
    }
    return acc.nonzeroBitCount & 1 == 1
  }

  /// The bits at `indices`, in that order.
  public func selecting(_ indices: [Int]) -> BitVector {
    var out = BitVector(Array(repeating: false, count: indices.count))
    for (j, i) in indices.enumerated() where self[i] { out[j] = true }
    return out
  }

  /// The bits in `range` (clamped to `0..<count`).
  public func slice(_ range: Range<Int>) -> BitVector {
    let lo = max(0, range.lowerBound)
    let hi = min(count, range.upperBound)
    var out = BitVector(Array(repeating: false, count: max(0, hi - lo)))
    if lo < hi { for i in lo..<hi where self[i] { out[i - lo] = true } }
    return out
  }

  /// The bits as bytes holding 0 or 1.
  public var bits: [UInt8] { (0..<count).map { self[$0] ? 1 : 0 } }

  /// The bits packed into bytes, least significant bit first within each byte.
  public var bytes: [UInt8] {
    var out = [UInt8](repeating: 0, count: (count + 7) >> 3)
    for i in out.indices {
      out[i] = UInt8(truncatingIfNeeded: words[i >> 3] >> UInt64((i & 7) * 8))
    }
    return out
  }

  /// The number of positions where `self` and `other` differ.
  /// - Throws: ``BitVectorError/lengthMismatch(_:_:)`` when the lengths differ.
  public func hammingDistance(to other: BitVector) throws(BitVectorError) -> Int {
    guard count == other.count else { throw .lengthMismatch(count, other.count) }
    var d = 0
    for i in words.indices { d += (words[i] ^ other.words[i]).nonzeroBitCount }
    return d
  }

  /// The bitwise XOR of two vectors of equal length.
  /// - Throws: ``BitVectorError/lengthMismatch(_:_:)`` when the lengths differ.
  public func xor(_ other: BitVector) throws(BitVectorError) -> BitVector {
    guard count == other.count else { throw .lengthMismatch(count, other.count) }
    var out = self
    for i in words.indices { out.words[i] ^= other.words[i] }
    return out
  }

  /// Compares two bit vectors in time that depends only on their lengths, never on where they
  /// differ (for secrets).
  public func constantTimeEquals(_ other: BitVector) -> Bool {
    guard count == other.count else { return false }
    var diff: UInt64 = 0
    for i in words.indices { diff |= words[i] ^ other.words[i] }
    return diff == 0
  }
}

/// Errors from constructing or combining ``BitVector`` values.
public enum BitVectorError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A negative bit count was requested.
  case negativeCount(Int)
  /// A byte that should be 0 or 1 was something else.
  case notABit(index: Int, value: Int)
  /// Too few words were given for the requested bit count.
  case wordCountMismatch(count: Int, words: Int)
  /// Two vectors that must have equal length did not.
  case lengthMismatch(Int, Int)

  /// A sentence saying what was wrong and what is allowed.
  public var description: String {
    switch self {
    case .negativeCount(let n): return "bit count must be ≥ 0, got \(n)"
    case .notABit(let i, let v): return "bit \(i) must be 0 or 1, got \(v)"
    case .wordCountMismatch(let c, let w):
      return "\(c) bits need \((c + 63) / 64) words, got \(w)"
    case .lengthMismatch(let a, let b):
      return "bit strings must have equal length, got \(a) and \(b)"
    }
  }
}
