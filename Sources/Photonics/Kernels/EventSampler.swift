import Foundation
import QuantumEngine

/// Receives the events of one batch from ``EventSampler``.
protocol EventSink {
  /// Pulse `pulse` (index within the batch) of `category` gave `outcome`, with at least one
  /// click; `random` holds fresh random bits when two or more detectors clicked (for squashing),
  /// else 0.
  mutating func detection(pulse: Int, category: Int, outcome: Int, random: UInt64)
  /// `count` pulses of `category` gave no click.
  mutating func noClicks(category: Int, count: Int)
}

/// The fast-path inner loop: samples a batch of pulses from ``EventTables``.
///
/// Direct mode draws one (category, outcome) pair per pulse from an alias table. Skip-ahead mode
/// draws the gap to the next clicking pulse from the geometric distribution (cost follows the
/// number of clicks, not of pulses), then the clicking (category, outcome) from its own alias
/// table; the skipped pulses are spread over categories by one multinomial draw at the end of
/// the batch, which has exactly the distribution of the per-pulse process. Detector memory is
/// followed within the batch: while some detectors are dead the skip uses tables with those
/// detectors blind (so dead time costs nothing per gate), and a gate with an afterpulse due is
/// simulated on its own.
struct EventSampler<Sink: EventSink> {
  let tables: EventTables
  var rng: Xoshiro256StarStar
  var sink: Sink
  private var deadUntil: [Int]
  private var afterpulseAt: [Int]
  private var noClick: [Int]
  private let maskBits: Int

  init(tables: EventTables, rng: Xoshiro256StarStar, sink: Sink) {
    self.tables = tables
    self.rng = rng
    self.sink = sink
    deadUntil = [Int](repeating: 0, count: tables.detectorCount)
    afterpulseAt = [Int](repeating: -1, count: tables.detectorCount)
    noClick = [Int](repeating: 0, count: tables.categoryCount)
    maskBits = (1 << tables.detectorCount) - 1
  }

  /// Simulates `pulses` pulses (indices 0..<pulses within the batch).
  mutating func run(pulses: Int, skipAhead: Bool) {
    if skipAhead {
      runSkipAhead(pulses)
    } else if tables.hasMemory {
      for t in 0..<pulses { individual(t) }
    } else {
      runDirect(pulses)
    }
    for (c, k) in noClick.enumerated() where k > 0 { sink.noClicks(category: c, count: k) }
  }

  @inline(__always)
  private mutating func squashBits(_ mask: Int) -> UInt64 {
    mask.nonzeroBitCount >= 2 ? rng.next() : 0
  }

  private mutating func runDirect(_ n: Int) {
    let mask = UInt32(maskBits)
    let scale = tables.joint.sampleScale
    var local = rng
    tables.joint.slots.withUnsafeBufferPointer { slots in
      noClick.withUnsafeMutableBufferPointer { counts in
        for t in 0..<n {
          let payload = AliasTable.sample(local.next(), slots: slots, scale: scale)
          if payload & mask == 0 {
            counts[Int(payload >> 8)] &+= 1
          } else {
            let o = Int(payload & 0xFF)
            let extra: UInt64 = (payload & mask).nonzeroBitCount >= 2 ? local.next() : 0
            sink.detection(pulse: t, category: Int(payload >> 8), outcome: o, random: extra)
          }
        }
      }
    }
    rng = local
  }

  /// One pulse with detector memory applied.
  private mutating func individual(_ t: Int) {
    let payload = tables.joint.sample(rng.next())
    let c = Int(payload >> 8)
    var o = Int(payload & 0xFF)
    var mask = o & maskBits
    for b in 0..<tables.detectorCount {
      if deadUntil[b] > t {
        mask &= ~(1 << b)
      } else if afterpulseAt[b] == t {
        afterpulseAt[b] = -1
        if rng.nextUnitDouble() < tables.afterpulse[b] { mask |= 1 << b }
      }
    }
    if mask == 0 {
      noClick[c] &+= 1
      return
    }
    o = (o & ~maskBits) | mask
    sink.detection(pulse: t, category: c, outcome: o, random: squashBits(mask))
    clicked(mask, at: t)
  }

  @inline(__always)
  private mutating func clicked(_ mask: Int, at t: Int) {
    guard tables.hasMemory else { return }
    for b in 0..<tables.detectorCount where mask & (1 << b) != 0 {
      deadUntil[b] = t + 1 + tables.deadTime[b]
      afterpulseAt[b] = tables.afterpulse[b] > 0 ? deadUntil[b] : -1
    }
  }

  private mutating func runSkipAhead(_ n: Int) {
    // Click-free pulses skipped, per set of dead detectors (their categories follow that set's
    // no-click distribution).
    var skipped = [Int](repeating: 0, count: tables.blind.count)
    var t = 0
    let memory = tables.hasMemory
    while t < n {
      var dead = 0
      var limit = n
      if memory {
        var due = false
        for b in 0..<tables.detectorCount {
          if afterpulseAt[b] == t { due = true }
          if afterpulseAt[b] >= t { limit = min(limit, afterpulseAt[b]) }
          if deadUntil[b] > t {
            dead |= 1 << b
            limit = min(limit, deadUntil[b])
          }
        }
        if due {
          individual(t)
          t += 1
          continue
        }
      }
      let table = tables.blind[dead]
      // Geometric number of click-free pulses before the next click: ⌊ln U / ln(1 − p)⌋.
      let gap: Double
      if table.clickProbability <= 0 {
        gap = .infinity
      } else {
        let u = Double((rng.next() >> 11) + 1) * 0x1.0p-53
        gap = Double.log(u) * table.inverseLogNoClick
      }
      if !(gap < Double(limit - t)) {
        skipped[dead] += limit - t
        t = limit
        continue
      }
      let k = Int(gap)
      skipped[dead] += k
      t += k
      let payload = table.click.sample(rng.next())
      let c = Int(payload >> 8)
      let o = Int(payload & 0xFF)
      let mask = o & maskBits
      sink.detection(pulse: t, category: c, outcome: o, random: squashBits(mask))
      clicked(mask, at: t)
      t += 1
    }
    for (dead, count) in skipped.enumerated() where count > 0 {
      let counts = Sampling.multinomial(
        count, tables.blind[dead].noClickByCategory, using: &rng)
      for (c, k) in counts.enumerated() { noClick[c] &+= k }
    }
  }
}
