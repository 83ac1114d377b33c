import Foundation

/// Axis ranges and tick labels.
enum Axis {
  /// A range covering [lo, hi] with round tick marks. On a log axis the values are log10 of the
  /// data and ticks fall on whole decades.
  static func niceRange(_ lo: Double, _ hi: Double, log: Bool) -> (
    lo: Double, hi: Double, ticks: [Double]
  ) {
    var a = lo
    var b = hi
    if a == b {
      a -= log ? 1 : max(1, abs(a) * 0.1)
      b += log ? 1 : max(1, abs(b) * 0.1)
    }
    if log {
      let l = (a).rounded(.down)
      let h = (b).rounded(.up)
      let step = max(1, ((h - l) / 8).rounded(.up))
      return (l, h, Array(stride(from: l, through: h, by: step)))
    }
    let raw = (b - a) / 6
    let mag = pow(10, (log10(raw)).rounded(.down))
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
    let l = (a / step).rounded(.down) * step
    let h = (b / step).rounded(.up) * step
    return (l, h, Array(stride(from: l, through: h + step * 1e-9, by: step)))
  }

  /// A tick label: powers of ten on a log axis, a compact decimal otherwise.
  static func label(_ v: Double, log: Bool) -> String {
    if log { return "1e\(Int(v.rounded()))" }
    if v == 0 { return "0" }
    if abs(v) >= 1e4 || abs(v) < 1e-3 { return String(format: "%.1e", v) }
    var s = String(format: "%.3f", v)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }
}
