import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// cos(x) from the C library.
@inline(__always) func cosine(_ x: Double) -> Double { cos(x) }
/// sin(x) from the C library.
@inline(__always) func sine(_ x: Double) -> Double { sin(x) }

/// A complex vector of length N stored split: real parts at `re[0..<N]`, imaginary parts at
/// `im[0..<N]`. Split storage lets two butterflies share one 2-lane vector operation with no
/// shuffles, which is what makes the complex multiplications cheap.
struct SplitComplex {
  /// The real parts.
  let re: UnsafeMutablePointer<Double>
  /// The imaginary parts.
  let im: UnsafeMutablePointer<Double>

  /// The vector starting `offset` elements further on.
  @inline(__always)
  func advanced(by offset: Int) -> SplitComplex {
    SplitComplex(re: re + offset, im: im + offset)
  }
}

/// In-place power-of-two complex FFT kernels on split (re, im) storage for
/// ``ToeplitzConvolution``.
///
/// Each radix-4 stage is exactly two consecutive radix-2 stages fused (three twiddle
/// multiplications instead of four, half the memory passes), so forward and inverse may group
/// stages differently and still be inverse to each other. See ``FFTKernel/makeTwiddles(size:)``
/// for the twiddle layout.
enum FFTKernel {
  typealias Pair = SIMD2<Double>

  /// Sub-transforms at most this long run all their stages in cache (2^11 · 16 B = 32 KiB).
  static let cacheBlock = 1 << 11

  /// Twiddles for quarter lengths q = 2, 4, …, size/4: at offset 6(q − 1), six arrays of q
  /// values — Re and Im of w^j, w^{2j}, w^{3j} with w = e^{−2πi/(4q)}, j < q.
  static func makeTwiddles(size: Int) -> [Double] {
    var table = [Double](repeating: 0, count: max(3 * size, 6))
    var q = 2
    while 4 * q <= size {
      let base = 6 * (q - 1)
      for j in 0..<q {
        for k in 1...3 {
          let angle = -2 * Double.pi * Double(k * j) / Double(4 * q)
          table[base + (2 * k - 2) * q + j] = cosine(angle)
          table[base + (2 * k - 1) * q + j] = sine(angle)
        }
      }
      q <<= 1
    }
    return table
  }

  /// Unnormalised forward DFT (sign −1), natural order in, bit-reversed order out.
  static func forward(_ data: SplitComplex, count n: Int, twiddles: UnsafePointer<Double>) {
    guard n > cacheBlock else {
      forwardInCache(data, count: n, twiddles: twiddles)
      return
    }
    let q = n / 4
    parallelChunks(q / 2, minimum: 1 << 12) { range in
      difRadix4(data, quarter: q, pairs: range, twiddles: twiddles)
    }
    parallelFor(2) { half in
      forwardRecursive(data.advanced(by: 2 * q * half), count: q, twiddles: twiddles)
      forwardRecursive(data.advanced(by: 2 * q * half + q), count: q, twiddles: twiddles)
    }
  }

  /// Unnormalised inverse DFT (sign +1), bit-reversed order in, natural order out.
  ///
  /// `prepare(range)` is called for each cache-sized block of element indices just before its
  /// first stage, so the caller can fill the input there while the block is hot in cache
  /// (every index is covered exactly once, possibly on a worker thread).
  static func inverse(
    _ data: SplitComplex, count n: Int, twiddles: UnsafePointer<Double>,
    prepare: (Range<Int>) -> Void = { _ in }
  ) {
    guard n > cacheBlock else {
      prepare(0..<n)
      inverseInCache(data, count: n, twiddles: twiddles)
      return
    }
    let q = n / 4
    parallelFor(2) { half in
      for k in 0..<2 {
        let offset = 2 * q * half + k * q
        inverseRecursive(
          data.advanced(by: offset), count: q, offset: offset, twiddles: twiddles,
          prepare: prepare)
      }
    }
    parallelChunks(q / 2, minimum: 1 << 12) { range in
      ditRadix4(data, quarter: q, pairs: range, twiddles: twiddles)
    }
  }

  /// `accumulator[j] = Σ_a inputs[a][j] · spectra[a][j]` for `j` in `range`, over `blocks`
  /// vectors of length N stored one after another (each block is 2N doubles: N real parts,
  /// then N imaginary parts). `range` must start at an even index.
  static func multiplyAccumulate(
    into accumulator: SplitComplex, inputs: UnsafePointer<Double>,
    spectra: UnsafePointer<Double>, blocks: Int, count n: Int, range: Range<Int>
  ) {
    for a in 0..<max(blocks, 1) {
      let xr = inputs + 2 * a * n
      let xi = xr + n
      let sr = spectra + 2 * a * n
      let si = sr + n
      var j = range.lowerBound
      while j + 1 < range.upperBound {
        let x = (load(xr, j), load(xi, j))
        let s = (load(sr, j), load(si, j))
        var re = x.0 * s.0 - x.1 * s.1
        var im = x.0 * s.1 + x.1 * s.0
        if a > 0 {
          re += load(accumulator.re, j)
          im += load(accumulator.im, j)
        }
        store(re, accumulator.re, j)
        store(im, accumulator.im, j)
        j += 2
      }
      if j < range.upperBound {
        var re = xr[j] * sr[j] - xi[j] * si[j]
        var im = xr[j] * si[j] + xi[j] * sr[j]
        if a > 0 {
          re += accumulator.re[j]
          im += accumulator.im[j]
        }
        accumulator.re[j] = re
        accumulator.im[j] = im
      }
    }
  }

  /// The same transform as ``forward(_:count:twiddles:)`` on the calling thread only, for
  /// callers that run several transforms side by side.
  static func forwardRecursive(
    _ data: SplitComplex, count n: Int, twiddles: UnsafePointer<Double>
  ) {
    if n <= cacheBlock {
      forwardInCache(data, count: n, twiddles: twiddles)
      return
    }
    let q = n / 4
    difRadix4(data, quarter: q, pairs: 0..<(q / 2), twiddles: twiddles)
    for k in 0..<4 { forwardRecursive(data.advanced(by: k * q), count: q, twiddles: twiddles) }
  }

  private static func inverseRecursive(
    _ data: SplitComplex, count n: Int, offset: Int, twiddles: UnsafePointer<Double>,
    prepare: (Range<Int>) -> Void
  ) {
    if n <= cacheBlock {
      prepare(offset..<(offset + n))
      inverseInCache(data, count: n, twiddles: twiddles)
      return
    }
    let q = n / 4
    for k in 0..<4 {
      inverseRecursive(
        data.advanced(by: k * q), count: q, offset: offset + k * q, twiddles: twiddles,
        prepare: prepare)
    }
    ditRadix4(data, quarter: q, pairs: 0..<(q / 2), twiddles: twiddles)
  }

  @inline(__always)
  private static func load(_ p: UnsafePointer<Double>, _ j: Int) -> Pair {
    UnsafeRawPointer(p + j).loadUnaligned(as: Pair.self)
  }

  @inline(__always)
  private static func load(_ p: UnsafeMutablePointer<Double>, _ j: Int) -> Pair {
    UnsafeRawPointer(p + j).loadUnaligned(as: Pair.self)
  }

  @inline(__always)
  private static func store(_ v: Pair, _ p: UnsafeMutablePointer<Double>, _ j: Int) {
    UnsafeMutableRawPointer(p + j).storeBytes(of: v, as: Pair.self)
  }

  /// Two fused decimation-in-frequency stages on a block of 4q (q ≥ 2), two butterflies per
  /// step: `pairs` indexes j = 2p.
  @inline(__always)
  private static func difRadix4(
    _ d: SplitComplex, quarter q: Int, pairs: Range<Int>, twiddles: UnsafePointer<Double>
  ) {
    let tw = twiddles + 6 * (q - 1)
    let (r0, r1, r2, r3) = (d.re, d.re + q, d.re + 2 * q, d.re + 3 * q)
    let (i0, i1, i2, i3) = (d.im, d.im + q, d.im + 2 * q, d.im + 3 * q)
    for p in pairs {
      let j = 2 * p
      let a0r = load(r0, j)
      let a0i = load(i0, j)
      let a1r = load(r1, j)
      let a1i = load(i1, j)
      let a2r = load(r2, j)
      let a2i = load(i2, j)
      let a3r = load(r3, j)
      let a3i = load(i3, j)
      let t0r = a0r + a2r
      let t0i = a0i + a2i
      let t1r = a1r + a3r
      let t1i = a1i + a3i
      let t2r = a0r - a2r
      let t2i = a0i - a2i
      // t3 = −i·(a1 − a3)
      let t3r = a1i - a3i
      let t3i = a3r - a1r
      store(t0r + t1r, r0, j)
      store(t0i + t1i, i0, j)
      let w1r = load(tw, j)
      let w1i = load(tw + q, j)
      let w2r = load(tw + 2 * q, j)
      let w2i = load(tw + 3 * q, j)
      let w3r = load(tw + 4 * q, j)
      let w3i = load(tw + 5 * q, j)
      let y1r = t0r - t1r
      let y1i = t0i - t1i
      store(y1r * w2r - y1i * w2i, r1, j)
      store(y1r * w2i + y1i * w2r, i1, j)
      let y2r = t2r + t3r
      let y2i = t2i + t3i
      store(y2r * w1r - y2i * w1i, r2, j)
      store(y2r * w1i + y2i * w1r, i2, j)
      let y3r = t2r - t3r
      let y3i = t2i - t3i
      store(y3r * w3r - y3i * w3i, r3, j)
      store(y3r * w3i + y3i * w3r, i3, j)
    }
  }

  /// Two fused decimation-in-time stages on a block of 4q (q ≥ 2, conjugate twiddles).
  @inline(__always)
  private static func ditRadix4(
    _ d: SplitComplex, quarter q: Int, pairs: Range<Int>, twiddles: UnsafePointer<Double>
  ) {
    let tw = twiddles + 6 * (q - 1)
    let (r0, r1, r2, r3) = (d.re, d.re + q, d.re + 2 * q, d.re + 3 * q)
    let (i0, i1, i2, i3) = (d.im, d.im + q, d.im + 2 * q, d.im + 3 * q)
    for p in pairs {
      let j = 2 * p
      let w1r = load(tw, j)
      let w1i = load(tw + q, j)
      let w2r = load(tw + 2 * q, j)
      let w2i = load(tw + 3 * q, j)
      let w3r = load(tw + 4 * q, j)
      let w3i = load(tw + 5 * q, j)
      let x1r = load(r1, j)
      let x1i = load(i1, j)
      let x2r = load(r2, j)
      let x2i = load(i2, j)
      let x3r = load(r3, j)
      let x3i = load(i3, j)
      // b = x·conj(w)
      let b1r = x1r * w2r + x1i * w2i
      let b1i = x1i * w2r - x1r * w2i
      let b2r = x2r * w1r + x2i * w1i
      let b2i = x2i * w1r - x2r * w1i
      let b3r = x3r * w3r + x3i * w3i
      let b3i = x3i * w3r - x3r * w3i
      let x0r = load(r0, j)
      let x0i = load(i0, j)
      let u0r = x0r + b1r
      let u0i = x0i + b1i
      let u1r = x0r - b1r
      let u1i = x0i - b1i
      let v0r = b2r + b3r
      let v0i = b2i + b3i
      // v1 = i·(b2 − b3)
      let v1r = b3i - b2i
      let v1i = b2r - b3r
      store(u0r + v0r, r0, j)
      store(u0i + v0i, i0, j)
      store(u0r - v0r, r2, j)
      store(u0i - v0i, i2, j)
      store(u1r + v1r, r1, j)
      store(u1i + v1i, i1, j)
      store(u1r - v1r, r3, j)
      store(u1i - v1i, i3, j)
    }
  }

  private static func forwardInCache(
    _ d: SplitComplex, count n: Int, twiddles: UnsafePointer<Double>
  ) {
    var s = n
    while s >= 8 {
      var block = 0
      while block < n {
        difRadix4(d.advanced(by: block), quarter: s / 4, pairs: 0..<(s / 8), twiddles: twiddles)
        block += s
      }
      s /= 4
    }
    let (re, im) = (d.re, d.im)
    if s == 4 {
      var b = 0
      while b < n {
        let t0r = re[b] + re[b + 2]
        let t0i = im[b] + im[b + 2]
        let t1r = re[b + 1] + re[b + 3]
        let t1i = im[b + 1] + im[b + 3]
        let t2r = re[b] - re[b + 2]
        let t2i = im[b] - im[b + 2]
        let t3r = im[b + 1] - im[b + 3]
        let t3i = re[b + 3] - re[b + 1]
        re[b] = t0r + t1r
        im[b] = t0i + t1i
        re[b + 1] = t0r - t1r
        im[b + 1] = t0i - t1i
        re[b + 2] = t2r + t3r
        im[b + 2] = t2i + t3i
        re[b + 3] = t2r - t3r
        im[b + 3] = t2i - t3i
        b += 4
      }
    } else if s == 2 {
      var b = 0
      while b < n {
        (re[b], re[b + 1]) = (re[b] + re[b + 1], re[b] - re[b + 1])
        (im[b], im[b + 1]) = (im[b] + im[b + 1], im[b] - im[b + 1])
        b += 2
      }
    }
  }

  private static func inverseInCache(
    _ d: SplitComplex, count n: Int, twiddles: UnsafePointer<Double>
  ) {
    let (re, im) = (d.re, d.im)
    let log2n = Int.bitWidth - 1 - n.leadingZeroBitCount
    var s: Int
    if log2n & 1 == 1 {
      var b = 0
      while b < n {
        (re[b], re[b + 1]) = (re[b] + re[b + 1], re[b] - re[b + 1])
        (im[b], im[b + 1]) = (im[b] + im[b + 1], im[b] - im[b + 1])
        b += 2
      }
      s = 8
    } else {
      var b = 0
      while b + 3 < n {
        let u0r = re[b] + re[b + 1]
        let u0i = im[b] + im[b + 1]
        let u1r = re[b] - re[b + 1]
        let u1i = im[b] - im[b + 1]
        let v0r = re[b + 2] + re[b + 3]
        let v0i = im[b + 2] + im[b + 3]
        let v1r = im[b + 3] - im[b + 2]
        let v1i = re[b + 2] - re[b + 3]
        re[b] = u0r + v0r
        im[b] = u0i + v0i
        re[b + 2] = u0r - v0r
        im[b + 2] = u0i - v0i
        re[b + 1] = u1r + v1r
        im[b + 1] = u1i + v1i
        re[b + 3] = u1r - v1r
        im[b + 3] = u1i - v1i
        b += 4
      }
      s = 16
    }
    while s <= n {
      var block = 0
      while block < n {
        ditRadix4(d.advanced(by: block), quarter: s / 4, pairs: 0..<(s / 8), twiddles: twiddles)
        block += s
      }
      s *= 4
    }
  }
}

/// Runs `body(0)`, …, `body(count − 1)` concurrently.
func parallelFor(_ count: Int, _ body: (Int) -> Void) {
  // Callers give each index disjoint memory, which is what makes sharing the closure safe.
  withoutActuallyEscaping(body) { escapable in
    let shared = SharedClosure(escapable)
    DispatchQueue.concurrentPerform(iterations: count) { shared.body($0) }
  }
}

/// A closure shared across worker threads that touch disjoint memory.
struct SharedClosure<Argument>: @unchecked Sendable {
  let body: (Argument) -> Void
  init(_ body: @escaping (Argument) -> Void) { self.body = body }
}
