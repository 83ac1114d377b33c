import CBLAS
import ComplexModule
import RealModule

/// A dense k-qubit matrix on chosen bits through `cblas_zgemm`: the amplitudes are gathered into a
/// 2^k × B tile (one column per setting of the other bits), multiplied, and scattered back.
///
/// Columns are split into a fixed number of chunks (independent of the thread count) and each chunk
/// into fixed blocks of ``denseBlockColumns``, so every amplitude sees the same zgemm call for any
/// thread count. Each chunk allocates its two tiles once.
extension AmplitudeBuffer {
  /// Columns per zgemm call: 2^k × 1024 complex tiles (128 KiB for k = 3) stay in L2.
  static let denseBlockColumns = 1024

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
    let block = AmplitudeBuffer.denseBlockColumns
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
            cblas_zgemm(
              CblasColMajor, CblasNoTrans, CblasNoTrans, blasint(dim), blasint(cols), blasint(dim),
              &alpha, uBase.value, blasint(dim), tile, blasint(dim), &beta, out, blasint(dim))
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
        if chunks > 1 {
          // zgemm runs on the calling thread's share; OpenBLAS threads would fight ours.
          BLASThreads.single { Parallelism.forEachChunk(chunks, runChunk) }
        } else {
          runChunk(0)
        }
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
