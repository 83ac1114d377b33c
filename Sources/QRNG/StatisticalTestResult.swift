/// The outcome of one SP 800-22 statistical test on a bit sequence.
///
/// A test with several p-values (serial, cumulative sums) passes only when every p-value is at
/// least the significance level; ``pValue`` is then the smallest of them. Encoded as JSON with
/// the keys `name`, `statistic`, `p_value`, `p_values`, `significance` and `passed`.
public struct StatisticalTestResult: Sendable, Equatable, Codable {
  /// The test's name as SP 800-22 spells it, e.g. "frequency" or "cumulative_sums".
  public let name: String
  /// The test statistic (χ², a normalised sum, a maximum excursion, …; see each test).
  public let statistic: Double
  /// Every p-value the test produces, in the document's order.
  public let pValues: [Double]
  /// The significance level α the p-values were compared with.
  public let significance: Double
  /// Whether every p-value is at least ``significance``.
  public let passed: Bool

  /// The smallest p-value (the one that decides ``passed``).
  public var pValue: Double { pValues.min() ?? 0 }

  /// Creates a result; ``passed`` is derived from the p-values and the significance level.
  public init(name: String, statistic: Double, pValues: [Double], significance: Double) {
    self.name = name
    self.statistic = statistic
    self.pValues = pValues
    self.significance = significance
    self.passed = !pValues.isEmpty && pValues.allSatisfy { $0 >= significance }
  }

  enum CodingKeys: String, CodingKey {
    case name, statistic, significance, passed
    case pValue = "p_value"
    case pValues = "p_values"
  }

  /// Decodes a result written by ``encode(to:)``.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    statistic = try c.decode(Double.self, forKey: .statistic)
    pValues = try c.decode([Double].self, forKey: .pValues)
    significance = try c.decode(Double.self, forKey: .significance)
    passed = try c.decode(Bool.self, forKey: .passed)
  }

  /// Encodes the result, including the derived `p_value`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(statistic, forKey: .statistic)
    try c.encode(pValue, forKey: .pValue)
    try c.encode(pValues, forKey: .pValues)
    try c.encode(significance, forKey: .significance)
    try c.encode(passed, forKey: .passed)
  }
}
