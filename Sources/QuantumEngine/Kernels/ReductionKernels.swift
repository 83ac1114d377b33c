/// Reductions over amplitudes. Partial sums are formed per fixed chunk and added in chunk order,
/// so results are bit-identical for any thread count.
extension AmplitudeBuffer {
  /// Σ |a_i|² over all amplitudes, or over those with `(i & mask) == value`.
  func sumSquares(mask: Int = 0, value: Int = 0) -> Double {
    let p = base
    let chunks = Parallelism.chunkCount(for: count)
    var partial = [Double](repeating: 0, count: chunks)
    partial.withUnsafeMutableBufferPointer { part in
      let out = part.baseAddress!
      Parallelism.forEachChunk(chunks) { c in
        let r = Parallelism.range(c, of: chunks, total: count)
        var s = 0.0
        if mask == 0 {
          for i in r {
            let re = p[2 &* i]
            let im = p[2 &* i &+ 1]
            s += re * re + im * im
          }
        } else {
          for i in r where i & mask == value {
            let re = p[2 &* i]
            let im = p[2 &* i &+ 1]
            s += re * re + im * im
          }
        }
        out[c] = s
      }
    }
    return partial.reduce(0, +)
  }

  /// Multiplies every amplitude by the real factor `s` (and zeroes those failing the mask test
  /// when `mask` is nonzero): the collapse step of a measurement.
  func scale(_ s: Double, keepMask mask: Int = 0, value: Int = 0) {
    let p = base
    Parallelism.forEachRange(total: count, amplitudes: count) { lo, hi in
      if mask == 0 {
        for i in (2 &* lo)..<(2 &* hi) { p[i] *= s }
      } else {
        for i in lo..<hi {
          let f = (i & mask == value) ? s : 0
          p[2 &* i] *= f
          p[2 &* i &+ 1] *= f
        }
      }
    }
  }

  /// ⟨ψ|P|ψ⟩ for a Pauli string given by its X-type mask (X or Y), Z-type mask (Z or Y) and the
  /// number of Y factors: P|i⟩ = i^{nY} (−1)^{popcount(i & zMask)} |i ⊕ xMask⟩.
  func pauliExpectation(xMask: Int, zMask: Int, yCount: Int) -> Double {
    let p = base
    let chunks = Parallelism.chunkCount(for: count)
    var partialRe = [Double](repeating: 0, count: chunks)
    var partialIm = [Double](repeating: 0, count: chunks)
    partialRe.withUnsafeMutableBufferPointer { pr in
      partialIm.withUnsafeMutableBufferPointer { pi in
        let outR = pr.baseAddress!
        let outI = pi.baseAddress!
        Parallelism.forEachChunk(chunks) { c in
          let r = Parallelism.range(c, of: chunks, total: count)
          var sr = 0.0
          var si = 0.0
          for i in r {
            let j = i ^ xMask
            let sign: Double = (i & zMask).nonzeroBitCount & 1 == 0 ? 1 : -1
            // conj(ψ_j) · ψ_i
            let ar = p[2 &* j]
            let ai = -p[2 &* j &+ 1]
            let br = p[2 &* i]
            let bi = p[2 &* i &+ 1]
            sr += sign * (ar * br - ai * bi)
            si += sign * (ar * bi + ai * br)
          }
          outR[c] = sr
          outI[c] = si
        }
      }
    }
    let re = partialRe.reduce(0, +)
    let im = partialIm.reduce(0, +)
    // Multiply by i^{nY}; the result is real for a Hermitian P.
    switch yCount & 3 {
    case 0: return re
    case 1: return -im
    case 2: return -re
    default: return im
    }
  }
}
