import Photonics

/// What one party holds after the quantum phase: for every gate in which one of its detectors
/// clicked, the gate index, the analyzer setting it chose and its (squashed) bit.
public struct E91Records: Sendable, Hashable {
  /// Gate index of each detection, ascending.
  public internal(set) var gateIndex: [UInt64] = []
  /// The setting index chosen at that gate.
  public internal(set) var setting: [UInt8] = []
  /// The bit read (a double click squashed to a random bit).
  public internal(set) var bit: [UInt8] = []
  /// How many detections were double clicks.
  public internal(set) var doubleClicks = 0

  /// The number of detections.
  public var count: Int { gateIndex.count }

  /// The position of gate `index` among the records (binary search), nil when not detected.
  func position(ofGate index: UInt64) -> Int? {
    var lo = 0
    var hi = gateIndex.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if gateIndex[mid] < index { lo = mid + 1 } else { hi = mid }
    }
    return lo < gateIndex.count && gateIndex[lo] == index ? lo : nil
  }

  mutating func append(gate: UInt64, setting s: UInt8, bit b: UInt8, doubleClick: Bool) {
    gateIndex.append(gate)
    setting.append(s)
    bit.append(b)
    if doubleClick { doubleClicks += 1 }
  }
}

/// The output of ``E91QuantumPhase``.
public struct E91QuantumPhaseResult: Sendable {
  /// Alice's detections.
  public var alice: E91Records
  /// Bob's detections.
  public var bob: E91Records
  /// The simulator's counts per setting pair and result (ground truth, for the report and for
  /// checks; the protocol never reads it).
  public var statistics: PairStatistics
  /// The per-gate transcript, on the exact path only.
  public var transcript: [PairRecord]?
}

/// Stage 1: the source emits pairs, Eve acts, both fibres carry the photons, Alice and Bob each
/// pick a random analyzer setting per gate and measure.
///
/// On the compiled path the link is compiled once into exact outcome tables per setting pair
/// and sampled in batches with independent ``QuantumEngine/Xoshiro256StarStar`` streams
/// (``Photonics/PairLinkSimulator``), identical for any thread count; on the exact path every
/// pair is a two-qubit density matrix sent through the channels and measured
/// (``Photonics/ExactPairLinkSimulator``), with a per-gate transcript.
public struct E91QuantumPhase: Sendable {
  /// The session configuration.
  public let configuration: E91Configuration

  /// A quantum phase for `configuration` (validated).
  /// - Throws: ``E91ConfigurationError``.
  public init(configuration: E91Configuration) throws(E91ConfigurationError) {
    try configuration.validate()
    self.configuration = configuration
  }

  /// The seed of the quantum phase, derived from the session seed.
  var quantumSeed: UInt64 { BB84Seeds.derive(configuration.seed, stream: .quantum) }

  /// Runs the phase; `progress` gets the fraction of gates simulated (compiled path: per chunk).
  /// - Throws: ``E91ConfigurationError/invalidLink(_:)`` if the Photonics layer refuses the link
  ///   or the thread count.
  public func run(threads: Int? = nil, progress: (@Sendable (Double) -> Void)? = nil)
    throws(E91ConfigurationError) -> E91QuantumPhaseResult
  {
    let link = configuration.link
    let n = configuration.pairCount
    do {
      switch configuration.quantumPath {
      case .exact:
        let run = try ExactPairLinkSimulator(configuration: link).run(gates: n, seed: quantumSeed)
        var result = Self.split(run.records, statistics: run.statistics)
        result.transcript = run.records
        progress?(1)
        return result
      case .compiled:
        let simulator = try PairLinkSimulator(configuration: link)
        let sink = E91RecordSink()
        let chunk = max(link.batchSize, min(n, 1 << 24))
        let run = try simulator.run(
          gates: n, seed: quantumSeed, threads: threads, recordDetections: true, chunkGates: chunk
        ) { piece in
          if let r = piece.records { sink.append(r) }
          progress?(Double(piece.firstGate + UInt64(piece.gateCount)) / Double(max(n, 1)))
        }
        return E91QuantumPhaseResult(
          alice: sink.alice, bob: sink.bob, statistics: run.statistics, transcript: nil)
      }
    } catch {
      throw .invalidLink(error.description)
    }
  }

  /// Splits exact-path records into the two parties' detections.
  static func split(_ records: [PairRecord], statistics: PairStatistics) -> E91QuantumPhaseResult {
    var alice = E91Records()
    var bob = E91Records()
    for r in records {
      let gate = UInt64(r.gateIndex)
      if let bit = r.aliceBit {
        alice.append(
          gate: gate, setting: UInt8(truncatingIfNeeded: r.aliceSetting), bit: bit,
          doubleClick: r.aliceClicks == .both)
      }
      if let bit = r.bobBit {
        bob.append(
          gate: gate, setting: UInt8(truncatingIfNeeded: r.bobSetting), bit: bit,
          doubleClick: r.bobClicks == .both)
      }
    }
    return E91QuantumPhaseResult(alice: alice, bob: bob, statistics: statistics, transcript: nil)
  }
}

/// Collects streamed chunks on the calling thread (the simulator delivers them in order).
private final class E91RecordSink {
  var alice = E91Records()
  var bob = E91Records()

  func append(_ batch: PairBatch) {
    // Work on local copies so the per-detection appends touch no class storage.
    var a = alice
    var b = bob
    alice = E91Records()
    bob = E91Records()
    let double = ClickPattern.both.rawValue
    for i in 0..<batch.count {
      let gate = batch.gateIndex[i]
      if batch.aliceResult[i] != 255 {
        a.append(
          gate: gate, setting: batch.aliceSetting[i], bit: batch.aliceResult[i],
          doubleClick: batch.aliceClicks[i] == double)
      }
      if batch.bobResult[i] != 255 {
        b.append(
          gate: gate, setting: batch.bobSetting[i], bit: batch.bobResult[i],
          doubleClick: batch.bobClicks[i] == double)
      }
    }
    alice = a
    bob = b
  }
}
