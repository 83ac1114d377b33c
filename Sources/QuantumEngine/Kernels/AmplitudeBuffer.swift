/// A view of `count` complex amplitudes as interleaved doubles (re, im, re, im, …).
///
/// The only way kernels see memory: ``StateVector`` and ``DensityMatrix`` hand one out inside a
/// closure-scoped `withUnsafeMutableBufferPointer`, so the pointer never escapes its owner.
/// Hot loops use the raw doubles rather than `Complex`'s accessors, which check finiteness on every
/// read.
struct AmplitudeBuffer {
  /// Interleaved real and imaginary parts, `2·count` doubles.
  let base: UnsafeMutablePointer<Double>
  /// Number of complex amplitudes (a power of two).
  let count: Int
}

/// A 2×2 complex matrix as eight doubles, row-major: (m00, m01, m10, m11), each (re, im).
struct Matrix2: Sendable {
  var r00: Double, i00: Double, r01: Double, i01: Double
  var r10: Double, i10: Double, r11: Double, i11: Double

  /// The entrywise conjugate, which acts on the bra half of a vectorised density matrix.
  var conjugate: Matrix2 {
    Matrix2(
      r00: r00, i00: -i00, r01: r01, i01: -i01,
      r10: r10, i10: -i10, r11: r11, i11: -i11)
  }
}

extension Parallelism {
  /// Runs `body(lo, hi)` over `0..<total` in the fixed chunking for a register of `amplitudes`.
  /// For element-wise kernels only: on one thread the whole range is one call, which changes no
  /// result.
  @inline(__always)
  static func forEachRange(total: Int, amplitudes: Int, _ body: (Int, Int) -> Void) {
    let chunks = min(chunkCount(for: amplitudes), max(1, total))
    if chunks == 1 || maxThreads == 1 {
      body(0, total)
      return
    }
    forEachChunk(chunks) { c in
      let r = range(c, of: chunks, total: total)
      body(r.lowerBound, r.upperBound)
    }
  }
}

/// Calls `body(i0, len)` for each maximal run of consecutive indices whose bit `q` is zero, covering
/// pair numbers `k0..<k1` (pair k ↔ the k-th index with bit q clear).
@inline(__always)
func forEachPairRun(_ k0: Int, _ k1: Int, bit q: Int, _ body: (Int, Int) -> Void) {
  let stride = 1 << q
  let low = stride &- 1
  var k = k0
  while k < k1 {
    let offset = k & low
    let len = min(k1 &- k, stride &- offset)
    body(((k >> q) << (q &+ 1)) | offset, len)
    k &+= len
  }
}

/// Calls `body(i0, len)` for each maximal run of consecutive indices with bits `lo` and `hi`
/// (lo < hi) both zero, covering quad numbers `k0..<k1`.
@inline(__always)
func forEachQuadRun(_ k0: Int, _ k1: Int, low lo: Int, high hi: Int, _ body: (Int, Int) -> Void) {
  let stride = 1 << lo
  let lowMask = stride &- 1
  let midMask = (1 << hi) &- 1
  var k = k0
  while k < k1 {
    let offset = k & lowMask
    let len = min(k1 &- k, stride &- offset)
    // Insert a zero at `lo`, then at `hi`.
    let a = ((k >> lo) << (lo &+ 1)) | offset
    let i0 = ((a >> hi) << (hi &+ 1)) | (a & midMask)
    body(i0, len)
    k &+= len
  }
}
