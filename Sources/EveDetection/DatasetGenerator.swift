import Dispatch
import Foundation
import QuantumEngine

/// Simulates labelled sessions on random links: draws a nominal link, a true link within the
/// calibration tolerance, an attack, and the session's counts straight from the exact outcome
/// probabilities (a multinomial, see ``SessionOutcomeModel/sampleSession(pulses:using:)``); then
/// computes the ``LinkFeatures`` against the nominal link.
///
/// Session `i` uses its own generator stream `Xoshiro256StarStar.stream(seed:index:)`, so the data
/// set is the same for any thread count.
public struct DatasetGenerator: Sendable, Codable, Equatable {
  /// Link ranges.
  public var ranges: LinkRanges
  /// Calibration error of the nominal link.
  public var tolerance: CalibrationTolerance
  /// Attacks and their strengths.
  public var attacks: AttackMix
  /// Expected sifted signal bits per session (on the nominal link).
  public var siftedBitsPerSession: Int
  /// Alice's settings.
  public var decoyProtocol: DecoyProtocol

  /// Creates a generator; throws if the session size is outside 100...10⁹.
  public init(
    ranges: LinkRanges = .training, tolerance: CalibrationTolerance = .standard,
    attacks: AttackMix = .standard, siftedBitsPerSession: Int = 100_000,
    decoyProtocol: DecoyProtocol = .standard
  ) throws {
    guard (100...1_000_000_000).contains(siftedBitsPerSession) else {
      throw EveDetectionError.invalidParameter(
        name: "siftedBitsPerSession", value: Double(siftedBitsPerSession), allowed: "100...1e9")
    }
    try ranges.validate()
    self.ranges = ranges
    self.tolerance = tolerance
    self.attacks = attacks
    self.siftedBitsPerSession = siftedBitsPerSession
    self.decoyProtocol = decoyProtocol
  }

  /// One simulated session.
  public struct Session: Sendable {
    /// What the detector is told.
    public var calibration: LinkCalibration
    /// The true link.
    public var trueLink: LinkParameters
    /// The attack.
    public var attack: Attack
    /// The drawn counts.
    public var counts: SessionCounts
    /// The attack-free model of the nominal link (what the detector expects).
    public var expected: SessionOutcomeModel
  }

  /// Simulates session number `index` of the stream `seed`.
  public func session(seed: UInt64, index: Int) throws -> Session {
    var g = Xoshiro256StarStar.stream(seed: seed, index: UInt64(index))
    var nominal = ranges.draw(using: &g)
    var clean = try SessionOutcomeModel(link: nominal, decoyProtocol: decoyProtocol)
    var attempts = 0
    while clean.cells[0][0].qber > ranges.maximumExpectedQBER {
      attempts += 1
      guard attempts < 1000 else {
        throw EveDetectionError.invalidParameter(
          name: "maximumExpectedQBER", value: ranges.maximumExpectedQBER,
          allowed: "a value that some links in the ranges satisfy")
      }
      nominal = ranges.draw(using: &g)
      clean = try SessionOutcomeModel(link: nominal, decoyProtocol: decoyProtocol)
    }
    let trueLink = tolerance.perturb(nominal, using: &g)
    let attack = attacks.draw(using: &g)
    let model = try SessionOutcomeModel(
      link: trueLink, decoyProtocol: decoyProtocol, attack: attack)
    let counts = try model.sampleSession(
      pulses: clean.pulses(forSiftedSignalBits: siftedBitsPerSession), using: &g)
    return Session(
      calibration: LinkCalibration(nominal: nominal, decoyProtocol: decoyProtocol),
      trueLink: trueLink, attack: attack, counts: counts, expected: clean)
  }

  /// Generates `count` labelled sessions with the given seed, on all cores.
  public func generate(count: Int, seed: UInt64) throws -> DetectionDataset {
    guard count >= 1 else {
      throw EveDetectionError.invalidParameter(name: "count", value: Double(count), allowed: ">= 1")
    }
    let d = LinkFeatures.names.count
    let chunks = min(count, 64)
    let results = ChunkResults(count: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      let start = chunk * count / chunks
      let end = (chunk + 1) * count / chunks
      var values = [Double]()
      values.reserveCapacity((end - start) * d)
      var labels = [SessionLabel]()
      do {
        for i in start..<end {
          let s = try session(seed: seed, index: i)
          values.append(contentsOf: try LinkFeatures(counts: s.counts, expected: s.expected).vector)
          var breidbart = false
          if case .interceptResend(_, .breidbart) = s.attack { breidbart = true }
          labels.append(
            SessionLabel(
              family: s.attack.family, breidbart: breidbart, strength: s.attack.strength,
              lengthKm: s.calibration.nominal.lengthKm,
              detectorEfficiency: s.calibration.nominal.detectorEfficiency))
        }
        results.set(chunk, .success((values, labels)))
      } catch {
        results.set(chunk, .failure(error))
      }
    }
    var values = [Double]()
    values.reserveCapacity(count * d)
    var labels = [SessionLabel]()
    for r in results.take() {
      let (v, l) = try r.get()
      values += v
      labels += l
    }
    return try DetectionDataset(
      featureNames: LinkFeatures.names,
      features: FeatureMatrix(rows: count, columns: d, values: values), labels: labels)
  }
}

/// Per-chunk results written from concurrent workers, each slot once, under a lock.
final class ChunkResults: @unchecked Sendable {
  private var slots: [Result<([Double], [SessionLabel]), any Error>?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Result<([Double], [SessionLabel]), any Error>) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  func take() -> [Result<([Double], [SessionLabel]), any Error>] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0 ?? .failure(EveDetectionError.empty(what: "generator chunk")) }
  }
}
