/// A score threshold chosen so that clean sessions are flagged at no more than a target rate.
public struct DecisionThreshold: Sendable, Codable, Equatable {
  /// Scores strictly above this value are flagged.
  public let value: Double
  /// The false-positive rate the threshold was chosen for.
  public let targetFalsePositiveRate: Double
  /// The fraction of the calibration scores above the threshold.
  public let calibrationFalsePositiveRate: Double

  /// Creates a threshold from a known value.
  public init(value: Double, targetFalsePositiveRate: Double) throws {
    guard value.isFinite else {
      throw EveDetectionError.invalidParameter(name: "threshold", value: value, allowed: "finite")
    }
    try Self.validate(rate: targetFalsePositiveRate)
    self.value = value
    self.targetFalsePositiveRate = targetFalsePositiveRate
    self.calibrationFalsePositiveRate = targetFalsePositiveRate
  }

  /// Chooses the smallest threshold that flags at most ⌊rate · n⌋ of the `cleanScores`
  /// (scores of sessions known to be clean, held out from training).
  public init(cleanScores: [Double], falsePositiveRate rate: Double) throws {
    try Self.validate(rate: rate)
    guard !cleanScores.isEmpty else { throw EveDetectionError.empty(what: "clean scores") }
    if let bad = cleanScores.first(where: { !$0.isFinite }) {
      throw EveDetectionError.invalidParameter(name: "score", value: bad, allowed: "finite")
    }
    let sorted = cleanScores.sorted(by: >)
    let allowed = Int((rate * Double(sorted.count)).rounded(.down))
    // Flag only scores above the (allowed + 1)-th largest; ties at the threshold are not flagged.
    let threshold = sorted[min(allowed, sorted.count - 1)]
    value = threshold
    targetFalsePositiveRate = rate
    calibrationFalsePositiveRate =
      Double(sorted.prefix(while: { $0 > threshold }).count) / Double(sorted.count)
  }

  private static func validate(rate: Double) throws {
    guard rate >= 0, rate < 1 else {
      throw EveDetectionError.invalidParameter(
        name: "falsePositiveRate", value: rate, allowed: "0 <= rate < 1")
    }
  }

  /// Whether a score is flagged.
  public func flags(_ score: Double) -> Bool { score > value }
}
