/// Kernels for two-qubit operations: a general 4×4 matrix, controlled one-qubit gates, and the
/// one-qubit superoperator of a density matrix (a 4×4 matrix on the ket/bra bit pair).
extension AmplitudeBuffer {
  /// Applies a 4×4 complex matrix (row-major, 32 doubles: re, im) whose local bit 0 is register
  /// bit `a` and local bit 1 is register bit `b`.
  func apply4(_ m: [Double], bits a: Int, _ b: Int) {
    let p = base
    let lo = min(a, b)
    let hi = max(a, b)
    let offsets = [0, 1 << a, 1 << b, (1 << a) | (1 << b)].map { 2 &* $0 }
    let o1 = offsets[1]
    let o2 = offsets[2]
    let o3 = offsets[3]
    m.withUnsafeBufferPointer { mp in
      let mm = mp.baseAddress!
      Parallelism.forEachRange(total: count >> 2, amplitudes: count) { k0, k1 in
        forEachQuadRun(k0, k1, low: lo, high: hi) { i0, len in
          for j in 0..<len {
            let x = p + 2 &* (i0 &+ j)
            let v0r = x[0]
            let v0i = x[1]
            let v1r = x[o1]
            let v1i = x[o1 &+ 1]
            let v2r = x[o2]
            let v2i = x[o2 &+ 1]
            let v3r = x[o3]
            let v3i = x[o3 &+ 1]
            for row in 0..<4 {
              let r = mm + 8 &* row
              let re =
                r[0] * v0r - r[1] * v0i + r[2] * v1r - r[3] * v1i + r[4] * v2r - r[5] * v2i
                + r[6] * v3r - r[7] * v3i
              let im =
                r[0] * v0i + r[1] * v0r + r[2] * v1i + r[3] * v1r + r[4] * v2i + r[5] * v2r
                + r[6] * v3i + r[7] * v3r
              let o = row == 0 ? 0 : (row == 1 ? o1 : (row == 2 ? o2 : o3))
              x[o] = re
              x[o &+ 1] = im
            }
          }
        }
      }
    }
  }

  /// Applies `m` to bit `target` on the amplitudes whose bit `control` is 1 (CNOT, CZ, CU).
  ///
  /// Walks the target's pair runs and, inside each, the blocks whose control bit is set, so a low
  /// control bit under a high target still streams along long runs. Far-apart pairs are tiled as
  /// in `PairUpdates.swift`: each tile of the low half is written before its partner tile.
  func applyControlled(_ m: Matrix2, control: Int, target: Int, isX: Bool) {
    let p = base
    let step = 2 << target
    let far = (1 << target) >= farPairDistance
    let tileAmplitudes = pairTileDoubles / 2
    Parallelism.forEachRange(total: count >> 1, amplitudes: count) { k0, k1 in
      withPairScratch(far: far) { scratch in
        forEachPairRun(k0, k1, bit: target) { i0, len in
          guard let saved = scratch else {
            forEachControlledAmplitudeBlock(i0, len, control: control) { i, n in
              let x = p + 2 &* i
              if isX {
                swapPairs(x, x + step, doubles: 2 &* n, scratch: nil)
              } else {
                updateComplexPairs(x, x + step, doubles: 2 &* n, m, scratch: nil)
              }
            }
            return
          }
          let end = i0 &+ len
          var t = i0
          while t < end {
            let tileLength = min(tileAmplitudes, end &- t)
            saved.update(from: p + 2 &* t, count: 2 &* tileLength)
            // Low half of the pairs first (reads the saved copy and the high half) …
            forEachControlledAmplitudeBlock(t, tileLength, control: control) { i, n in
              let x = p + 2 &* i
              let y = x + step
              let s = saved + 2 &* (i &- t)
              var a = 0
              while a < 2 &* n {
                let ar = s[a]
                let ai = s[a &+ 1]
                let br = y[a]
                let bi = y[a &+ 1]
                if isX {
                  x[a] = br
                  x[a &+ 1] = bi
                } else {
                  x[a] = m.r00 * ar - m.i00 * ai + m.r01 * br - m.i01 * bi
                  x[a &+ 1] = m.r00 * ai + m.i00 * ar + m.r01 * bi + m.i01 * br
                }
                a &+= 2
              }
            }
            // … then the high half of the same tile.
            forEachControlledAmplitudeBlock(t, tileLength, control: control) { i, n in
              let y = p + 2 &* i + step
              let s = saved + 2 &* (i &- t)
              var a = 0
              while a < 2 &* n {
                let ar = s[a]
                let ai = s[a &+ 1]
                let br = y[a]
                let bi = y[a &+ 1]
                if isX {
                  y[a] = ar
                  y[a &+ 1] = ai
                } else {
                  y[a] = m.r10 * ar - m.i10 * ai + m.r11 * br - m.i11 * bi
                  y[a &+ 1] = m.r10 * ai + m.i10 * ar + m.r11 * bi + m.i11 * br
                }
                a &+= 2
              }
            }
            t &+= tileLength
          }
        }
      }
    }
  }

  /// Applies `m` to bit `target` where all bits of `controlMask` are 1 (Toffoli and multi-controlled
  /// gates).
  func applyMultiControlled(_ m: Matrix2, controlMask: Int, target: Int) {
    let p = base
    let step = 2 << target
    Parallelism.forEachRange(total: count >> 1, amplitudes: count) { k0, k1 in
      forEachPairRun(k0, k1, bit: target) { i0, len in
        for j in 0..<len where (i0 &+ j) & controlMask == controlMask {
          let x = p + 2 &* (i0 &+ j)
          let y = x + step
          let ar = x[0]
          let ai = x[1]
          let br = y[0]
          let bi = y[1]
          x[0] = m.r00 * ar - m.i00 * ai + m.r01 * br - m.i01 * bi
          x[1] = m.r00 * ai + m.i00 * ar + m.r01 * bi + m.i01 * br
          y[0] = m.r10 * ar - m.i10 * ai + m.r11 * br - m.i11 * bi
          y[1] = m.r10 * ai + m.i10 * ar + m.r11 * bi + m.i11 * br
        }
      }
    }
  }

  /// Swaps the amplitudes |…1_a…0_b…⟩ and |…0_a…1_b…⟩ (the SWAP gate, a permutation).
  func applySwap(bits a: Int, _ b: Int) {
    let p = base
    let lo = min(a, b)
    let hi = max(a, b)
    let oa = 2 << a
    let ob = 2 << b
    Parallelism.forEachRange(total: count >> 2, amplitudes: count) { k0, k1 in
      forEachQuadRun(k0, k1, low: lo, high: hi) { i0, len in
        let x = p + 2 &* i0 + oa
        let y = p + 2 &* i0 + ob
        for j in 0..<(2 &* len) {
          let t = x[j]
          x[j] = y[j]
          y[j] = t
        }
      }
    }
  }
}
