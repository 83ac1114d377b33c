/// The inner loops shared by the one-qubit and controlled kernels: a 2×2 update of `doubles`
/// consecutive doubles at `x` paired with as many at `y` (amplitude j of x with amplitude j of y).
///
/// Pairs at least ``farPairDistance`` amplitudes apart go through the tiled variants, which write a
/// tile of `x` completely before the matching tile of `y`. On this machine (2-core AMD EPYC VM)
/// interleaved write-backs to two regions ≥ 256 MiB apart ran at 5 GB/s, tiled at 20 GB/s; nearer
/// pairs stream faster untiled. Both variants evaluate the same expressions, so results are
/// bit-identical either way.

/// Pair members at least this many amplitudes apart (256 MiB) are updated in tiles.
let farPairDistance = 1 << 24

/// Doubles per tile in the far-pair path (8 KiB: a saved tile plus its partners stay in L1).
let pairTileDoubles = 1024

/// Runs `body` with a scratch tile of ``pairTileDoubles`` doubles when `far`, else with `nil`.
@inline(__always)
func withPairScratch(far: Bool, _ body: (UnsafeMutablePointer<Double>?) -> Void) {
  if far {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: pairTileDoubles) {
      body($0.baseAddress)
    }
  } else {
    body(nil)
  }
}

/// x' = a00·x + a01·y, y' = a10·x + a11·y on real coefficients (each double independently).
@inline(__always)
func updateRealPairs(
  _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, doubles n: Int,
  _ a00: Double, _ a01: Double, _ a10: Double, _ a11: Double,
  scratch: UnsafeMutablePointer<Double>?
) {
  guard let saved = scratch else {
    let c00 = SIMD2(repeating: a00)
    let c01 = SIMD2(repeating: a01)
    let c10 = SIMD2(repeating: a10)
    let c11 = SIMD2(repeating: a11)
    var j = 0
    while j < n {
      let u = load2(x + j)
      let v = load2(y + j)
      store2(c00 * u + c01 * v, x + j)
      store2(c10 * u + c11 * v, y + j)
      j &+= 2
    }
    return
  }
  var o = 0
  while o < n {
    let m = min(pairTileDoubles, n &- o)
    let xs = x + o
    let ys = y + o
    saved.update(from: xs, count: m)
    for j in 0..<m { xs[j] = a00 * saved[j] + a01 * ys[j] }
    for j in 0..<m { ys[j] = a10 * saved[j] + a11 * ys[j] }
    o &+= m
  }
}

/// The complex 2×2 update of interleaved (re, im) pairs; `n` is even.
@inline(__always)
func updateComplexPairs(
  _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, doubles n: Int,
  _ m: Matrix2, scratch: UnsafeMutablePointer<Double>?
) {
  guard let saved = scratch else {
    let w = ComplexPairWeights(m)
    var a = 0
    while a < n {
      let u = load2(x + a)
      let v = load2(y + a)
      store2(w.low(u, v), x + a)
      store2(w.high(u, v), y + a)
      a &+= 2
    }
    return
  }
  var o = 0
  while o < n {
    let len = min(pairTileDoubles, n &- o)
    let xs = x + o
    let ys = y + o
    saved.update(from: xs, count: len)
    var a = 0
    while a < len {
      let ar = saved[a]
      let ai = saved[a &+ 1]
      let br = ys[a]
      let bi = ys[a &+ 1]
      xs[a] = m.r00 * ar - m.i00 * ai + m.r01 * br - m.i01 * bi
      xs[a &+ 1] = m.r00 * ai + m.i00 * ar + m.r01 * bi + m.i01 * br
      a &+= 2
    }
    a = 0
    while a < len {
      let ar = saved[a]
      let ai = saved[a &+ 1]
      let br = ys[a]
      let bi = ys[a &+ 1]
      ys[a] = m.r10 * ar - m.i10 * ai + m.r11 * br - m.i11 * bi
      ys[a &+ 1] = m.r10 * ai + m.i10 * ar + m.r11 * bi + m.i11 * br
      a &+= 2
    }
    o &+= len
  }
}

/// Two doubles (one complex amplitude) from `p`, which need only be 8-byte aligned.
@inline(__always)
func load2(_ p: UnsafeMutablePointer<Double>) -> SIMD2<Double> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD2<Double>.self)
}

/// Stores two doubles at `p`, which need only be 8-byte aligned.
@inline(__always)
func store2(_ v: SIMD2<Double>, _ p: UnsafeMutablePointer<Double>) {
  UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD2<Double>.self)
}

/// A 2×2 complex matrix laid out for (re, im) vector lanes: m·u = r·u + i·(−u.im, u.re), summed in
/// the same order as the scalar formulas (r00·ar − i00·ai + r01·br − i01·bi, …), so both give
/// bit-identical results.
struct ComplexPairWeights {
  let r00: SIMD2<Double>, i00: SIMD2<Double>, r01: SIMD2<Double>, i01: SIMD2<Double>
  let r10: SIMD2<Double>, i10: SIMD2<Double>, r11: SIMD2<Double>, i11: SIMD2<Double>

  @inline(__always)
  init(_ m: Matrix2) {
    r00 = SIMD2(repeating: m.r00)
    i00 = SIMD2(repeating: m.i00)
    r01 = SIMD2(repeating: m.r01)
    i01 = SIMD2(repeating: m.i01)
    r10 = SIMD2(repeating: m.r10)
    i10 = SIMD2(repeating: m.i10)
    r11 = SIMD2(repeating: m.r11)
    i11 = SIMD2(repeating: m.i11)
  }

  /// (−im, re) of a complex number.
  @inline(__always)
  static func timesI(_ u: SIMD2<Double>) -> SIMD2<Double> { SIMD2(-u.y, u.x) }

  /// m00·u + m01·v.
  @inline(__always)
  func low(_ u: SIMD2<Double>, _ v: SIMD2<Double>) -> SIMD2<Double> {
    r00 * u + i00 * Self.timesI(u) + r01 * v + i01 * Self.timesI(v)
  }

  /// m10·u + m11·v.
  @inline(__always)
  func high(_ u: SIMD2<Double>, _ v: SIMD2<Double>) -> SIMD2<Double> {
    r10 * u + i10 * Self.timesI(u) + r11 * v + i11 * Self.timesI(v)
  }
}

/// Exchanges `n` doubles at `x` with those at `y` (X, CNOT, SWAP).
@inline(__always)
func swapPairs(
  _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, doubles n: Int,
  scratch: UnsafeMutablePointer<Double>?
) {
  guard let saved = scratch else {
    var j = 0
    while j < n {
      let u = load2(x + j)
      let v = load2(y + j)
      store2(v, x + j)
      store2(u, y + j)
      j &+= 2
    }
    return
  }
  var o = 0
  while o < n {
    let m = min(pairTileDoubles, n &- o)
    saved.update(from: x + o, count: m)
    (x + o).update(from: y + o, count: m)
    (y + o).update(from: saved, count: m)
    o &+= m
  }
}

/// Calls `body(i, len)` for each maximal run of indices in `i0..<i0+len` whose bit `c` is set.
@inline(__always)
func forEachSetBlock(_ i0: Int, _ len: Int, bit c: Int, _ body: (Int, Int) -> Void) {
  let low = (1 << c) &- 1
  let cb = 1 << c
  let end = i0 &+ len
  var i = i0
  if i & cb == 0 { i = (i | low) &+ 1 }
  while i < end {
    let blockEnd = min(end, (i | low) &+ 1)
    body(i, blockEnd &- i)
    // Skip the following block with bit c clear.
    i = blockEnd &+ cb
  }
}

/// Like ``forEachSetBlock(_:_:bit:_:)``, but visits the single amplitudes of a control on bit 0
/// (every odd index) in a plain stride-2 loop.
@inline(__always)
func forEachControlledAmplitudeBlock(
  _ i0: Int, _ len: Int, control c: Int, _ body: (Int, Int) -> Void
) {
  if c == 0 {
    var i = i0 | 1
    let end = i0 &+ len
    while i < end {
      body(i, 1)
      i &+= 2
    }
  } else {
    forEachSetBlock(i0, len, bit: c, body)
  }
}
