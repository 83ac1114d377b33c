import ClassicalCrypto
import Foundation

/// The repetition count test of NIST SP 800-90B section 4.4.1 for a binary noise source: it
/// fails when one bit value repeats C times in a row, with
/// C = 1 + ⌈−log2(α) / H⌉ for the claimed min-entropy H per bit and false-positive rate α.
public struct RepetitionCountTest: Sendable, Hashable, Codable {
  /// The claimed min-entropy per raw bit H, in (0, 1].
  public let minEntropyPerBit: Double
  /// The false-positive probability α = 2^−exponent.
  public let falsePositiveExponent: Double
  /// The cutoff C: a run of C identical bits fails the test.
  public let cutoff: Int

  /// Creates the test for a claimed entropy H and α = 2^−`falsePositiveExponent`
  /// (SP 800-90B recommends 20 ≤ exponent ≤ 40; the default is 20).
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)`` unless 0 < H ≤ 1 and
  ///   1 ≤ exponent ≤ 64.
  public init(minEntropyPerBit h: Double, falsePositiveExponent: Double = 20) throws(QRNGError) {
    guard h.isFinite, h > 0, h <= 1 else {
      throw .invalidParameter(
        name: "min-entropy per bit", value: "\(h)", allowed: "a number in (0, 1]")
    }
    try QRNGError.check(falsePositiveExponent, in: 1...64, name: "false-positive exponent")
    minEntropyPerBit = h
    self.falsePositiveExponent = falsePositiveExponent
    cutoff = 1 + Int((falsePositiveExponent / h).rounded(.up))
  }
}

/// The adaptive proportion test of NIST SP 800-90B section 4.4.2 for a binary noise source:
/// in each window of W = 1024 bits, the window's first bit value must occur fewer than C times,
/// with C = 1 + CRITBINOM(W, 2^−H, 1 − α), the smallest count the binomial distribution
/// exceeds with probability at most α.
public struct AdaptiveProportionTest: Sendable, Hashable, Codable {
  /// The window length W (1024 for binary sources).
  public static let binaryWindow = 1024

  /// The claimed min-entropy per raw bit H, in (0, 1].
  public let minEntropyPerBit: Double
  /// The false-positive probability α = 2^−exponent.
  public let falsePositiveExponent: Double
  /// The window length W.
  public let window: Int
  /// The cutoff C: C occurrences of the first value in a window fail the test.
  public let cutoff: Int

  /// Creates the test for a claimed entropy H and α = 2^−`falsePositiveExponent`.
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)`` unless 0 < H ≤ 1 and
  ///   1 ≤ exponent ≤ 64.
  public init(minEntropyPerBit h: Double, falsePositiveExponent: Double = 20) throws(QRNGError) {
    guard h.isFinite, h > 0, h <= 1 else {
      throw .invalidParameter(
        name: "min-entropy per bit", value: "\(h)", allowed: "a number in (0, 1]")
    }
    try QRNGError.check(falsePositiveExponent, in: 1...64, name: "false-positive exponent")
    minEntropyPerBit = h
    self.falsePositiveExponent = falsePositiveExponent
    window = Self.binaryWindow
    cutoff =
      1
      + Self.criticalBinomial(
        trials: window, probability: pow(2, -h), tailExponent: falsePositiveExponent)
  }

  /// CRITBINOM(n, p, 1 − α): the smallest k with P(X ≤ k) ≥ 1 − α for X ~ Binomial(n, p),
  /// found by summing the upper tail P(X > k) from the top in logarithms (α = 2^−exponent is
  /// far below the resolution of 1 − α in doubles).
  static func criticalBinomial(trials n: Int, probability p: Double, tailExponent: Double) -> Int {
    let alpha = pow(2, -tailExponent)
    if p >= 1 { return n }
    let logP = log(p)
    let logQ = log1p(-p)
    func logPMF(_ k: Int) -> Double {
      lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1)) + Double(k) * logP
        + Double(n - k) * logQ
    }
    var tail = 0.0  // P(X > k)
    var k = n
    while k > 0 {
      let next = tail + exp(logPMF(k))  // P(X > k − 1)
      if next > alpha { break }
      tail = next
      k -= 1
    }
    return k
  }
}

/// Continuous health testing of a raw bit stream (SP 800-90B section 4.4): the repetition
/// count test and the adaptive proportion test run on every bit, in order, across calls.
///
/// Once a test fails the monitor latches: every later ``check(_:)`` throws the same failure
/// until ``reset()`` (SP 800-90B section 4.3: output stops on a health-test failure).
/// Word-at-a-time kernels keep the cost far below that of generating the bits.
public struct HealthMonitor: Sendable {
  /// The repetition count test being applied.
  public let repetitionCount: RepetitionCountTest
  /// The adaptive proportion test being applied.
  public let adaptiveProportion: AdaptiveProportionTest
  /// The first failure seen, if any.
  public private(set) var failure: HealthTestFailure?
  /// The number of bits checked so far.
  public private(set) var bitsChecked = 0

  private var runValue = false
  private var runLength = 0
  private var windowValue = false
  private var windowFilled = 0
  private var windowCount = 0

  /// Creates a monitor for a source claimed to give `minEntropyPerBit` bits of min-entropy
  /// per raw bit, with false-positive rate α = 2^−`falsePositiveExponent` per test.
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)`` for H outside (0, 1] or an
  ///   exponent outside 1...64.
  public init(minEntropyPerBit: Double, falsePositiveExponent: Double = 20) throws(QRNGError) {
    repetitionCount = try RepetitionCountTest(
      minEntropyPerBit: minEntropyPerBit, falsePositiveExponent: falsePositiveExponent)
    adaptiveProportion = try AdaptiveProportionTest(
      minEntropyPerBit: minEntropyPerBit, falsePositiveExponent: falsePositiveExponent)
  }

  /// Clears the failure and all test state (after the source has been repaired).
  public mutating func reset() {
    failure = nil
    bitsChecked = 0
    runLength = 0
    windowFilled = 0
    windowCount = 0
  }

  /// Runs both tests over `bits`, continuing from the previous call.
  /// - Throws: ``QRNGError/healthTestFailure(_:)`` at the first failure (and on every call
  ///   after it until ``reset()``).
  public mutating func check(_ bits: BitVector) throws(QRNGError) {
    if let failure { throw .healthTestFailure(failure) }
    let words = bits.words
    var position = 0
    let n = bits.count
    while position < n {
      let word = words[position >> 6]
      let length = min(64, n - position)
      if let found = consume(word: word, length: length, startIndex: bitsChecked) {
        failure = found
        bitsChecked += found.bitIndex - bitsChecked + 1
        throw .healthTestFailure(found)
      }
      bitsChecked += length
      position += length
    }
  }

  /// Feeds the low `length` bits of `word`; returns the first failure among them.
  private mutating func consume(word: UInt64, length: Int, startIndex: Int) -> HealthTestFailure? {
    if let failure = repetitionStep(word: word, length: length, startIndex: startIndex) {
      return failure
    }
    return proportionStep(word: word, length: length, startIndex: startIndex)
  }

  /// The repetition count test over one word: walks the runs of the word with
  /// trailing-zero counts, carrying the open run across words.
  private mutating func repetitionStep(word: UInt64, length: Int, startIndex: Int)
    -> HealthTestFailure?
  {
    let cutoff = repetitionCount.cutoff
    var offset = 0
    var remaining = word
    if startIndex == 0 {
      runValue = word & 1 == 1
      runLength = 0
    }
    while offset < length {
      // Bits equal to runValue show as zeros in `differs`.
      let differs = runValue ? ~remaining : remaining
      let available = length - offset
      let same = min(differs.trailingZeroBitCount, available)
      if runLength + same >= cutoff {
        let index = startIndex + offset + (cutoff - runLength) - 1
        return .repetitionCount(runLength: cutoff, cutoff: cutoff, bitIndex: index)
      }
      runLength += same
      offset += same
      guard offset < length else { break }
      remaining >>= UInt64(same)
      runValue.toggle()
      runLength = 0
    }
    return nil
  }

  /// The adaptive proportion test over one word: popcounts of the slice inside the current
  /// window.
  private mutating func proportionStep(word: UInt64, length: Int, startIndex: Int)
    -> HealthTestFailure?
  {
    let w = adaptiveProportion.window
    let cutoff = adaptiveProportion.cutoff
    var offset = 0
    while offset < length {
      if windowFilled == 0 {
        windowValue = (word >> UInt64(offset)) & 1 == 1
      }
      let take = min(length - offset, w - windowFilled)
      var slice = word >> UInt64(offset)
      if take < 64 { slice &= (1 << UInt64(take)) &- 1 }
      let ones = slice.nonzeroBitCount
      let matches = windowValue ? ones : take - ones
      if windowCount + matches >= cutoff {
        // Locate the bit at which the count reached the cutoff.
        var count = windowCount
        for b in 0..<take {
          let bit = (slice >> UInt64(b)) & 1 == 1
          if bit == windowValue { count += 1 }
          if count >= cutoff {
            return .adaptiveProportion(
              count: count, cutoff: cutoff, window: w, bitIndex: startIndex + offset + b)
          }
        }
      }
      windowCount += matches
      windowFilled += take
      offset += take
      if windowFilled == w {
        windowFilled = 0
        windowCount = 0
      }
    }
    return nil
  }
}

extension HealthTestFailure {
  /// The stream position of the bit at which the test failed.
  public var bitIndex: Int {
    switch self {
    case .repetitionCount(_, _, let index): return index
    case .adaptiveProportion(_, _, _, let index): return index
    }
  }
}
