/// Memory-bound kernels for one-qubit operations on a register of amplitudes.
///
/// Each pair (i0, i1 = i0 | 1<<q) is read once and written once; runs of consecutive i0 keep the
/// loops stride-1 and vectorisable (bit 0 has runs of one amplitude, so it gets its own loops).
/// Work is split into a fixed number of chunks across threads; far-apart pairs are tiled (see
/// `PairUpdates.swift`).
extension AmplitudeBuffer {
  /// Applies a general 2×2 matrix to bit `q`.
  func apply(_ m: Matrix2, bit q: Int) {
    let p = base
    let step = 2 << q  // distance in doubles between the two members of a pair
    let far = (1 << q) >= farPairDistance
    Parallelism.forEachRange(total: count >> 1, amplitudes: count) { k0, k1 in
      if q == 0 {
        let w = ComplexPairWeights(m)
        var a = 4 &* k0
        let end = 4 &* k1
        while a < end {
          let u = load2(p + a)
          let v = load2(p + (a &+ 2))
          store2(w.low(u, v), p + a)
          store2(w.high(u, v), p + (a &+ 2))
          a &+= 4
        }
        return
      }
      withPairScratch(far: far) { scratch in
        forEachPairRun(k0, k1, bit: q) { i0, len in
          let x = p + 2 &* i0
          updateComplexPairs(x, x + step, doubles: 2 &* len, m, scratch: scratch)
        }
      }
    }
  }

  /// Applies a real 2×2 matrix (H, Ry, X-rotations in real form) to bit `q`: half the multiplies.
  func applyReal(_ a00: Double, _ a01: Double, _ a10: Double, _ a11: Double, bit q: Int) {
    let p = base
    let step = 2 << q
    let far = (1 << q) >= farPairDistance
    Parallelism.forEachRange(total: count >> 1, amplitudes: count) { k0, k1 in
      if q == 0 {
        let c00 = SIMD2(repeating: a00)
        let c01 = SIMD2(repeating: a01)
        let c10 = SIMD2(repeating: a10)
        let c11 = SIMD2(repeating: a11)
        var a = 4 &* k0
        let end = 4 &* k1
        while a < end {
          let u = load2(p + a)
          let v = load2(p + (a &+ 2))
          store2(c00 * u + c01 * v, p + a)
          store2(c10 * u + c11 * v, p + (a &+ 2))
          a &+= 4
        }
        return
      }
      withPairScratch(far: far) { scratch in
        forEachPairRun(k0, k1, bit: q) { i0, len in
          let x = p + 2 &* i0
          updateRealPairs(x, x + step, doubles: 2 &* len, a00, a01, a10, a11, scratch: scratch)
        }
      }
    }
  }

  /// Multiplies amplitudes with bit `q` = 0 by `d0` and with bit `q` = 1 by `d1` (diagonal gates).
  /// When `d0` is 1 only half the memory is touched.
  func applyDiagonal(
    _ d0r: Double, _ d0i: Double, _ d1r: Double, _ d1i: Double, bit q: Int
  ) {
    let p = base
    let step = 2 << q
    let touchLow = !(d0r == 1 && d0i == 0)
    Parallelism.forEachRange(total: count >> 1, amplitudes: count) { k0, k1 in
      if q == 0 {
        var a = 4 &* k0
        let end = 4 &* k1
        while a < end {
          let r0 = p[a]
          let i0 = p[a &+ 1]
          let r1 = p[a &+ 2]
          let i1 = p[a &+ 3]
          p[a] = d0r * r0 - d0i * i0
          p[a &+ 1] = d0r * i0 + d0i * r0
          p[a &+ 2] = d1r * r1 - d1i * i1
          p[a &+ 3] = d1r * i1 + d1i * r1
          a &+= 4
        }
        return
      }
      forEachPairRun(k0, k1, bit: q) { i0, len in
        let x = p + 2 &* i0
        let y = x + step
        if touchLow { scaleComplex(x, doubles: 2 &* len, d0r, d0i) }
        scaleComplex(y, doubles: 2 &* len, d1r, d1i)
      }
    }
  }

  /// Swaps the two amplitudes of every pair on bit `q` (the X gate, a permutation).
  func applyX(bit q: Int) {
    let p = base
    let step = 2 << q
    let far = (1 << q) >= farPairDistance
    Parallelism.forEachRange(total: count >> 1, amplitudes: count) { k0, k1 in
      if q == 0 {
        var a = 4 &* k0
        let end = 4 &* k1
        while a < end {
          let u = load2(p + a)
          let v = load2(p + (a &+ 2))
          store2(v, p + a)
          store2(u, p + (a &+ 2))
          a &+= 4
        }
        return
      }
      withPairScratch(far: far) { scratch in
        forEachPairRun(k0, k1, bit: q) { i0, len in
          let x = p + 2 &* i0
          swapPairs(x, x + step, doubles: 2 &* len, scratch: scratch)
        }
      }
    }
  }
}

/// Multiplies `n / 2` interleaved complex numbers at `x` by (dr + i·di).
@inline(__always)
func scaleComplex(_ x: UnsafeMutablePointer<Double>, doubles n: Int, _ dr: Double, _ di: Double) {
  var a = 0
  while a < n {
    let r = x[a]
    let i = x[a &+ 1]
    x[a] = dr * r - di * i
    x[a &+ 1] = dr * i + di * r
    a &+= 2
  }
}
