import ClassicalCrypto
import Foundation

/// The min-entropy estimates of a binary raw stream by the SP 800-90B (2018) section 6.3
/// estimators that apply to binary sources, and their minimum (the assessed entropy).
/// Encoded with snake_case keys (`most_common_value`, …, `min_entropy_per_bit`).
public struct MinEntropyEstimate: Sendable, Equatable, Codable {
  /// The number of raw bits the estimates were computed from.
  public let sampleBits: Int
  /// Most common value estimate, section 6.3.1.
  public let mostCommonValue: Double
  /// Collision estimate, section 6.3.2.
  public let collision: Double
  /// Markov estimate, section 6.3.3.
  public let markov: Double
  /// Compression estimate, section 6.3.4.
  public let compression: Double
  /// The smallest estimate: the min-entropy per raw bit the extractors are sized from.
  public let minEntropyPerBit: Double

  /// Bundles four estimates; the minimum is derived.
  public init(
    sampleBits: Int, mostCommonValue: Double, collision: Double, markov: Double,
    compression: Double
  ) {
    self.sampleBits = sampleBits
    self.mostCommonValue = mostCommonValue
    self.collision = collision
    self.markov = markov
    self.compression = compression
    minEntropyPerBit = min(mostCommonValue, collision, markov, compression)
  }

  enum CodingKeys: String, CodingKey {
    case sampleBits = "sample_bits"
    case mostCommonValue = "most_common_value"
    case collision, markov, compression
    case minEntropyPerBit = "min_entropy_per_bit"
  }
}

/// SP 800-90B section 6.3 min-entropy estimators for a binary noise source, each returning
/// min-entropy per bit in [0, 1] from an upper confidence bound (99 %, z = 2.576) on the
/// probability of the most likely outcome.
public enum MinEntropyEstimators {
  /// The smallest stream ``estimate(_:)`` accepts: the compression estimator needs more than
  /// its 1000-block dictionary of 6-bit blocks.
  public static let minimumLength = 6 * 1010

  /// z_{0.995} = 2.576, the 99 % two-sided normal quantile used throughout section 6.3.
  static let z = 2.576

  /// All four estimates and their minimum.
  /// - Throws: ``QRNGError/sequenceTooShort(test:length:minimum:)`` below ``minimumLength``.
  public static func estimate(_ bits: BitVector) throws(QRNGError) -> MinEntropyEstimate {
    guard bits.count >= minimumLength else {
      throw .sequenceTooShort(
        test: "min-entropy estimation", length: bits.count, minimum: minimumLength)
    }
    return MinEntropyEstimate(
      sampleBits: bits.count, mostCommonValue: try mostCommonValue(bits),
      collision: try collision(bits), markov: try markov(bits), compression: try compression(bits))
  }

  /// Most common value estimate (section 6.3.1): p̂ = max(C0, C1)/L,
  /// p_u = min(1, p̂ + 2.576 √(p̂(1 − p̂)/(L − 1))), H = −log2 p_u.
  /// - Throws: ``QRNGError/sequenceTooShort(test:length:minimum:)`` below 2 bits.
  public static func mostCommonValue(_ bits: BitVector) throws(QRNGError) -> Double {
    try RandomnessTests.checkLength(bits, 2, "most common value estimate")
    let l = Double(bits.count)
    let ones = Double(bits.popcount)
    let p = max(ones, l - ones) / l
    let upper = min(1, p + z * (p * (1 - p) / (l - 1)).squareRoot())
    return min(1, -log2(upper))
  }

  /// Collision estimate (section 6.3.2, binary sources): the stream is cut at each first
  /// repeated value, giving collision times t ∈ {2, 3}; X̄' = X̄ − 2.576 σ̂/√v is the lower
  /// bound of their mean, and p solves E[t] = X̄'. For two values the document's expression
  /// p q^{−2}(1 + ½(p^{−1} − q^{−1}))F(q) − p q^{−1}½(p^{−1} − q^{−1}) with
  /// F(q) = q + 2q² + 2q³ reduces to E[t] = 2 + 2pq, so p = ½ + √(¼ − (X̄' − 2)/2).
  /// No solution (X̄' ≥ 2.5) gives H = 1.
  /// - Throws: ``QRNGError/sequenceTooShort(test:length:minimum:)`` when the stream has fewer
  ///   than two collisions (below 6 bits).
  public static func collision(_ bits: BitVector) throws(QRNGError) -> Double {
    try RandomnessTests.checkLength(bits, 6, "collision estimate")
    let n = bits.count
    let words = bits.words
    @inline(__always) func bit(_ i: Int) -> UInt64 { (words[i >> 6] >> UInt64(i & 63)) & 1 }
    var index = 0
    var v = 0
    var threes = 0
    while index + 1 < n {
      if bit(index) == bit(index + 1) {
        v += 1
        index += 2
      } else if index + 2 < n {
        v += 1
        threes += 1
        index += 3
      } else {
        break
      }
    }
    let vd = Double(v)
    let mean = 2 + Double(threes) / vd
    // Σ(t − X̄)² for t ∈ {2, 3}: threes·(3 − X̄)² + twos·(2 − X̄)².
    let twos = Double(v - threes)
    let t3 = Double(threes)
    let variance = (t3 * (3 - mean) * (3 - mean) + twos * (2 - mean) * (2 - mean)) / (vd - 1)
    let lower = mean - z * variance.squareRoot() / vd.squareRoot()
    guard lower < 2.5 else { return 1 }
    let pq = max(0, (lower - 2) / 2)
    let p = 0.5 + max(0, 0.25 - pq).squareRoot()
    return min(1, -log2(p))
  }

  /// Markov estimate (section 6.3.3, binary): initial probabilities P0, P1 and transition
  /// probabilities P_ij from the stream; the most likely 128-bit sequence among the six
  /// candidates of the document (all zeros, alternating, one switch, …) has probability
  /// p_max, and H = min(−log2(p_max)/128, 1).
  /// - Throws: ``QRNGError/sequenceTooShort(test:length:minimum:)`` below 2 bits.
  public static func markov(_ bits: BitVector) throws(QRNGError) -> Double {
    try RandomnessTests.checkLength(bits, 2, "Markov estimate")
    let n = bits.count
    let ones = bits.popcount
    let p1 = Double(ones) / Double(n)
    let p0 = 1 - p1
    // Transition counts over the n − 1 pairs, word-parallel: pair (k, k+1) for k < n − 1.
    var c11 = 0
    var c10 = 0
    var c01 = 0
    let words = bits.words
    for w in words.indices {
      let next: UInt64 = w + 1 < words.count ? words[w + 1] & 1 : 0
      let current = words[w]
      let following = (current >> 1) | (next << 63)
      let valid = min(64, n - 1 - w * 64)
      if valid <= 0 { break }
      let mask: UInt64 = valid >= 64 ? ~0 : (1 << UInt64(valid)) &- 1
      c11 += (current & following & mask).nonzeroBitCount
      c10 += (current & ~following & mask).nonzeroBitCount
      c01 += (~current & following & mask).nonzeroBitCount
    }
    let c00 = (n - 1) - c11 - c10 - c01
    func ratio(_ a: Int, _ b: Int) -> Double { a + b == 0 ? 0 : Double(a) / Double(a + b) }
    let p00 = ratio(c00, c01)
    let p01 = ratio(c01, c00)
    let p10 = ratio(c10, c11)
    let p11 = ratio(c11, c10)
    // log2 of each candidate's probability (log2(0) = −∞ is fine: it never wins the max).
    let candidates = [
      log2(p0) + 127 * log2(p00),
      log2(p0) + 64 * log2(p01) + 63 * log2(p10),
      log2(p0) + log2(p01) + 126 * log2(p11),
      log2(p1) + log2(p10) + 126 * log2(p00),
      log2(p1) + 64 * log2(p10) + 63 * log2(p01),
      log2(p1) + 127 * log2(p11),
    ]
    let logMax = candidates.filter { !$0.isNaN }.max() ?? 0
    return min(1, max(0, -logMax / 128))
  }

  /// Compression estimate (section 6.3.4) on 6-bit blocks: a dictionary of the first
  /// d = 1000 blocks, then D_i = distance to the previous occurrence of each later block;
  /// X̄' = X̄ − 2.576 σ̂/√ν with σ̂ = 0.5907 · sd(log2 D), and p solves
  /// X̄' = G(p) + (2^6 − 1) G(q), q = (1 − p)/(2^6 − 1), by bisection; H = −log2(p)/6, or 1 if
  /// there is no solution.
  ///
  /// G(z) = (1/ν) Σ_{t=d+1}^{L'} Σ_{u=1}^{t} log2(u) F(z, t, u) is evaluated as the single
  /// sum Σ_u (L' − max(u, d)) log2(u) z²(1 − z)^{u−1} + Σ_{t>d} log2(t) z(1 − z)^{t−1},
  /// truncated where (1 − z)^{u−1} falls below 10^−18.
  /// - Throws: ``QRNGError/sequenceTooShort(test:length:minimum:)`` below ``minimumLength``.
  public static func compression(_ bits: BitVector) throws(QRNGError) -> Double {
    try RandomnessTests.checkLength(bits, minimumLength, "compression estimate")
    let b = 6
    let d = 1000
    let blocks = bits.count / b
    let nu = blocks - d
    let words = bits.words
    func block(_ i: Int) -> Int {
      var value = 0
      for j in 0..<b {
        let k = i * b + j
        value = (value << 1) | Int((words[k >> 6] >> UInt64(k & 63)) & 1)
      }
      return value
    }
    var dictionary = [Int](repeating: 0, count: 1 << b)
    for i in 1...d { dictionary[block(i - 1)] = i }
    var sum = 0.0
    var sumSquares = 0.0
    for i in (d + 1)...blocks {
      let s = block(i - 1)
      let distance = Double(i - dictionary[s])
      dictionary[s] = i
      let l = log2(distance)
      sum += l
      sumSquares += l * l
    }
    let nud = Double(nu)
    let mean = sum / nud
    let sigma = 0.5907 * max(0, sumSquares / Double(nu - 1) - mean * mean).squareRoot()
    let lower = mean - z * sigma / nud.squareRoot()
    let states = Double((1 << b) - 1)
    func g(_ zz: Double) -> Double {
      guard zz > 0 else { return 0 }
      var total = 0.0
      var power = 1.0  // (1 − z)^{u−1}
      let decay = 1 - zz
      for u in 1..<blocks {
        if power < 1e-18 { break }
        total += Double(blocks - max(u, d)) * log2(Double(u)) * zz * zz * power
        if u > d { total += log2(Double(u)) * zz * power }
        power *= decay
      }
      // The u = t = L' term of the second sum.
      total += log2(Double(blocks)) * zz * pow(decay, Double(blocks - 1))
      return total / nud
    }
    func expected(_ p: Double) -> Double { g(p) + states * g((1 - p) / states) }
    var lo = 1 / Double(1 << b)
    var hi = 1.0
    guard lower < expected(lo) else { return 1 }
    for _ in 0..<60 {
      let mid = 0.5 * (lo + hi)
      // The expected log-distance falls as p rises.
      if expected(mid) > lower { lo = mid } else { hi = mid }
      if hi - lo < 1e-12 { break }
    }
    let p = 0.5 * (lo + hi)
    return min(1, max(0, -log2(p) / Double(b)))
  }
}
