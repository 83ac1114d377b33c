import CBLAS
import ComplexModule
import RealModule

/// A dense k-qubit matrix on chosen bits through `cblas_zgemm`: the amplitudes are gathered into a
/// 2^k × B tile (one column per setting of the other bits), multiplied, and scattered back.
///
/// Columns are split into a fixed number of chunks (independent of the thread count) and each chunk
/// into fixed blocks, so every amplitude sees the same zgemm call for any thread count. Each chunk
/// allocates its two tiles once.
///
/// OpenBLAS's own threads must not compete with ours, and `openblas_set_num_threads` is not safe to
/// call while other threads are inside OpenBLAS. So blocks are sized to keep m·n·k ≤ 2^18, below
/// which OpenBLAS 0.3 runs a gemm on the calling thread (`SMP_THRESHOLD_MIN` × the default
/// `GEMM_MULTITHREAD_THRESHOLD` in `interface/gemm.c`); a gate too large for that (2^k > 512) runs
/// its blocks on the calling thread and lets OpenBLAS spread each product.
extension AmplitudeBuffer {
  /// The m·n·k bound under which OpenBLAS keeps a gemm on the calling thread.
  static let blasSingleThreadWork = 1 << 18

  /// Columns per zgemm call for a 2^k × 2^k gate: at most 1024 (tiles of 128 KiB for k = 3 stay in
  /// L2) and within ``blasSingleThreadWork``; `nil` when even one column exceeds it.
  static func denseBlockColumns(dimension dim: Int) -> Int? {
    let columns = blasSingleThreadWork / (dim * dim)
    return columns >= 1 ? min(1024, columns) : nil
  }

  /// Applies the column-major 2^k × 2^k matrix `u` whose local bit j is register bit `bits[j]`.
  func applyDense(_ u: [Complex<Double>], bits: [Int]) {
    let k = bits.count
    let dim = 1 << k
    let rest = count >> k
    var targetMask = 0
    for b in bits { targetMask |= 1 << b }
    // Offsets in doubles of the 2^k amplitudes of one column, by local index.
    let localOffsets: [Int] = (0..<dim).map { l in
      var o = 0
      for j in 0..<k where l & (1 << j) != 0 { o |= 1 << bits[j] }
      return 2 &* o
    }
    let sorted = bits.sorted()
    let p = base
    let blasThreadsSafe = AmplitudeBuffer.denseBlockColumns(dimension: dim)
    let block = blasThreadsSafe ?? 1024
    let chunks = min(Parallelism.chunkCount(for: count), rest)
    u.withUnsafeBufferPointer { up in
      localOffsets.withUnsafeBufferPointer { op in
        let uBase = UncheckedSendable(up.baseAddress!)
        let offsets = op.baseAddress!
        let runChunk: (Int) -> Void = { chunk in
          let columns = Parallelism.range(chunk, of: chunks, total: rest)
          let tileCount = 2 &* dim &* min(block, columns.count)
          let tile = UnsafeMutablePointer<Double>.allocate(capacity: tileCount)
          let out = UnsafeMutablePointer<Double>.allocate(capacity: tileCount)
          defer {
            tile.deallocate()
            out.deallocate()
          }
          // Register index of column c: insert zeros at the target bits.
          var b = columns.lowerBound
          for t in sorted { b = ((b >> t) << (t &+ 1)) | (b & ((1 << t) &- 1)) }
          var c0 = columns.lowerBound
          while c0 < columns.upperBound {
            let cols = min(block, columns.upperBound &- c0)
            var g = b
            for c in 0..<cols {
              let src = p + 2 &* g
              let dst = tile + 2 &* dim &* c
              for l in 0..<dim {
                let s = src + offsets[l]
                dst[2 &* l] = s[0]
                dst[2 &* l &+ 1] = s[1]
              }
              // The next column: count up in the bits outside `targetMask`.
              g = ((g | targetMask) &+ 1) & ~targetMask
            }
            var alpha = Complex<Double>.one
            var beta = Complex<Double>.zero
            BLASThreading.serialized {
              cblas_zgemm(
                CblasColMajor, CblasNoTrans, CblasNoTrans, blasint(dim), blasint(cols),
                blasint(dim),
                &alpha, uBase.value, blasint(dim), tile, blasint(dim), &beta, out, blasint(dim))
            }
            g = b
            for c in 0..<cols {
              let dst = p + 2 &* g
              let src = out + 2 &* dim &* c
              for l in 0..<dim {
                let s = dst + offsets[l]
                s[0] = src[2 &* l]
                s[1] = src[2 &* l &+ 1]
              }
              g = ((g | targetMask) &+ 1) & ~targetMask
            }
            b = g
            c0 &+= cols
          }
        }
        if blasThreadsSafe != nil {
          Parallelism.forEachChunk(chunks, runChunk)
        } else {
          for c in 0..<chunks { runChunk(c) }
        }
      }
    }
  }
}
