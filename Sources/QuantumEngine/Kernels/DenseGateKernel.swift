import CBLAS
import ComplexModule
import RealModule

/// A dense k-qubit matrix on chosen bits through `cblas_zgemm`: the amplitudes are gathered into a
/// 2^k × B block (one column per setting of the other bits), multiplied, and scattered back.
extension AmplitudeBuffer {
  /// Applies the column-major 2^k × 2^k matrix `u` whose local bit j is register bit `bits[j]`.
  func applyDense(_ u: [Complex<Double>], bits: [Int]) {
    let k = bits.count
    let dim = 1 << k
    let rest = count >> k
    let localOffsets: [Int] = (0..<dim).map { l in
      var o = 0
      for j in 0..<k where l & (1 << j) != 0 { o |= 1 << bits[j] }
      return o
    }
    let sorted = bits.sorted()
    // Index of the c-th column (a setting of the other bits): insert zeros at the sorted bits.
    @inline(__always) func columnBase(_ c: Int) -> Int {
      var i = c
      for b in sorted { i = ((i >> b) << (b + 1)) | (i & ((1 << b) - 1)) }
      return i
    }
    let block = min(rest, 4096)
    let blocks = (rest + block - 1) / block
    let p = base
    u.withUnsafeBufferPointer { up in
      let uBase = up.baseAddress!
      // zgemm here runs on the calling thread's share of blocks; OpenBLAS threads would fight ours.
      let chunked = rest * dim >= Parallelism.threshold
      let run: (Int) -> Void = { blockIndex in
        let c0 = blockIndex * block
        let cols = min(block, rest - c0)
        var tile = [Double](repeating: 0, count: 2 * dim * cols)
        var out = [Double](repeating: 0, count: 2 * dim * cols)
        for c in 0..<cols {
          let b = columnBase(c0 + c)
          for l in 0..<dim {
            let s = 2 * (b | localOffsets[l])
            tile[2 * (l + c * dim)] = p[s]
            tile[2 * (l + c * dim) + 1] = p[s + 1]
          }
        }
        var alpha = Complex<Double>.one
        var beta = Complex<Double>.zero
        tile.withUnsafeBufferPointer { tp in
          out.withUnsafeMutableBufferPointer { op in
            cblas_zgemm(
              CblasColMajor, CblasNoTrans, CblasNoTrans, blasint(dim), blasint(cols), blasint(dim),
              &alpha, uBase, blasint(dim), tp.baseAddress, blasint(dim), &beta, op.baseAddress,
              blasint(dim))
          }
        }
        for c in 0..<cols {
          let b = columnBase(c0 + c)
          for l in 0..<dim {
            let s = 2 * (b | localOffsets[l])
            p[s] = out[2 * (l + c * dim)]
            p[s + 1] = out[2 * (l + c * dim) + 1]
          }
        }
      }
      if chunked && blocks > 1 {
        BLASThreads.single { Parallelism.forEachChunk(blocks, run) }
      } else {
        for bi in 0..<blocks { run(bi) }
      }
    }
  }
}

/// Keeps OpenBLAS's own threads from competing with the engine's inside one kernel.
enum BLASThreads {
  /// Runs `body` with OpenBLAS restricted to one thread, then restores its previous count.
  static func single(_ body: () -> Void) {
    let old = openblas_get_num_threads()
    openblas_set_num_threads(1)
    body()
    openblas_set_num_threads(old)
  }
}
