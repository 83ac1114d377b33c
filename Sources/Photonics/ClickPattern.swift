/// Which of a receiver's two detectors clicked in one gate.
public enum ClickPattern: UInt8, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible
{
  /// Neither detector.
  case none = 0
  /// Only the bit-0 detector.
  case detector0 = 1
  /// Only the bit-1 detector.
  case detector1 = 2
  /// Both (a double click, squashed to a random bit).
  case both = 3

  /// "-", "0", "1" or "01".
  public var description: String {
    switch self {
    case .none: return "-"
    case .detector0: return "0"
    case .detector1: return "1"
    case .both: return "01"
    }
  }
}

/// Probabilities of exact click masks from "no click in S" probabilities, by inclusion–exclusion.
enum ClickMasks {
  /// Given N(S) = P(no detector of S clicks) for every subset S of `bits` detectors, returns
  /// P(exactly the detectors of M click) = Σ_{T ⊆ M} (−1)^{|T|} N(comp(M) ∪ T) for every M.
  static func exact(noClick n: [Double], bits: Int) -> [Double] {
    let all = (1 << bits) - 1
    var out = [Double](repeating: 0, count: 1 << bits)
    for m in 0...all {
      let comp = all & ~m
      var sum = 0.0
      var t = m
      while true {
        let sign: Double = t.nonzeroBitCount & 1 == 0 ? 1 : -1
        sum += sign * n[comp | t]
        if t == 0 { break }
        t = (t - 1) & m
      }
      out[m] = max(0, sum)
    }
    return out
  }
}
