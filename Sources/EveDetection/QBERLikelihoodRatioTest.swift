import Foundation

/// The Neyman–Pearson likelihood-ratio test on the error count of n sifted bits for a calibrated
/// link: H0 QBER = e₀ (the calibrated value) against H1 QBER = e₁ > e₀.
///
/// Under the binomial model the likelihood ratio is monotone in the error count k, so the most
/// powerful level-α test flags k ≥ k* with k* the smallest count whose upper binomial tail under
/// H0 is at most α (Neyman & Pearson 1933; Lehmann & Romano, *Testing Statistical Hypotheses*,
/// Thm 3.4.1). The test is uniformly most powerful for every e₁ > e₀, which makes it the optimal
/// yardstick against intercept-resend, whose H1 is e₁ = e₀ + p/4 for intercept fraction p.
public struct QBERLikelihoodRatioTest: Sendable, Codable, Equatable {
  /// Calibrated QBER e₀ of the link.
  public let calibratedQBER: Double
  /// Sifted bits per session.
  public let siftedBits: Int
  /// Level α (the false-positive rate bound).
  public let falsePositiveRate: Double
  /// Smallest error count that is flagged.
  public let criticalCount: Int
  /// The exact false-positive rate P(k ≥ k* | e₀) ≤ α.
  public let achievedFalsePositiveRate: Double

  /// Builds the level-α test for `siftedBits` bits on a link with calibrated QBER e₀.
  public init(calibratedQBER e0: Double, siftedBits n: Int, falsePositiveRate alpha: Double) throws
  {
    guard e0 > 0, e0 < 0.5 else {
      throw EveDetectionError.invalidParameter(
        name: "calibratedQBER", value: e0, allowed: "0 < e0 < 0.5")
    }
    guard n >= 1 else {
      throw EveDetectionError.invalidParameter(
        name: "siftedBits", value: Double(n), allowed: ">= 1")
    }
    guard alpha > 0, alpha < 1 else {
      throw EveDetectionError.invalidParameter(
        name: "falsePositiveRate", value: alpha, allowed: "0 < alpha < 1")
    }
    // Binary search on k for the smallest tail ≤ α (the tail decreases in k); the answer lies
    // between the mean and 40 standard deviations above it for any α ≥ 1e-300.
    let sd = (Double(n) * e0 * (1 - e0)).squareRoot()
    var lo = max(0, Int((Double(n) * e0).rounded(.down)))
    var hi = min(n + 1, Int((Double(n) * e0 + 40 * sd + 50).rounded(.up)))
    while lo < hi {
      let mid = (lo + hi) / 2
      if Self.upperTail(atLeast: mid, trials: n, probability: e0) <= alpha {
        hi = mid
      } else {
        lo = mid + 1
      }
    }
    calibratedQBER = e0
    siftedBits = n
    falsePositiveRate = alpha
    criticalCount = lo
    achievedFalsePositiveRate = Self.upperTail(atLeast: lo, trials: n, probability: e0)
  }

  /// The QBER under intercept-resend of a fraction p of the pulses in the binomial model of the
  /// issue: e₀ + p/4 (Bennett et al. 1992: a wrong-basis guess, probability 1/2, then a random
  /// result, probability 1/2).
  public static func interceptResendQBER(calibrated e0: Double, fraction p: Double) -> Double {
    e0 + p / 4
  }

  /// Whether `errors` errors among the test's sifted bits are flagged.
  public func flags(errors: Int) -> Bool { errors >= criticalCount }

  /// Log-likelihood ratio ln P(k | e₁)/P(k | e₀) of `errors` errors among `bits` bits.
  public static func logLikelihoodRatio(errors k: Int, bits n: Int, e0: Double, e1: Double)
    -> Double
  {
    Double(k) * log(e1 / e0) + Double(n - k) * log((1 - e1) / (1 - e0))
  }

  /// The detection probability (power) P(k ≥ k* | e₁) against a true QBER e₁.
  public func power(trueQBER e1: Double) -> Double {
    Self.upperTail(atLeast: criticalCount, trials: siftedBits, probability: e1)
  }

  /// P(X ≥ k) for X ~ Binomial(n, p). One log-gamma evaluation for the first term, then the
  /// ratio pmf(j+1)/pmf(j) = (n−j)p/((j+1)q); the smaller side of the distribution is summed
  /// until the terms no longer change the total, so nothing is lost to cancellation.
  static func upperTail(atLeast k: Int, trials n: Int, probability p: Double) -> Double {
    if k <= 0 { return 1 }
    if k > n { return 0 }
    if p <= 0 { return 0 }
    if p >= 1 { return 1 }
    let ratio = p / (1 - p)
    func logPMF(_ j: Int) -> Double {
      logGamma(Double(n) + 1) - logGamma(Double(j) + 1) - logGamma(Double(n - j) + 1)
        + Double(j) * log(p) + Double(n - j) * log1p(-p)
    }
    if Double(k) > Double(n) * p {
      var term = exp(logPMF(k))
      var total = 0.0
      var j = k
      while j <= n {
        total += term
        if term <= total * 1e-17 { break }
        term *= Double(n - j) / Double(j + 1) * ratio
        j += 1
      }
      return min(1, total)
    }
    var term = exp(logPMF(k - 1))
    var lower = 0.0
    var j = k - 1
    while j >= 0 {
      lower += term
      if term <= lower * 1e-17 { break }
      term *= Double(j) / Double(n - j + 1) / ratio
      j -= 1
    }
    return max(0, 1 - lower)
  }
}

/// ln Γ(x) through the C library (the cast picks the Double overload).
private func logGamma(_ x: Double) -> Double {
  (lgamma as (Double) -> Double)(x)
}
