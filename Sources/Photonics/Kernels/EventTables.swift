/// The compiled form every fast-path simulation runs on: categories (what was sent and which
/// measurement settings were chosen) and outcomes (an auxiliary code such as Eve's observation,
/// and a click mask over `detectorCount` detectors: outcome = aux << detectorCount | mask, below
/// 256).
struct EventTables: Sendable {
  let detectorCount: Int
  let categoryCount: Int
  let outcomeCount: Int
  /// Alias over all (category, outcome) pairs, payload category << 8 | outcome (direct,
  /// pulse-by-pulse sampling).
  let joint: AliasTable
  /// Alias over the clicking pairs given that some detector clicks (skip-ahead sampling).
  let click: AliasTable
  /// P(some detector clicks) per pulse.
  let clickProbability: Double
  /// P(category, no click), for spreading skipped pulses over categories.
  let noClickByCategory: [Double]
  /// Per-detector dead time (gates) and afterpulse probability.
  let deadTime: [Int]
  let afterpulse: [Double]

  var hasMemory: Bool { deadTime.contains { $0 > 0 } || afterpulse.contains { $0 > 0 } }

  /// Tables from P(category) and P(outcome | category).
  init(
    categoryProbabilities: [Double], outcomes: [[Double]], detectorCount: Int, deadTime: [Int],
    afterpulse: [Double]
  ) {
    self.detectorCount = detectorCount
    categoryCount = categoryProbabilities.count
    outcomeCount = outcomes.first?.count ?? 1
    let maskBits = (1 << detectorCount) - 1
    var payloads: [UInt32] = []
    var w: [Double] = []
    var clickPayloads: [UInt32] = []
    var clickW: [Double] = []
    var noClick = [Double](repeating: 0, count: categoryProbabilities.count)
    var pClick = 0.0
    for (c, pc) in categoryProbabilities.enumerated() {
      let row = outcomes[c]
      let rowSum = row.reduce(0, +)
      guard pc > 0, rowSum > 0 else { continue }
      for (o, po) in row.enumerated() where po > 0 {
        let p = pc * po / rowSum
        let payload = UInt32(c) << 8 | UInt32(o)
        payloads.append(payload)
        w.append(p)
        if o & maskBits != 0 {
          clickPayloads.append(payload)
          clickW.append(p)
          pClick += p
        } else {
          noClick[c] += p
        }
      }
    }
    joint = AliasTable(weights: w, payloads: payloads)
    click = AliasTable(weights: clickW, payloads: clickPayloads)
    clickProbability = min(1, pClick)
    noClickByCategory = noClick
    self.deadTime = deadTime
    self.afterpulse = afterpulse
  }
}
