import Foundation

/// Counts from an entangled-pair run, per (Alice's setting, Bob's setting, Alice's result, Bob's
/// result), where a result is 0 no click, 1 single click bit 0, 2 single click bit 1,
/// 3 double click squashed to 0, 4 double click squashed to 1. Codable; chunks add up.
public struct PairStatistics: Sendable, Hashable, Codable {
  /// Alice's setting count.
  public let aliceSettings: Int
  /// Bob's setting count.
  public let bobSettings: Int
  /// Gates per setting pair (index a·bobSettings + b).
  public private(set) var gates: [UInt64]
  /// Counts per (setting pair, Alice result, Bob result): index (pair·5 + rA)·5 + rB.
  public private(set) var counts: [UInt64]

  /// Empty statistics.
  public init(aliceSettings: Int, bobSettings: Int) {
    self.aliceSettings = max(1, aliceSettings)
    self.bobSettings = max(1, bobSettings)
    gates = [UInt64](repeating: 0, count: self.aliceSettings * self.bobSettings)
    counts = [UInt64](repeating: 0, count: self.aliceSettings * self.bobSettings * 25)
  }

  mutating func addGates(pair: Int, count: Int) { gates[pair] &+= UInt64(count) }
  mutating func addResult(pair: Int, alice: Int, bob: Int, count: Int = 1) {
    counts[(pair * 5 + alice) * 5 + bob] &+= UInt64(count)
  }

  /// Adds another run's counts (same shape; otherwise nothing is added).
  public mutating func add(_ other: PairStatistics) {
    guard other.aliceSettings == aliceSettings, other.bobSettings == bobSettings else { return }
    for i in gates.indices { gates[i] &+= other.gates[i] }
    for i in counts.indices { counts[i] &+= other.counts[i] }
  }

  /// The count for one cell (0 when out of range).
  public func count(aliceSetting a: Int, bobSetting b: Int, aliceResult ra: Int, bobResult rb: Int)
    -> UInt64
  {
    guard (0..<aliceSettings).contains(a), (0..<bobSettings).contains(b), (0..<5).contains(ra),
      (0..<5).contains(rb)
    else { return 0 }
    return counts[((a * bobSettings + b) * 5 + ra) * 5 + rb]
  }

  /// Gates with settings (a, b) (all gates when both are nil).
  public func gateCount(aliceSetting a: Int? = nil, bobSetting b: Int? = nil) -> UInt64 {
    var s: UInt64 = 0
    for x in 0..<aliceSettings where a == nil || a == x {
      for y in 0..<bobSettings where b == nil || b == y { s += gates[x * bobSettings + y] }
    }
    return s
  }

  /// Coincidences (both sides have a result) and how many agree, for settings (a, b).
  public func coincidences(aliceSetting a: Int, bobSetting b: Int) -> (total: UInt64, same: UInt64)
  {
    var total: UInt64 = 0
    var same: UInt64 = 0
    for ra in 1..<5 {
      for rb in 1..<5 {
        let n = count(aliceSetting: a, bobSetting: b, aliceResult: ra, bobResult: rb)
        total += n
        if (ra + 1) & 1 == (rb + 1) & 1 { same += n }
      }
    }
    return (total, same)
  }

  /// The correlation E = (same − different)/coincidences and its standard error √((1 − E²)/N).
  public func correlation(aliceSetting a: Int, bobSetting b: Int) -> (value: Double, sigma: Double)
  {
    let c = coincidences(aliceSetting: a, bobSetting: b)
    guard c.total > 0 else { return (0, 1) }
    let n = Double(c.total)
    let e = (2 * Double(c.same) - n) / n
    return (e, ((1 - e * e) / n).squareRoot())
  }

  /// The CHSH value S = E(a, b) − E(a, b′) + E(a′, b) + E(a′, b′) and its standard error (the
  /// four correlations are independent). With the Ekert angles, Alice 0°/45° (settings 0, 2) and
  /// Bob 22.5°/67.5° (settings 0, 2) give S = 2√2 for |Φ⁺⟩.
  public func chsh(a: Int, aPrime: Int, b: Int, bPrime: Int) -> (value: Double, sigma: Double) {
    let e1 = correlation(aliceSetting: a, bobSetting: b)
    let e2 = correlation(aliceSetting: a, bobSetting: bPrime)
    let e3 = correlation(aliceSetting: aPrime, bobSetting: b)
    let e4 = correlation(aliceSetting: aPrime, bobSetting: bPrime)
    let s = e1.value - e2.value + e3.value + e4.value
    let sigma =
      (e1.sigma * e1.sigma + e2.sigma * e2.sigma + e3.sigma * e3.sigma
      + e4.sigma * e4.sigma).squareRoot()
    return (s, sigma)
  }

  /// The error rate (different results) among coincidences for settings (a, b).
  public func errorRate(aliceSetting a: Int, bobSetting b: Int) -> Double {
    let c = coincidences(aliceSetting: a, bobSetting: b)
    return c.total > 0 ? Double(c.total - c.same) / Double(c.total) : 0
  }
}

/// The gates of an entangled-pair run on which at least one detector clicked, as compact arrays
/// in gate order. A result is 0 or 1 (a double click squashed to a random bit) or 255 for no
/// click. Codable.
public struct PairBatch: Sendable, Hashable, Codable {
  /// Gate index.
  public internal(set) var gateIndex: [UInt64] = []
  /// Alice's setting index.
  public internal(set) var aliceSetting: [UInt8] = []
  /// Bob's setting index.
  public internal(set) var bobSetting: [UInt8] = []
  /// Alice's click pattern (``ClickPattern`` raw value).
  public internal(set) var aliceClicks: [UInt8] = []
  /// Bob's click pattern.
  public internal(set) var bobClicks: [UInt8] = []
  /// Alice's bit, or 255 without a click.
  public internal(set) var aliceResult: [UInt8] = []
  /// Bob's bit, or 255 without a click.
  public internal(set) var bobResult: [UInt8] = []

  /// An empty batch.
  public init() {}

  /// The number of recorded gates.
  public var count: Int { gateIndex.count }

  /// Appends `other` (which follows in gate order).
  public mutating func append(contentsOf other: PairBatch) {
    gateIndex += other.gateIndex
    aliceSetting += other.aliceSetting
    bobSetting += other.bobSetting
    aliceClicks += other.aliceClicks
    bobClicks += other.bobClicks
    aliceResult += other.aliceResult
    bobResult += other.bobResult
  }
}
