import Photonics

/// What Alice holds after the quantum phase: the intensity, basis and bit of every pulse that
/// Bob detected, in pulse order, and how many pulses she sent at each intensity.
///
/// (A real Alice keeps every pulse until Bob announces his detections; the simulation keeps only
/// the detected ones, which is all the protocol ever looks up.)
public struct BB84AliceRecords: Sendable, Hashable {
  /// Pulse index of each record, ascending.
  public internal(set) var pulseIndex: [UInt64] = []
  /// Intensity index (0 = signal).
  public internal(set) var intensity: [UInt8] = []
  /// Basis (``Basis`` raw value: 0 Z, 1 X).
  public internal(set) var basis: [UInt8] = []
  /// The encoded bit.
  public internal(set) var bit: [UInt8] = []
  /// Pulses sent per intensity.
  public internal(set) var pulsesPerIntensity: [Int]

  init(intensityCount: Int) {
    pulsesPerIntensity = [Int](repeating: 0, count: intensityCount)
  }

  /// The position of pulse `index` among the records (binary search), nil when not detected.
  func position(ofPulse index: UInt64) -> Int? {
    var lo = 0
    var hi = pulseIndex.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if pulseIndex[mid] < index { lo = mid + 1 } else { hi = mid }
    }
    return lo < pulseIndex.count && pulseIndex[lo] == index ? lo : nil
  }
}

/// What Bob holds after the quantum phase: for every pulse in which a detector clicked, its
/// index, his basis and his (squashed) bit.
public struct BB84BobRecords: Sendable, Hashable {
  /// Pulse index of each detection, ascending.
  public internal(set) var pulseIndex: [UInt64] = []
  /// Bob's basis (``Basis`` raw value).
  public internal(set) var basis: [UInt8] = []
  /// Bob's bit (a double click squashed to a random bit).
  public internal(set) var bit: [UInt8] = []
  /// How many detections were double clicks.
  public internal(set) var doubleClicks = 0
}

/// The output of ``BB84QuantumPhase``.
public struct BB84QuantumPhaseResult: Sendable {
  /// Alice's records.
  public var alice: BB84AliceRecords
  /// Bob's records.
  public var bob: BB84BobRecords
  /// The simulator's counts (ground truth, including Eve's observations; for the report and
  /// for checks, never used by the protocol).
  public var statistics: LinkStatistics
  /// The per-pulse transcript, on the exact path only.
  public var transcript: [PulseRecord]?
}

/// Stage 1: Alice sends the pulses, Eve acts, Bob measures.
///
/// On the compiled path (``BB84QuantumPath/compiled``) the link is compiled once into exact
/// outcome tables and sampled in seeded batches, identical for any thread count; on the exact
/// path every pulse is a quantum state and the run keeps a per-pulse ``PulseRecord`` transcript.
public struct BB84QuantumPhase: Sendable {
  /// The session configuration.
  public let configuration: BB84Configuration

  /// A quantum phase for `configuration` (validated).
  /// - Throws: ``BB84ConfigurationError``.
  public init(configuration: BB84Configuration) throws(BB84ConfigurationError) {
    try configuration.validate()
    self.configuration = configuration
  }

  /// The seed of the quantum phase, derived from the session seed.
  var quantumSeed: UInt64 { BB84Seeds.derive(configuration.seed, stream: .quantum) }

  /// Runs the phase. `progress` is called with the fraction of pulses simulated so far (compiled
  /// path: after each chunk, in order).
  /// - Throws: ``BB84ConfigurationError/invalidLink(_:)`` if the Photonics layer refuses the link.
  public func run(threads: Int? = nil, progress: (@Sendable (Double) -> Void)? = nil)
    throws(BB84ConfigurationError) -> BB84QuantumPhaseResult
  {
    let link = configuration.link
    let n = configuration.pulseCount
    do {
      switch configuration.quantumPath {
      case .exact:
        let run = try ExactLinkSimulator(configuration: link).run(pulses: n, seed: quantumSeed)
        var result = Self.split(run.records, statistics: run.statistics)
        result.transcript = run.records
        progress?(1)
        return result
      case .compiled:
        let simulator = try LinkSimulator(configuration: link)
        let sink = RecordSink(intensityCount: link.source.intensities.count)
        let chunk = max(link.batchSize, min(n, 1 << 24))
        let run = try simulator.run(
          pulses: n, seed: quantumSeed, threads: threads, recordDetections: true,
          chunkPulses: chunk
        ) { piece in
          if let d = piece.detections { Self.append(d, alice: &sink.alice, bob: &sink.bob) }
          progress?(Double(piece.firstPulse + UInt64(piece.pulseCount)) / Double(max(n, 1)))
        }
        var alice = sink.alice
        let bob = sink.bob
        for i in alice.pulsesPerIntensity.indices {
          alice.pulsesPerIntensity[i] = Int(run.statistics.pulses(intensity: i))
        }
        return BB84QuantumPhaseResult(
          alice: alice, bob: bob, statistics: run.statistics, transcript: nil)
      }
    } catch {
      throw .invalidLink(error.description)
    }
  }

  static func append(_ d: PulseBatch, alice: inout BB84AliceRecords, bob: inout BB84BobRecords) {
    alice.pulseIndex += d.pulseIndex
    alice.intensity += d.intensity
    alice.basis += d.aliceBasis
    alice.bit += d.aliceBit
    bob.pulseIndex += d.pulseIndex
    bob.basis += d.bobBasis
    bob.bit += d.bobBit
    for c in d.clicks where c == ClickPattern.both.rawValue { bob.doubleClicks += 1 }
  }

  static func split(_ records: [PulseRecord], statistics: LinkStatistics)
    -> BB84QuantumPhaseResult
  {
    var alice = BB84AliceRecords(intensityCount: statistics.intensityCount)
    var bob = BB84BobRecords()
    for r in records {
      if r.intensity >= 0, r.intensity < alice.pulsesPerIntensity.count {
        alice.pulsesPerIntensity[r.intensity] += 1
      }
      guard let bit = r.bobBit else { continue }
      let index = UInt64(r.pulseIndex)
      alice.pulseIndex.append(index)
      alice.intensity.append(UInt8(truncatingIfNeeded: r.intensity))
      alice.basis.append(r.aliceBasis.rawValue)
      alice.bit.append(r.aliceBit)
      bob.pulseIndex.append(index)
      bob.basis.append(r.bobBasis.rawValue)
      bob.bit.append(bit)
      if r.clicks == .both { bob.doubleClicks += 1 }
    }
    return BB84QuantumPhaseResult(alice: alice, bob: bob, statistics: statistics, transcript: nil)
  }
}

/// Collects streamed chunks on the calling thread (the simulator delivers chunks in order).
private final class RecordSink {
  var alice: BB84AliceRecords
  var bob = BB84BobRecords()

  init(intensityCount: Int) { alice = BB84AliceRecords(intensityCount: intensityCount) }
}

/// Independent random streams of a session, all derived from its seed.
enum BB84Seeds {
  enum Stream: UInt64 {
    case quantum = 1
    case alice = 2
    case bob = 3
    case authenticationKey = 4
  }

  /// SplitMix64 finaliser of seed ⊕ stream constant (Steele, Lea & Flood, OOPSLA 2014).
  static func derive(_ seed: UInt64, stream: Stream) -> UInt64 {
    var z = seed &+ stream.rawValue &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
