import RealModule

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
  /// Skip-ahead tables for each set of blind (dead) detectors, indexed by its bit mask; entry 0
  /// is the rested receiver. Built for every set only when detectors have memory.
  let blind: [BlindTables]
  /// P(some detector clicks) per pulse, all detectors live.
  var clickProbability: Double { blind[0].clickProbability }

  /// Skip-ahead tables with some detectors blind.
  struct BlindTables: Sendable {
    /// Alias over the pairs where a live detector clicks (dead detectors removed from the mask).
    let click: AliasTable
    /// P(a live detector clicks) per pulse.
    let clickProbability: Double
    /// 1 / ln(1 − clickProbability) (0 when it is 0).
    let inverseLogNoClick: Double
    /// P(category, no live detector clicks), for spreading skipped pulses over categories.
    let noClickByCategory: [Double]
  }
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
    var entries: [(c: Int, o: Int, p: Double)] = []
    for (c, pc) in categoryProbabilities.enumerated() {
      let row = outcomes[c]
      let rowSum = row.reduce(0, +)
      guard pc > 0, rowSum > 0 else { continue }
      for (o, po) in row.enumerated() where po > 0 { entries.append((c, o, pc * po / rowSum)) }
    }
    joint = AliasTable(
      weights: entries.map(\.p), payloads: entries.map { UInt32($0.c) << 8 | UInt32($0.o) })
    let memory = deadTime.contains { $0 > 0 } || afterpulse.contains { $0 > 0 }
    var blind: [BlindTables] = []
    for dead in 0...(memory ? maskBits : 0) {
      var payloads: [UInt32] = []
      var weights: [Double] = []
      var noClick = [Double](repeating: 0, count: categoryProbabilities.count)
      var pClick = 0.0
      for e in entries {
        let live = e.o & maskBits & ~dead
        if live != 0 {
          payloads.append(UInt32(e.c) << 8 | UInt32((e.o & ~maskBits) | live))
          weights.append(e.p)
          pClick += e.p
        } else {
          noClick[e.c] += e.p
        }
      }
      let p = min(1, pClick)
      blind.append(
        BlindTables(
          click: AliasTable(weights: weights, payloads: payloads), clickProbability: p,
          inverseLogNoClick: p > 0 ? 1 / Double.log(onePlus: -p) : 0, noClickByCategory: noClick))
    }
    self.blind = blind
    self.deadTime = deadTime
    self.afterpulse = afterpulse
  }
}
