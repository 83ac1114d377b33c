import ClassicalCrypto
import Foundation
import Photonics
import QuantumEngine

/// Counts of what happened in the gates a ``BeamSplitterSource`` simulated.
public struct SourceStatistics: Sendable, Hashable, Codable {
  /// Detector gates simulated.
  public var gates = 0
  /// Gates in which only the bit-0 detector clicked (bit 0 emitted).
  public var zeros = 0
  /// Gates in which only the bit-1 detector clicked (bit 1 emitted).
  public var ones = 0
  /// Gates in which both detectors clicked (discarded).
  public var doubleClicks = 0

  /// Creates empty counts.
  public init() {}

  /// Raw bits emitted.
  public var bits: Int { zeros + ones }
}

/// The seeded simulation of a ``BeamSplitterSourceConfiguration``, gate by gate, with the
/// detectors' memory (dead time, afterpulsing) carried from gate to gate.
///
/// Per gate the polarizing beam splitter sends a photon to the transmitted port with
/// probability t = (1 − ε)cos²θ + ε sin²θ (leakage ε). A detector with efficiency η and dark
/// count probability d that is live stays silent with probability
/// (1 − d)(1 − a)·[1 − η for a single photon routed to it | e^{−ημt_i} for a coherent pulse
/// with mean μt_i in its port], where a is the afterpulse probability in the first live gate
/// after a dead time and 0 otherwise. The four joint outcomes are drawn with one uniform
/// number; when both detectors rest and clicks are rare (an empty gate has probability ≥ 0.75)
/// the run of empty gates is skipped
/// in one geometric draw, so the cost follows the number of clicks.
public struct BeamSplitterSource: Sendable {
  /// The simulated optics and detectors.
  public let configuration: BeamSplitterSourceConfiguration
  /// What has been simulated so far.
  public private(set) var statistics = SourceStatistics()

  private var generator: Xoshiro256StarStar
  /// Remaining dead gates of each detector.
  private var dead0 = 0
  private var dead1 = 0
  /// Whether each detector's next live gate can afterpulse.
  private var armed0 = false
  private var armed1 = false
  /// The key (2·drift segment + failed) of the cached outcome tables, and the tables.
  private var segment = -1
  private var tables = OutcomeTables()
  /// The gate at which the tables must be rebuilt (next drift segment or the failure).
  private var nextRefresh = 0
  /// Detector constants, copied out of the configuration for the gate loop.
  private let deadTime0: Int
  private let deadTime1: Int
  private let afterpulses0: Bool
  private let afterpulses1: Bool

  /// A source whose randomness comes from xoshiro256** seeded with `seed`.
  public init(configuration: BeamSplitterSourceConfiguration, seed: UInt64) {
    self.init(configuration: configuration, generator: Xoshiro256StarStar(seed: seed))
  }

  /// A source drawing from the given generator state.
  public init(configuration: BeamSplitterSourceConfiguration, generator: Xoshiro256StarStar) {
    self.configuration = configuration
    self.generator = generator
    deadTime0 = configuration.detector0.deadTimeGates
    deadTime1 = configuration.detector1.deadTimeGates
    afterpulses0 = configuration.detector0.afterpulseProbability > 0
    afterpulses1 = configuration.detector1.afterpulseProbability > 0
  }

  /// The next `count` raw bits.
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)`` for a negative count or
  ///   a source that produced no bit in 10^9 gates (all efficiencies zero).
  public mutating func nextBits(_ count: Int) throws(QRNGError) -> BitVector {
    try QRNGError.check(count, in: 0...(Int.max / 2), name: "raw bit count")
    var words = [UInt64](repeating: 0, count: (count + 63) / 64)
    var produced = 0
    var idleGates = 0
    while produced < count {
      let before = statistics.gates
      if let bit = nextBit() {
        if bit { words[produced >> 6] |= 1 << UInt64(produced & 63) }
        produced += 1
        idleGates = 0
      } else {
        idleGates += statistics.gates - before
        if idleGates > 1_000_000_000 {
          throw .invalidParameter(
            name: "source", value: "no detection in 10^9 gates",
            allowed: "detectors with non-zero efficiency or dark counts")
        }
      }
    }
    return (try? BitVector(words: words, count: count)) ?? BitVector([])
  }

  /// Below this probability of an empty gate, gates are drawn one by one; above it a run of
  /// empty gates is skipped with one geometric draw.
  static let skipThreshold = 0.75

  /// Simulates gates until one yields a bit, or a bounded run of gates passes without one
  /// (then nil).
  mutating func nextBit() -> Bool? {
    for _ in 0..<4096 {
      if statistics.gates >= nextRefresh { refreshTables() }
      let index =
        (dead0 == 0 ? 1 : 0) | (dead1 == 0 ? 2 : 0) | (armed0 && dead0 == 0 ? 4 : 0)
        | (armed1 && dead1 == 0 ? 8 : 0)
      let probabilities = tables.table[index]
      if index == 3 && probabilities.none >= Self.skipThreshold {
        // Resting detectors, rare clicks: skip the empty gates geometrically, without
        // crossing the next table refresh.
        let pNone = probabilities.none
        let room = nextRefresh - statistics.gates
        guard pNone < 1 else {
          statistics.gates += max(1, min(1 << 20, room))
          continue
        }
        let u = generator.nextUnitDouble()
        let skip = u > 0 ? Int(min(1e15, (log(u) / tables.logRestingNone).rounded(.down))) : 0
        if skip >= room {
          statistics.gates += room
          continue
        }
        statistics.gates += skip
        // The gate after the skipped run has at least one click.
        let v = pNone + generator.nextUnitDouble() * (1 - pNone)
        return record(outcome: probabilities.draw(v))
      }
      // Dead gates tick down; a live gate uses up its afterpulse chance.
      if dead0 > 0 { dead0 -= 1 } else { armed0 = false }
      if dead1 > 0 { dead1 -= 1 } else { armed1 = false }
      let outcome = probabilities.draw(generator.nextUnitDouble())
      if outcome == .none {
        statistics.gates += 1
        continue
      }
      if let bit = record(outcome: outcome) { return bit }
    }
    return nil
  }

  /// Counts the gate's outcome, starts dead times after clicks, and returns its bit.
  private mutating func record(outcome: ClickPattern) -> Bool? {
    statistics.gates += 1
    switch outcome {
    case .detector0:
      dead0 = deadTime0
      armed0 = afterpulses0
      statistics.zeros += 1
      return false
    case .detector1:
      dead1 = deadTime1
      armed1 = afterpulses1
      statistics.ones += 1
      return true
    case .both:
      dead0 = deadTime0
      armed0 = afterpulses0
      dead1 = deadTime1
      armed1 = afterpulses1
      statistics.doubleClicks += 1
      return nil
    case .none:
      return nil
    }
  }

  /// Recomputes the outcome tables when the drift moves to a new segment or a detector fails.
  private mutating func refreshTables() {
    let failed = configuration.detectorFailure.map { statistics.gates >= $0.afterGates } ?? false
    var angle = configuration.polarizationAngle
    var current = 0
    if let drift = configuration.drift {
      current = statistics.gates / SourceDrift.segmentGates
      let phase =
        2 * Double.pi * Double(current * SourceDrift.segmentGates)
        / Double(drift.periodGates)
      angle += drift.amplitude * sin(phase)
    }
    // Segment keys: 2·segment + failed, so a failure forces a rebuild.
    let key = 2 * current + (failed ? 1 : 0)
    nextRefresh =
      configuration.drift == nil ? Int.max : (current + 1) * SourceDrift.segmentGates
    if let failure = configuration.detectorFailure, !failed {
      nextRefresh = min(nextRefresh, failure.afterGates)
    }
    guard key != segment else { return }
    tables = OutcomeTables(
      configuration: configuration, angle: angle,
      failedDetector: failed ? configuration.detectorFailure?.detector : nil)
    segment = key
  }
}

/// The four outcome probabilities of one gate, with cumulative thresholds for drawing.
struct GateOutcome {
  var none = 1.0
  var only0 = 0.0
  var only1 = 0.0
  /// none + only0 and none + only0 + only1.
  var upTo0 = 1.0
  var upTo1 = 1.0

  init() {}

  init(none: Double, only0: Double, only1: Double) {
    self.none = none
    self.only0 = only0
    self.only1 = only1
    upTo0 = none + only0
    upTo1 = none + only0 + only1
  }

  /// The outcome for a uniform u in [0, 1).
  @inline(__always)
  func draw(_ u: Double) -> ClickPattern {
    if u < none { return .none }
    if u < upTo0 { return .detector0 }
    if u < upTo1 { return .detector1 }
    return .both
  }
}

/// Gate outcome probabilities for every detector state at one polarization angle.
struct OutcomeTables {
  /// Indexed by live0 + 2·live1 + 4·armed0 + 8·armed1.
  var table = InlineArray<16, GateOutcome>(repeating: GateOutcome())
  /// log of the resting state's empty-gate probability, for geometric skips.
  var logRestingNone = 0.0

  init() {}

  init(configuration c: BeamSplitterSourceConfiguration, angle: Double, failedDetector: Int?) {
    let leak = c.beamSplitter.leakage
    let cos2 = cos(angle) * cos(angle)
    let t = (1 - leak) * cos2 + leak * (1 - cos2)
    let d0 = c.detector0
    let d1 = c.detector1
    for index in 0..<16 {
      let live0 = index & 1 != 0 && failedDetector != 0
      let live1 = index & 2 != 0 && failedDetector != 1
      let armed0 = index & 4 != 0
      let armed1 = index & 8 != 0
      // Probability that each detector stays silent from noise alone (dark count,
      // afterpulse); a dead detector is always silent.
      let quiet0 =
        live0 ? (1 - d0.darkCountProbability) * (armed0 ? 1 - d0.afterpulseProbability : 1) : 1
      let quiet1 =
        live1 ? (1 - d1.darkCountProbability) * (armed1 ? 1 - d1.afterpulseProbability : 1) : 1
      let eta0 = live0 ? d0.efficiency : 0
      let eta1 = live1 ? d1.efficiency : 0
      let silent0: Double
      let silent1: Double
      let bothSilent: Double
      switch c.source {
      case .singlePhoton:
        // The photon takes one port; only that detector can see it.
        silent0 = quiet0 * (1 - t * eta0)
        silent1 = quiet1 * (1 - (1 - t) * eta1)
        bothSilent = quiet0 * quiet1 * (t * (1 - eta0) + (1 - t) * (1 - eta1))
      case .weakCoherent(let mu):
        // Poisson light splits into independent Poisson beams: the ports are independent.
        silent0 = quiet0 * exp(-eta0 * mu * t)
        silent1 = quiet1 * exp(-eta1 * mu * (1 - t))
        bothSilent = silent0 * silent1
      }
      // Detector 1 silent but not detector 0, and the reverse.
      table[index] = GateOutcome(
        none: bothSilent, only0: max(0, silent1 - bothSilent), only1: max(0, silent0 - bothSilent))
    }
    logRestingNone = log(table[3].none)
  }

  /// The resting state: both detectors live and not armed.
  var resting: GateOutcome { table[3] }
}
