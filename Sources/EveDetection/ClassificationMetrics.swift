/// A confusion matrix over K classes: `counts[truth][predicted]`.
public struct ConfusionMatrix: Sendable, Codable, Equatable {
  /// Class names, in index order.
  public let classNames: [String]
  /// `counts[truth][predicted]`.
  public let counts: [[Int]]

  /// Tallies predictions against the truth; throws on labels outside 0..<classNames.count.
  public init(classNames: [String], truth: [Int], predicted: [Int]) throws {
    guard truth.count == predicted.count else {
      throw EveDetectionError.dimensionMismatch(
        what: "prediction count", expected: truth.count, found: predicted.count)
    }
    let k = classNames.count
    var table = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
    for (t, p) in zip(truth, predicted) {
      guard (0..<k).contains(t), (0..<k).contains(p) else {
        throw EveDetectionError.invalidLabel(
          value: (0..<k).contains(t) ? p : t, allowed: "0..<\(k)")
      }
      table[t][p] += 1
    }
    self.classNames = classNames
    counts = table
  }

  /// Fraction of samples on the diagonal.
  public var accuracy: Double {
    let total = counts.joined().reduce(0, +)
    guard total > 0 else { return 0 }
    return Double(counts.indices.map { counts[$0][$0] }.reduce(0, +)) / Double(total)
  }

  /// Recall of each class (diagonal over row sum; 0 for an empty row).
  public var recall: [Double] {
    counts.indices.map { i in
      let row = counts[i].reduce(0, +)
      return row > 0 ? Double(counts[i][i]) / Double(row) : 0
    }
  }
}

/// A receiver operating characteristic: detection rate against false-positive rate as the
/// threshold sweeps over every distinct score.
public struct ROCCurve: Sendable, Codable, Equatable {
  /// False-positive rates, increasing from 0 to 1.
  public let falsePositiveRates: [Double]
  /// True-positive (detection) rates at the same thresholds.
  public let truePositiveRates: [Double]
  /// Area under the curve (trapezoidal rule, equal to the Mann–Whitney statistic with ties
  /// counted as one half).
  public let auc: Double

  /// Builds the curve from the scores of negative (clean) and positive (attacked) samples.
  public init(negativeScores: [Double], positiveScores: [Double]) throws {
    guard !negativeScores.isEmpty else { throw EveDetectionError.empty(what: "negative scores") }
    guard !positiveScores.isEmpty else { throw EveDetectionError.empty(what: "positive scores") }
    let all = (negativeScores.map { ($0, false) } + positiveScores.map { ($0, true) })
    if let bad = all.first(where: { !$0.0.isFinite }) {
      throw EveDetectionError.invalidParameter(name: "score", value: bad.0, allowed: "finite")
    }
    let sorted = all.sorted { $0.0 > $1.0 }
    let nNeg = Double(negativeScores.count)
    let nPos = Double(positiveScores.count)
    var fpr = [0.0]
    var tpr = [0.0]
    var fp = 0.0
    var tp = 0.0
    var i = 0
    var area = 0.0
    while i < sorted.count {
      let score = sorted[i].0
      while i < sorted.count, sorted[i].0 == score {
        if sorted[i].1 { tp += 1 } else { fp += 1 }
        i += 1
      }
      let newF = fp / nNeg
      let newT = tp / nPos
      area += (newF - (fpr.last ?? 0)) * (newT + (tpr.last ?? 0)) / 2
      fpr.append(newF)
      tpr.append(newT)
    }
    falsePositiveRates = fpr
    truePositiveRates = tpr
    auc = area
  }

  /// The largest detection rate over thresholds whose false-positive rate does not exceed `rate`.
  public func detectionRate(atFalsePositiveRate rate: Double) -> Double {
    var best = 0.0
    for (f, t) in zip(falsePositiveRates, truePositiveRates) where f <= rate + 1e-12 {
      best = max(best, t)
    }
    return best
  }

  /// At most `count` points of the curve, evenly spaced in index, always keeping both ends.
  public func thinned(to count: Int) -> ROCCurve {
    let n = falsePositiveRates.count
    guard count >= 2, n > count else { return self }
    let picks = (0..<count).map { Int((Double($0) * Double(n - 1) / Double(count - 1)).rounded()) }
    return ROCCurve(
      fpr: picks.map { falsePositiveRates[$0] }, tpr: picks.map { truePositiveRates[$0] }, auc: auc)
  }

  private init(fpr: [Double], tpr: [Double], auc: Double) {
    falsePositiveRates = fpr
    truePositiveRates = tpr
    self.auc = auc
  }
}
