import Foundation
import QuantumEngine

/// One streamed piece of an entangled-pair run.
public struct PairChunk: Sendable {
  /// Index of the first gate of the chunk.
  public let firstGate: UInt64
  /// Gates in the chunk.
  public let gateCount: Int
  /// Counts of this chunk only.
  public let statistics: PairStatistics
  /// Gates with a click in this chunk (when recording).
  public let records: PairBatch?
}

/// The result of an entangled-pair run on the compiled path.
public struct PairRun: Sendable, Codable {
  /// Gates simulated.
  public let gates: Int
  /// The seed.
  public let seed: UInt64
  /// Counts of the whole run.
  public let statistics: PairStatistics
  /// Gates with a click, when recorded and not streamed.
  public let records: PairBatch?
}

/// The compiled fast path for an entangled-pair (E91 / BBM92) link: the same batching, streams,
/// detector memory and streaming as ``LinkSimulator``, on four detectors.
public struct PairLinkSimulator: Sendable {
  /// The configuration.
  public let configuration: PairLinkConfiguration
  /// The tables without drift.
  public let compiled: CompiledPairLink
  private let tables: EventTables

  /// Validates and compiles `configuration`.
  /// - Throws: ``PhotonicsError``.
  public init(configuration: PairLinkConfiguration) throws(PhotonicsError) {
    self.configuration = configuration
    compiled = try CompiledPairLink(configuration: configuration)
    tables = PairLinkSimulator.eventTables(compiled)
  }

  static func eventTables(_ c: CompiledPairLink) -> EventTables {
    let ds = c.configuration.receiverA.detectors + c.configuration.receiverB.detectors
    return EventTables(
      categoryProbabilities: c.categoryProbabilities, outcomes: c.outcomes, detectorCount: 4,
      deadTime: ds.map(\.deadTimeGates), afterpulse: ds.map(\.afterpulseProbability))
  }

  /// Drift angles per batch for Alice's and Bob's fibres (independent walks).
  public func driftAngles(gates: Int, seed: UInt64) -> (alice: [Double], bob: [Double]) {
    let b = configuration.batchSize
    let count = max(0, (gates + b - 1) / b)
    let duration = Double(b) / configuration.pulseRateHz
    let zero = [Double](repeating: 0, count: count)
    let a =
      configuration.fibreA.drift?.angles(seed: seed, batches: 0..<count, batchDuration: duration)
      ?? zero
    let bb =
      configuration.fibreB.drift?.angles(
        seed: seed ^ 0x5DEE_CE66_D1CE_4E5B, batches: 0..<count, batchDuration: duration) ?? zero
    return (a, bb)
  }

  /// Simulates `gates` gates; arguments as ``LinkSimulator/run(pulses:seed:threads:mode:recordDetections:chunkPulses:onChunk:)``.
  /// - Throws: ``PhotonicsError``.
  public func run(
    gates: Int, seed: UInt64, threads: Int? = nil, mode: SamplingMode = .automatic,
    recordDetections: Bool = false, chunkGates: Int = 1 << 26,
    onChunk: ((PairChunk) -> Void)? = nil
  ) throws(PhotonicsError) -> PairRun {
    try Check.count(gates, 0...Int.max, "gates")
    let t = threads ?? Parallelism.maxThreads
    try Check.count(t, 1...1024, "threads")
    try Check.count(chunkGates, 1...Int.max, "chunk size (gates)")
    let batchSize = configuration.batchSize
    let batches = (gates + batchSize - 1) / batchSize
    let hasDrift = configuration.fibreA.drift != nil || configuration.fibreB.drift != nil
    if hasDrift {
      guard batches <= 1 << 26 else {
        throw .invalidConfiguration(
          "a drifting fibre needs at most 2^26 batches per run (one angle each); use a larger batchSize"
        )
      }
    }
    let angles: (alice: [Double], bob: [Double]) =
      hasDrift ? driftAngles(gates: gates, seed: seed) : ([], [])
    let baseTables = tables
    let configuration = configuration
    let na = configuration.aliceAnglesDegrees.count
    let nb = configuration.bobAnglesDegrees.count
    let record = recordDetections
    let work: @Sendable (Int) -> (PairStatistics, PairBatch?) = { b in
      var tab = baseTables
      if hasDrift, angles.alice[b] != 0 || angles.bob[b] != 0,
        let c = try? CompiledPairLink(
          configuration: configuration, driftAngleA: angles.alice[b], driftAngleB: angles.bob[b])
      {
        tab = PairLinkSimulator.eventTables(c)
      }
      let first = b * batchSize
      let n = min(batchSize, gates - first)
      let skip: Bool
      switch mode {
      case .automatic: skip = tab.clickProbability < 0.25
      case .direct: skip = false
      case .skipAhead: skip = true
      }
      let sink = PairSink(
        statistics: PairStatistics(aliceSettings: na, bobSettings: nb),
        records: record ? PairBatch() : nil, firstGate: UInt64(first), bobSettings: nb)
      var sampler = EventSampler(
        tables: tab, rng: Xoshiro256StarStar.stream(seed: seed, index: UInt64(b)), sink: sink)
      sampler.run(pulses: n, skipAhead: skip)
      return (sampler.sink.statistics, sampler.sink.records)
    }
    var total = PairStatistics(aliceSettings: na, bobSettings: nb)
    var all: PairBatch? = (record && onChunk == nil) ? PairBatch() : nil
    let group = max(t, (chunkGates + batchSize - 1) / batchSize)
    var chunkStart = 0
    BatchRunner.run(batches: batches, group: group, threads: t, work: work) { results in
      var chunkStats = PairStatistics(aliceSettings: na, bobSettings: nb)
      var chunkRecords: PairBatch? = record ? PairBatch() : nil
      for (s, r) in results {
        chunkStats.add(s)
        if let r { chunkRecords?.append(contentsOf: r) }
      }
      total.add(chunkStats)
      let first = chunkStart * batchSize
      let count = min(gates, (chunkStart + results.count) * batchSize) - first
      chunkStart += results.count
      if let onChunk {
        onChunk(
          PairChunk(
            firstGate: UInt64(first), gateCount: count, statistics: chunkStats,
            records: chunkRecords))
      } else if let r = chunkRecords {
        all?.append(contentsOf: r)
      }
    }
    return PairRun(gates: gates, seed: seed, statistics: total, records: all)
  }
}

/// Accumulates one batch of pair events.
struct PairSink: EventSink {
  var statistics: PairStatistics
  var records: PairBatch?
  let firstGate: UInt64
  let bobSettings: Int

  /// Result code (0 none, 1/2 single 0/1, 3/4 double squashed 0/1) of a two-detector mask.
  @inline(__always)
  static func result(_ mask: Int, _ coin: UInt64) -> Int {
    switch mask {
    case 1: return 1
    case 2: return 2
    case 3: return 3 + Int(coin & 1)
    default: return 0
    }
  }

  mutating func detection(pulse: Int, category: Int, outcome: Int, random: UInt64) {
    let ma = outcome & 3
    let mb = (outcome >> 2) & 3
    let ra = PairSink.result(ma, random)
    let rb = PairSink.result(mb, random >> 1)
    statistics.addGates(pair: category, count: 1)
    statistics.addResult(pair: category, alice: ra, bob: rb)
    if records != nil {
      records?.gateIndex.append(firstGate + UInt64(pulse))
      records?.aliceSetting.append(UInt8(category / bobSettings))
      records?.bobSetting.append(UInt8(category % bobSettings))
      records?.aliceClicks.append(UInt8(ma))
      records?.bobClicks.append(UInt8(mb))
      records?.aliceResult.append(ra == 0 ? 255 : UInt8((ra + 1) & 1))
      records?.bobResult.append(rb == 0 ? 255 : UInt8((rb + 1) & 1))
    }
  }

  mutating func noClicks(category: Int, count: Int) {
    statistics.addGates(pair: category, count: count)
    statistics.addResult(pair: category, alice: 0, bob: 0, count: count)
  }
}
