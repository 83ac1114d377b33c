import Foundation
import QuantumEngine

/// Exact binomial and multinomial draws on the concrete `Xoshiro256StarStar`, for the data-set
/// generator's hot loop (a session of 10¹⁰ pulses is a few dozen binomial draws). The generic
/// `Sampling` functions of QuantumEngine are not specialised across the module boundary, which
/// costs an order of magnitude here; the algorithms are the same exact ones.
enum CountSampling {
  /// A uniform double in (0, 1).
  @inline(__always)
  static func openUniform(_ g: inout Xoshiro256StarStar) -> Double {
    (Double(g.next() >> 11) + 0.5) * 0x1.0p-53
  }

  /// A standard normal draw (Marsaglia's polar method).
  static func normal(_ g: inout Xoshiro256StarStar) -> Double {
    while true {
      let u = 2 * openUniform(&g) - 1
      let v = 2 * openUniform(&g) - 1
      let s = u * u + v * v
      if s > 0 && s < 1 { return u * (-2 * log(s) / s).squareRoot() }
    }
  }

  /// A Gamma(shape, 1) draw for shape ≥ 1 (Marsaglia & Tsang, ACM TOMS 26, 363 (2000)).
  static func gamma(_ shape: Double, _ g: inout Xoshiro256StarStar) -> Double {
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x = 0.0
      var v = 0.0
      repeat {
        x = normal(&g)
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = openUniform(&g)
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
    }
  }

  /// An exact Binomial(n, p) draw. Small means: counting geometric gaps between successes,
  /// O(np). Large: the k-th order statistic of n uniforms is Beta(k, n + 1 − k), and whether it
  /// lies below p splits the draw into a binomial of half the size (Devroye, *Non-Uniform Random
  /// Variate Generation*, 1986, §X.4), O(log n) beta draws.
  static func binomial(_ n: Int, _ p: Double, _ g: inout Xoshiro256StarStar) -> Int {
    var n = n
    var p = p
    var offset = 0
    var sign = 1
    while true {
      if n <= 0 || p <= 0 { return offset }
      if p >= 1 { return offset + sign * n }
      if p > 0.5 {
        // X = n − Binomial(n, 1 − p).
        offset += sign * n
        sign = -sign
        p = 1 - p
      }
      if Double(n) * p < 30 {
        let logq = log1p(-p)
        var count = 0
        var position = 0
        while true {
          // The gap is compared as a Double first: for tiny p it can exceed Int.max.
          let gap = (log(openUniform(&g)) / logq).rounded(.down) + 1
          if Double(position) + gap > Double(n) { return offset + sign * count }
          position += Int(gap)
          count += 1
        }
      }
      let k = (n + 1) / 2
      let a = gamma(Double(k), &g)
      let b = gamma(Double(n + 1 - k), &g)
      let x = a / (a + b)
      if x <= p {
        offset += sign * k
        n -= k
        p = (p - x) / (1 - x)
      } else {
        n = k - 1
        p /= x
      }
    }
  }

  /// An exact multinomial draw of n trials over `probabilities` (normalised by their sum), by
  /// conditional binomials; the last category takes the remainder.
  static func multinomial(_ n: Int, _ probabilities: [Double], _ g: inout Xoshiro256StarStar)
    -> [Int]
  {
    var out = [Int](repeating: 0, count: probabilities.count)
    var remaining = n
    var mass = probabilities.reduce(0, +)
    for (i, p) in probabilities.enumerated() {
      if remaining == 0 || mass <= 0 { break }
      if i == probabilities.count - 1 {
        out[i] = remaining
        break
      }
      let c = binomial(remaining, min(1, max(0, p / mass)), &g)
      out[i] = c
      remaining -= c
      mass -= p
    }
    return out
  }
}
