import Foundation

/// A named group of benchmarks run by `qkdlab-bench NAME`.
struct BenchArea: Sendable {
  /// The area's name on the command line.
  let name: String
  /// Runs every benchmark of the area, printing JSON lines.
  let run: @Sendable () -> Void
}

/// Seconds of wall-clock time from a monotonic clock.
func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Runs `body` repeatedly (at least `minRepeats` times and `minSeconds` seconds) and returns the
/// best (smallest) time of one call, the usual estimator for a noisy machine.
func bestTime(minRepeats: Int = 3, minSeconds: Double = 0.3, _ body: () -> Void) -> Double {
  var best = Double.infinity
  var total = 0.0
  var reps = 0
  while reps < minRepeats || total < minSeconds {
    let t0 = now()
    body()
    let dt = now() - t0
    best = min(best, dt)
    total += dt
    reps += 1
    if reps >= 1000 { break }
  }
  return best
}

/// Prints one JSON object per line with keys in the given order.
func emit(_ fields: [(String, Any)]) {
  let parts = fields.map { key, value -> String in
    let v: String
    switch value {
    case let s as String: v = "\"\(s)\""
    case let d as Double: v = d.isFinite ? String(format: "%.6g", d) : "null"
    case let b as Bool: v = b ? "true" : "false"
    default: v = "\(value)"
    }
    return "\"\(key)\": \(v)"
  }
  print("{" + parts.joined(separator: ", ") + "}")
  fflush(nil)
}
