/// Walker's alias method (Vose's construction, IEEE TSE 17(9), 1991): O(1) sampling from a
/// discrete distribution with one 64-bit draw. Each column packs its keep-threshold with its own
/// and its alias's payload, so a draw touches one 16-byte slot.
struct AliasTable: Sendable {
  /// One column: keep `own` when the fractional part is below `threshold`, else take `alias`.
  struct Slot: Sendable {
    var threshold: Double
    var own: UInt32
    var alias: UInt32
  }

  let slots: [Slot]
  /// count · 2⁻⁵³, turning the top 53 bits of a draw into a column coordinate.
  private let scale: Double

  var count: Int { slots.count }

  /// A table for `weights` (non-negative; normalised by their sum) returning `payloads[i]` with
  /// probability weights[i]/Σ. An empty or all-zero list gives a table that returns payload 0.
  init(weights: [Double], payloads: [UInt32]) {
    let n = max(1, weights.count)
    let total = weights.reduce(0) { $0 + max(0, $1) }
    var slots = [Slot](repeating: Slot(threshold: 1, own: 0, alias: 0), count: n)
    scale = Double(n) * 0x1.0p-53
    guard total > 0, !weights.isEmpty, payloads.count == weights.count else {
      self.slots = slots
      return
    }
    for i in 0..<n { slots[i] = Slot(threshold: 1, own: payloads[i], alias: payloads[i]) }
    var scaled = weights.map { max(0, $0) / total * Double(n) }
    var small: [Int] = []
    var large: [Int] = []
    for (i, w) in scaled.enumerated() {
      if w < 1 { small.append(i) } else { large.append(i) }
    }
    while let s = small.popLast() {
      guard let l = large.popLast() else { continue }
      slots[s].threshold = scaled[s]
      slots[s].alias = payloads[l]
      scaled[l] -= 1 - scaled[s]
      if scaled[l] < 1 { small.append(l) } else { large.append(l) }
    }
    self.slots = slots
  }

  /// The payload picked by the random bits `r` (53 bits are used).
  @inline(__always)
  func sample(_ r: UInt64) -> UInt32 {
    let x = Double(r >> 11) * scale
    let i = min(Int(x), slots.count - 1)
    let slot = slots[i]
    return x - Double(i) < slot.threshold ? slot.own : slot.alias
  }

  /// Samples with a slot buffer already borrowed (the hot loop).
  @inline(__always)
  static func sample(_ r: UInt64, slots: UnsafeBufferPointer<Slot>, scale: Double) -> UInt32 {
    let x = Double(r >> 11) * scale
    let i = min(Int(x), slots.count - 1)
    let slot = slots[i]
    return x - Double(i) < slot.threshold ? slot.own : slot.alias
  }

  /// count · 2⁻⁵³ (for ``sample(_:slots:scale:)``).
  var sampleScale: Double { scale }
}
