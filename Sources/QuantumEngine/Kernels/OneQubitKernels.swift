/// Memory-bound kernels for one-qubit operations on a register of amplitudes.
///
/// Each pair (i0, i1 = i0 | 1<<q) is read once and written once; runs of consecutive i0 keep the
/// loops stride-1 and vectorisable. Work is split into a fixed number of chunks across threads.
extension AmplitudeBuffer {
  /// Applies a general 2×2 matrix to bit `q`.
  func apply(_ m: Matrix2, bit q: Int) {
    let p = base
    let step = 2 << q  // distance in doubles between the two members of a pair
    Parallelism.forEachRange(total: count >> 1, amplitudes: count) { k0, k1 in
      if q == 0 {
        for k in k0..<k1 {
          let a = 4 &* k
          let ar = p[a], ai = p[a &+ 1], br = p[a &+ 2], bi = p[a &+ 3]
          p[a] = m.r00 * ar - m.i00 * ai + m.r01 * br - m.i01 * bi
          p[a &+ 1] = m.r00 * ai + m.i00 * ar + m.r01 * bi + m.i01 * br
          p[a &+ 2] = m.r10 * ar - m.i10 * ai + m.r11 * br - m.i11 * bi
          p[a &+ 3] = m.r10 * ai + m.i10 * ar + m.r11 * bi + m.i11 * br
        }
        return
      }
      forEachPairRun(k0, k1, bit: q) { i0, len in
        let x = p + 2 &* i0
        let y = x + step
        for j in 0..<len {
          let a = 2 &* j
          let ar = x[a], ai = x[a &+ 1], br = y[a], bi = y[a &+ 1]
          x[a] = m.r00 * ar - m.i00 * ai + m.r01 * br - m.i01 * bi
          x[a &+ 1] = m.r00 * ai + m.i00 * ar + m.r01 * bi + m.i01 * br
          y[a] = m.r10 * ar - m.i10 * ai + m.r11 * br - m.i11 * bi
          y[a &+ 1] = m.r10 * ai + m.i10 * ar + m.r11 * bi + m.i11 * br
        }
      }
    }
  }

  /// Applies a real 2×2 matrix (H, Ry, X-rotations in real form) to bit `q`: half the multiplies.
  func applyReal(_ a00: Double, _ a01: Double, _ a10: Double, _ a11: Double, bit q: Int) {
    let p = base
    let step = 2 << q
    Parallelism.forEachRange(total: count >> 1, amplitudes: count) { k0, k1 in
      if q == 0 {
        for k in k0..<k1 {
          let a = 4 &* k
          let ar = p[a], ai = p[a &+ 1], br = p[a &+ 2], bi = p[a &+ 3]
          p[a] = a00 * ar + a01 * br
          p[a &+ 1] = a00 * ai + a01 * bi
          p[a &+ 2] = a10 * ar + a11 * br
          p[a &+ 3] = a10 * ai + a11 * bi
        }
        return
      }
      forEachPairRun(k0, k1, bit: q) { i0, len in
        let x = p + 2 &* i0
        let y = x + step
        for j in 0..<(2 &* len) {
          let u = x[j], v = y[j]
          x[j] = a00 * u + a01 * v
          y[j] = a10 * u + a11 * v
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
      forEachPairRun(k0, k1, bit: q) { i0, len in
        let x = p + 2 &* i0
        let y = x + step
        if touchLow {
          for j in 0..<len {
            let a = 2 &* j
            let r = x[a], i = x[a &+ 1]
            x[a] = d0r * r - d0i * i
            x[a &+ 1] = d0r * i + d0i * r
          }
        }
        for j in 0..<len {
          let a = 2 &* j
          let r = y[a], i = y[a &+ 1]
          y[a] = d1r * r - d1i * i
          y[a &+ 1] = d1r * i + d1i * r
        }
      }
    }
  }

  /// Swaps the two amplitudes of every pair on bit `q` (the X gate, a permutation).
  func applyX(bit q: Int) {
    let p = base
    let step = 2 << q
    Parallelism.forEachRange(total: count >> 1, amplitudes: count) { k0, k1 in
      forEachPairRun(k0, k1, bit: q) { i0, len in
        let x = p + 2 &* i0
        let y = x + step
        for j in 0..<(2 &* len) {
          let t = x[j]
          x[j] = y[j]
          y[j] = t
        }
      }
    }
  }
}
