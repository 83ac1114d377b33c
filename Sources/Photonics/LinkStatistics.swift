import Foundation

/// Counts from a prepare-and-measure run, per (intensity, Alice's basis, Alice's bit, Bob's basis),
/// with detections split by Eve's observation and Bob's outcome. Everything a protocol or a
/// detector of eavesdropping needs (gains, error rates, double clicks, Eve's information) is
/// derived from these counts. Codable; statistics of consecutive chunks add up with ``add(_:)``.
public struct LinkStatistics: Sendable, Hashable, Codable {
  /// Bob's outcome on a detected pulse.
  public enum BobOutcome: Int, Sendable, CaseIterable {
    /// Only detector 0 clicked.
    case single0 = 0
    /// Only detector 1 clicked.
    case single1 = 1
    /// Both clicked; squashed to bit 0.
    case double0 = 2
    /// Both clicked; squashed to bit 1.
    case double1 = 3

    /// Bob's bit.
    public var bit: UInt8 { UInt8(rawValue & 1) }
    /// Whether it was a double click.
    public var isDoubleClick: Bool { rawValue >= 2 }
  }

  /// The number of intensities.
  public let intensityCount: Int
  /// Pulses sent per category (index ``category(intensity:aliceBasis:aliceBit:bobBasis:)``).
  public private(set) var sent: [UInt64]
  /// Detections per (category, Eve observation, Bob outcome): index (c·9 + eve)·4 + outcome.
  public private(set) var detections: [UInt64]

  /// Empty statistics for `intensityCount` intensities.
  public init(intensityCount: Int) {
    self.intensityCount = max(1, intensityCount)
    sent = [UInt64](repeating: 0, count: self.intensityCount * 8)
    detections = [UInt64](
      repeating: 0, count: self.intensityCount * 8 * EveObservation.allCases.count * 4)
  }

  /// The category index.
  public static func category(
    intensity: Int, aliceBasis: Basis, aliceBit: UInt8, bobBasis: Basis
  ) -> Int {
    CompiledLink.category(
      intensity: intensity, aliceBasis: aliceBasis, aliceBit: aliceBit, bobBasis: bobBasis)
  }

  mutating func addSent(category c: Int, count: Int) { sent[c] &+= UInt64(count) }

  mutating func addDetection(category c: Int, eve: Int, outcome: Int) {
    detections[(c * EveObservation.allCases.count + eve) * 4 + outcome] &+= 1
  }

  /// Adds the counts of `other` (same intensity count; otherwise nothing is added).
  public mutating func add(_ other: LinkStatistics) {
    guard other.intensityCount == intensityCount else { return }
    for i in sent.indices { sent[i] &+= other.sent[i] }
    for i in detections.indices { detections[i] &+= other.detections[i] }
  }

  private func categories(intensity: Int?, aliceBasis: Basis?, bobBasis: Basis?) -> [(
    c: Int, aB: Basis, bit: UInt8, bB: Basis
  )] {
    var out: [(Int, Basis, UInt8, Basis)] = []
    for i in 0..<intensityCount where intensity == nil || intensity == i {
      for aB in Basis.allCases where aliceBasis == nil || aliceBasis == aB {
        for bit in [UInt8(0), 1] {
          for bB in Basis.allCases where bobBasis == nil || bobBasis == bB {
            out.append(
              (
                LinkStatistics.category(intensity: i, aliceBasis: aB, aliceBit: bit, bobBasis: bB),
                aB, bit, bB
              ))
          }
        }
      }
    }
    return out
  }

  private func count(_ c: Int, eve: Int, outcome: Int) -> UInt64 {
    detections[(c * EveObservation.allCases.count + eve) * 4 + outcome]
  }

  /// Pulses sent (nil arguments: summed over that index).
  public func pulses(intensity: Int? = nil, aliceBasis: Basis? = nil, bobBasis: Basis? = nil)
    -> UInt64
  {
    categories(intensity: intensity, aliceBasis: aliceBasis, bobBasis: bobBasis).reduce(0) {
      $0 + sent[$1.c]
    }
  }

  /// Detected pulses (at least one click), optionally only those with a given Bob outcome.
  public func detected(
    intensity: Int? = nil, aliceBasis: Basis? = nil, bobBasis: Basis? = nil,
    outcome: BobOutcome? = nil
  ) -> UInt64 {
    var s: UInt64 = 0
    for k in categories(intensity: intensity, aliceBasis: aliceBasis, bobBasis: bobBasis) {
      for eve in 0..<EveObservation.allCases.count {
        for o in 0..<4 where outcome == nil || outcome?.rawValue == o {
          s += count(k.c, eve: eve, outcome: o)
        }
      }
    }
    return s
  }

  /// Double clicks.
  public func doubleClicks(intensity: Int? = nil, aliceBasis: Basis? = nil, bobBasis: Basis? = nil)
    -> UInt64
  {
    detected(intensity: intensity, aliceBasis: aliceBasis, bobBasis: bobBasis, outcome: .double0)
      + detected(
        intensity: intensity, aliceBasis: aliceBasis, bobBasis: bobBasis, outcome: .double1)
  }

  /// Sifted bits: detections with matching bases (in `basis`, or both).
  public func sifted(intensity: Int? = nil, basis: Basis? = nil) -> UInt64 {
    Basis.allCases.filter { basis == nil || basis == $0 }.reduce(0) {
      $0 + detected(intensity: intensity, aliceBasis: $1, bobBasis: $1)
    }
  }

  /// Sifted bits where Bob's (squashed) bit differs from Alice's.
  public func errors(intensity: Int? = nil, basis: Basis? = nil) -> UInt64 {
    var s: UInt64 = 0
    for b in Basis.allCases where basis == nil || basis == b {
      for k in categories(intensity: intensity, aliceBasis: b, bobBasis: b) {
        for eve in 0..<EveObservation.allCases.count {
          for o in BobOutcome.allCases where o.bit != k.bit {
            s += count(k.c, eve: eve, outcome: o.rawValue)
          }
        }
      }
    }
    return s
  }

  /// The gain Q = detected / sent for `intensity` (all bases).
  public func gain(intensity: Int) -> Double {
    let n = pulses(intensity: intensity)
    return n > 0 ? Double(detected(intensity: intensity)) / Double(n) : 0
  }

  /// The quantum bit error rate of the sifted key (errors / sifted).
  public func qber(intensity: Int? = nil, basis: Basis? = nil) -> Double {
    let n = sifted(intensity: intensity, basis: basis)
    return n > 0 ? Double(errors(intensity: intensity, basis: basis)) / Double(n) : 0
  }

  /// Sifted bits on which Eve holds a guess, and how many of those guesses are right (her guess
  /// is her result, or Alice's bit for a stored photon measured after the basis announcement).
  public func eveGuesses(intensity: Int? = nil) -> (guesses: UInt64, correct: UInt64) {
    var g: UInt64 = 0
    var right: UInt64 = 0
    for b in Basis.allCases {
      for k in categories(intensity: intensity, aliceBasis: b, bobBasis: b) {
        for eve in EveObservation.allCases {
          let n = (0..<4).reduce(UInt64(0)) { $0 + count(k.c, eve: Int(eve.rawValue), outcome: $1) }
          guard n > 0, let guess = eve.guess(aliceBit: k.bit, aliceBasis: b) else { continue }
          g += n
          if guess == k.bit { right += n }
        }
      }
    }
    return (g, right)
  }

  /// Eve's Shannon information about Alice's sifted bits in bits per sifted bit,
  /// I(A; E | basis) estimated from the counts (plug-in estimate): what Eve learned, to compare
  /// with the protocol's bound on it.
  public func eveInformationPerSiftedBit(intensity: Int? = nil) -> Double {
    var total = 0.0
    var info = 0.0
    for b in Basis.allCases {
      // joint[bit][eve]
      var joint = [[Double]](
        repeating: [Double](repeating: 0, count: EveObservation.allCases.count), count: 2)
      for k in categories(intensity: intensity, aliceBasis: b, bobBasis: b) {
        for eve in 0..<EveObservation.allCases.count {
          var n = 0.0
          for o in 0..<4 { n += Double(count(k.c, eve: eve, outcome: o)) }
          // A stored photon tells Alice's bit: split that code by the bit so it is informative.
          joint[Int(k.bit)][eve] += n
        }
      }
      var nb = 0.0
      for row in joint { nb += row.reduce(0, +) }
      guard nb > 0 else { continue }
      total += nb
      info += nb * LinkStatistics.mutualInformation(joint, storedIndex: 7)
    }
    return total > 0 ? info / total : 0
  }

  /// I(A; E) in bits from a joint count table joint[a][e]; Eve's observation `storedIndex`
  /// reveals a (she measures the stored photon in the announced basis).
  static func mutualInformation(_ joint: [[Double]], storedIndex: Int) -> Double {
    // Expand the stored code into one code per bit value.
    var table: [[Double]] = joint.map { $0 + [0] }
    let extra = table[0].count - 1
    table[1][extra] = table[1][storedIndex]
    table[1][storedIndex] = 0
    let n = table.reduce(0) { $0 + $1.reduce(0, +) }
    guard n > 0 else { return 0 }
    let pa = table.map { $0.reduce(0, +) / n }
    var pe = [Double](repeating: 0, count: table[0].count)
    for row in table { for (j, x) in row.enumerated() { pe[j] += x / n } }
    var i = 0.0
    for (a, row) in table.enumerated() {
      for (e, x) in row.enumerated() where x > 0 {
        let p = x / n
        i += p * log2(p / (pa[a] * pe[e]))
      }
    }
    return max(0, i)
  }
}
