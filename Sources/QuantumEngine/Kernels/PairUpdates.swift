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
    withUnsafeTemporaryAllocation(of: Double.self, capacity: pairTileDoubles) { body($0.baseAddress) }
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
    for j in 0..<n {
      let u = x[j], v = y[j]
      x[j] = a00 * u + a01 * v
      y[j] = a10 * u + a11 * v
    }
    return
  }
  var o = 0
  while o < n {
    let m = min(pairTileDoubles, n &- o)
    let xs = x + o, ys = y + o
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
    var a = 0
    while a < n {
      let ar = x[a], ai = x[a &+ 1], br = y[a], bi = y[a &+ 1]
      x[a] = m.r00 * ar - m.i00 * ai + m.r01 * br - m.i01 * bi
      x[a &+ 1] = m.r00 * ai + m.i00 * ar + m.r01 * bi + m.i01 * br
      y[a] = m.r10 * ar - m.i10 * ai + m.r11 * br - m.i11 * bi
      y[a &+ 1] = m.r10 * ai + m.i10 * ar + m.r11 * bi + m.i11 * br
      a &+= 2
    }
    return
  }
  var o = 0
  while o < n {
    let len = min(pairTileDoubles, n &- o)
    let xs = x + o, ys = y + o
    saved.update(from: xs, count: len)
    var a = 0
    while a < len {
      let ar = saved[a], ai = saved[a &+ 1], br = ys[a], bi = ys[a &+ 1]
      xs[a] = m.r00 * ar - m.i00 * ai + m.r01 * br - m.i01 * bi
      xs[a &+ 1] = m.r00 * ai + m.i00 * ar + m.r01 * bi + m.i01 * br
      a &+= 2
    }
    a = 0
    while a < len {
      let ar = saved[a], ai = saved[a &+ 1], br = ys[a], bi = ys[a &+ 1]
      ys[a] = m.r10 * ar - m.i10 * ai + m.r11 * br - m.i11 * bi
      ys[a &+ 1] = m.r10 * ai + m.i10 * ar + m.r11 * bi + m.i11 * br
      a &+= 2
    }
    o &+= len
  }
}

/// Exchanges `n` doubles at `x` with those at `y` (X, CNOT, SWAP).
@inline(__always)
func swapPairs(
  _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, doubles n: Int,
  scratch: UnsafeMutablePointer<Double>?
) {
  guard let saved = scratch else {
    for j in 0..<n {
      let t = x[j]
      x[j] = y[j]
      y[j] = t
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
