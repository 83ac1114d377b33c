import Foundation
import QuantumEngine

/// How the compiled path draws pulses.
public enum SamplingMode: String, Sendable, Hashable, Codable {
  /// Skip-ahead when fewer than one pulse in four clicks, else direct.
  case automatic
  /// One alias-table draw per pulse.
  case direct
  /// Geometric skips over click-free pulses: cost follows the number of clicks.
  case skipAhead
}

/// One streamed piece of a run: consecutive batches, in order.
public struct LinkChunk: Sendable {
  /// Index of the first pulse of the chunk.
  public let firstPulse: UInt64
  /// Pulses in the chunk.
  public let pulseCount: Int
  /// Counts of this chunk only.
  public let statistics: LinkStatistics
  /// Detected pulses of this chunk (when recording).
  public let detections: PulseBatch?
}

/// The result of a compiled-path run.
public struct LinkRun: Sendable, Codable {
  /// Pulses simulated.
  public let pulses: Int
  /// The seed.
  public let seed: UInt64
  /// Counts of the whole run.
  public let statistics: LinkStatistics
  /// All detected pulses, when recorded and not streamed.
  public let detections: PulseBatch?
}

/// The compiled fast path for a prepare-and-measure link.
///
/// The configuration compiles once into exact outcome tables (``CompiledLink``); N pulses are then
/// simulated in fixed-size batches, batch k drawing from `Xoshiro256StarStar.stream(seed:, index:
/// k)`, so the result is identical for any thread count. With polarization drift the table is
/// recompiled per batch for that batch's angle.
public struct LinkSimulator: Sendable {
  /// The configuration.
  public let configuration: LinkConfiguration
  /// The tables at drift angle 0.
  public let compiled: CompiledLink
  private let tables: EventTables

  /// Validates and compiles `configuration`.
  /// - Throws: ``PhotonicsError``.
  public init(configuration: LinkConfiguration) throws(PhotonicsError) {
    self.configuration = configuration
    compiled = try CompiledLink(configuration: configuration)
    tables = LinkSimulator.eventTables(compiled)
  }

  static func eventTables(_ c: CompiledLink) -> EventTables {
    let r = c.configuration.receiver
    return EventTables(
      categoryProbabilities: c.categoryProbabilities, outcomes: c.outcomes, detectorCount: 2,
      deadTime: [r.detector0.deadTimeGates, r.detector1.deadTimeGates],
      afterpulse: [r.detector0.afterpulseProbability, r.detector1.afterpulseProbability])
  }

  /// The polarization drift angle of every batch of a run of `pulses` pulses with `seed` (all
  /// zero without drift).
  public func driftAngles(pulses: Int, seed: UInt64) -> [Double] {
    let b = configuration.batchSize
    let count = max(0, (pulses + b - 1) / b)
    guard let drift = configuration.fibre.drift else {
      return [Double](repeating: 0, count: count)
    }
    return drift.angles(
      seed: seed, batches: 0..<count, batchDuration: Double(b) / configuration.pulseRateHz)
  }

  /// Simulates `pulses` pulses.
  ///
  /// - Parameters:
  ///   - threads: threads to use (default ``Parallelism/maxThreads``); does not change results.
  ///   - recordDetections: keep every detected pulse (``PulseBatch``).
  ///   - chunkPulses: pulses per streamed chunk (rounded up to whole batches).
  ///   - onChunk: called in order with each chunk; when given, recorded detections go only to the
  ///     chunks, so memory stays bounded by the chunk size.
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` for a negative pulse count
  ///   or thread count below 1.
  public func run(
    pulses: Int, seed: UInt64, threads: Int? = nil, mode: SamplingMode = .automatic,
    recordDetections: Bool = false, chunkPulses: Int = 1 << 26,
    onChunk: ((LinkChunk) -> Void)? = nil
  ) throws(PhotonicsError) -> LinkRun {
    try Check.count(pulses, 0...Int.max, "pulses")
    let t = threads ?? Parallelism.maxThreads
    try Check.count(t, 1...1024, "threads")
    try Check.count(chunkPulses, 1...Int.max, "chunk size (pulses)")
    let batchSize = configuration.batchSize
    let batches = (pulses + batchSize - 1) / batchSize
    let hasDrift = configuration.fibre.drift != nil
    if hasDrift {
      guard batches <= 1 << 26 else {
        throw .invalidConfiguration(
          "a drifting fibre needs at most 2^26 batches per run (one angle each); use a larger batchSize"
        )
      }
    }
    let angles = hasDrift ? driftAngles(pulses: pulses, seed: seed) : []
    let baseTables = tables
    let configuration = configuration
    let intensityCount = configuration.source.intensities.count
    let record = recordDetections
    let work: @Sendable (Int) -> (LinkStatistics, PulseBatch?) = { b in
      var tab = baseTables
      if hasDrift, angles[b] != 0,
        let c = try? CompiledLink(configuration: configuration, driftAngle: angles[b])
      {
        tab = LinkSimulator.eventTables(c)
      }
      let first = b * batchSize
      let n = min(batchSize, pulses - first)
      let skip: Bool
      switch mode {
      case .automatic: skip = tab.clickProbability < 0.25
      case .direct: skip = false
      case .skipAhead: skip = true
      }
      let sink = LinkSink(
        statistics: LinkStatistics(intensityCount: intensityCount),
        detections: record ? PulseBatch() : nil, firstPulse: UInt64(first))
      var sampler = EventSampler(
        tables: tab, rng: Xoshiro256StarStar.stream(seed: seed, index: UInt64(b)), sink: sink)
      sampler.run(pulses: n, skipAhead: skip)
      return (sampler.sink.statistics, sampler.sink.detections)
    }
    var total = LinkStatistics(intensityCount: intensityCount)
    var all: PulseBatch? = (record && onChunk == nil) ? PulseBatch() : nil
    let group = max(t, (chunkPulses + batchSize - 1) / batchSize)
    var chunkStart = 0
    BatchRunner.run(batches: batches, group: group, threads: t, work: work) { results in
      var chunkStats = LinkStatistics(intensityCount: intensityCount)
      var chunkDetections: PulseBatch? = record ? PulseBatch() : nil
      for (s, d) in results {
        chunkStats.add(s)
        if let d { chunkDetections?.append(contentsOf: d) }
      }
      total.add(chunkStats)
      let first = chunkStart * batchSize
      let count = min(pulses, (chunkStart + results.count) * batchSize) - first
      chunkStart += results.count
      if let onChunk {
        onChunk(
          LinkChunk(
            firstPulse: UInt64(first), pulseCount: count, statistics: chunkStats,
            detections: chunkDetections))
      } else if let d = chunkDetections {
        all?.append(contentsOf: d)
      }
    }
    return LinkRun(pulses: pulses, seed: seed, statistics: total, detections: all)
  }
}

/// Accumulates one batch's events into statistics and (optionally) detection records.
struct LinkSink: EventSink {
  var statistics: LinkStatistics
  var detections: PulseBatch?
  let firstPulse: UInt64

  @inline(__always)
  mutating func detection(pulse: Int, category: Int, outcome: Int, random: UInt64) {
    let mask = outcome & 3
    let eve = outcome >> 2
    let bob: Int = mask == 3 ? 2 + Int(random & 1) : (mask == 1 ? 0 : 1)
    statistics.addSent(category: category, count: 1)
    statistics.addDetection(category: category, eve: eve, outcome: bob)
    if detections != nil {
      detections?.append(
        pulse: firstPulse + UInt64(pulse), category: category, eve: UInt8(eve),
        clicks: UInt8(mask), bobBit: UInt8(bob & 1))
    }
  }

  @inline(__always)
  mutating func noClicks(category: Int, count: Int) {
    statistics.addSent(category: category, count: count)
  }
}
