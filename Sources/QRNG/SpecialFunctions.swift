import Foundation

/// Special functions used by the statistical tests (SP 800-22 section 5.5.3 names them
/// `erfc` and `igamc`).
enum SpecialFunctions {
  /// The complementary error function (from the C library).
  static func complementaryErrorFunction(_ x: Double) -> Double { erfc(x) }

  /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) for a > 0,
  /// x ≥ 0 (SP 800-22's `igamc`).
  ///
  /// Below x < a + 1 the series for P(a, x) converges fast and Q = 1 − P; above it the
  /// continued fraction for Q converges fast (modified Lentz). Numerical Recipes, 3rd ed.,
  /// section 6.2.
  static func igamc(_ a: Double, _ x: Double) -> Double {
    guard a > 0, x.isFinite, a.isFinite else { return .nan }
    if x <= 0 { return 1 }
    if x < a + 1 { return max(0, 1 - lowerSeries(a, x)) }
    return upperContinuedFraction(a, x)
  }

  /// The regularized lower incomplete gamma function P(a, x) = 1 − Q(a, x).
  static func igam(_ a: Double, _ x: Double) -> Double {
    guard a > 0, x.isFinite, a.isFinite else { return .nan }
    if x <= 0 { return 0 }
    if x < a + 1 { return lowerSeries(a, x) }
    return max(0, 1 - upperContinuedFraction(a, x))
  }

  /// The prefactor e^{−x} x^a / Γ(a), computed in logarithms to avoid overflow.
  private static func prefactor(_ a: Double, _ x: Double) -> Double {
    exp(-x + a * log(x) - lgamma(a))
  }

  /// P(a, x) = e^{−x} x^a / Γ(a + 1) · Σ_k x^k / ((a + 1)…(a + k)).
  private static func lowerSeries(_ a: Double, _ x: Double) -> Double {
    var term = 1 / a
    var sum = term
    var ap = a
    for _ in 0..<10_000 {
      ap += 1
      term *= x / ap
      sum += term
      if abs(term) < abs(sum) * 1e-16 { break }
    }
    return min(1, sum * prefactor(a, x))
  }

  /// Q(a, x) = e^{−x} x^a / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)), by the modified
  /// Lentz method.
  private static func upperContinuedFraction(_ a: Double, _ x: Double) -> Double {
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1..<10_000 {
      let an = -Double(i) * (Double(i) - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return min(1, max(0, prefactor(a, x) * h))
  }

  /// The standard normal cumulative distribution function Φ(x).
  static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
}
