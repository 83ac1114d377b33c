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

/// In-place power-of-two complex FFT kernels on interleaved (re, im) doubles for
/// ``ToeplitzConvolution``.
///
/// Each radix-4 stage is exactly two consecutive radix-2 stages fused (three twiddle
/// multiplications instead of four, half the memory passes), so forward and inverse may group
/// stages differently and still be inverse to each other. `twiddles` holds, for each quarter
/// length q (a power of two), the triples (w^j, w^{2j}, w^{3j}) with w = e^{−2πi/(4q)},
/// j < q, starting at index 3(q − 1); see ``FFTKernel/makeTwiddles(size:)``.
enum FFTKernel {
  typealias Complex = SIMD2<Double>

  /// Sub-transforms at most this long run all their stages in cache (2^11 · 16 B = 32 KiB).
  static let cacheBlock = 1 << 11

  /// The radix-4 twiddle table for transforms of length up to `size`.
  static func makeTwiddles(size: Int) -> [Complex] {
    var table = [Complex](repeating: .zero, count: max(3 * size / 2, 3))
    var q = 1
    while 4 * q <= size {
      for j in 0..<q {
        for k in 1...3 {
          let angle = -2 * Double.pi * Double(k * j) / Double(4 * q)
          table[3 * (q - 1) + 3 * j + k - 1] = Complex(cosine(angle), sine(angle))
        }
      }
      q <<= 1
    }
    return table
  }

  /// Unnormalised forward DFT (sign −1), natural order in, bit-reversed order out.
  static func forward(
    _ data: UnsafeMutablePointer<Complex>, count n: Int, twiddles: UnsafePointer<Complex>
  ) {
    guard n > cacheBlock else {
      forwardInCache(data, count: n, twiddles: twiddles)
      return
    }
    let q = n / 4
    parallelChunks(q) { range in difRadix4(data, quarter: q, range: range, twiddles: twiddles) }
    parallelFor(2) { half in
      forwardRecursive(data + 2 * q * half, count: q, twiddles: twiddles)
      forwardRecursive(data + 2 * q * half + q, count: q, twiddles: twiddles)
    }
  }

  /// Unnormalised inverse DFT (sign +1), bit-reversed order in, natural order out.
  static func inverse(
    _ data: UnsafeMutablePointer<Complex>, count n: Int, twiddles: UnsafePointer<Complex>
  ) {
    guard n > cacheBlock else {
      inverseInCache(data, count: n, twiddles: twiddles)
      return
    }
    let q = n / 4
    parallelFor(2) { half in
      inverseRecursive(data + 2 * q * half, count: q, twiddles: twiddles)
      inverseRecursive(data + 2 * q * half + q, count: q, twiddles: twiddles)
    }
    parallelChunks(q) { range in ditRadix4(data, quarter: q, range: range, twiddles: twiddles) }
  }

  /// `data[k] *= factors[k]`.
  static func pointwiseMultiply(
    _ data: UnsafeMutablePointer<Complex>, by factors: UnsafePointer<Complex>, count n: Int
  ) {
    parallelChunks(n) { range in
      for k in range { data[k] = complexMultiply(data[k], factors[k]) }
    }
  }

  private static func forwardRecursive(
    _ data: UnsafeMutablePointer<Complex>, count n: Int, twiddles: UnsafePointer<Complex>
  ) {
    if n <= cacheBlock {
      forwardInCache(data, count: n, twiddles: twiddles)
      return
    }
    let q = n / 4
    difRadix4(data, quarter: q, range: 0..<q, twiddles: twiddles)
    for k in 0..<4 { forwardRecursive(data + k * q, count: q, twiddles: twiddles) }
  }

  private static func inverseRecursive(
    _ data: UnsafeMutablePointer<Complex>, count n: Int, twiddles: UnsafePointer<Complex>
  ) {
    if n <= cacheBlock {
      inverseInCache(data, count: n, twiddles: twiddles)
      return
    }
    let q = n / 4
    for k in 0..<4 { inverseRecursive(data + k * q, count: q, twiddles: twiddles) }
    ditRadix4(data, quarter: q, range: 0..<q, twiddles: twiddles)
  }

  /// Two fused decimation-in-frequency stages on a block of 4q.
  @inline(__always)
  private static func difRadix4(
    _ data: UnsafeMutablePointer<Complex>, quarter q: Int, range: Range<Int>,
    twiddles: UnsafePointer<Complex>
  ) {
    let tw = twiddles + 3 * (q - 1)
    let p1 = data + q
    let p2 = data + 2 * q
    let p3 = data + 3 * q
    for j in range {
      let a0 = data[j]
      let a1 = p1[j]
      let a2 = p2[j]
      let a3 = p3[j]
      let t0 = a0 + a2
      let t1 = a1 + a3
      let t2 = a0 - a2
      let t3 = timesMinusI(a1 - a3)
      data[j] = t0 + t1
      p1[j] = complexMultiply(t0 - t1, tw[3 * j + 1])
      p2[j] = complexMultiply(t2 + t3, tw[3 * j])
      p3[j] = complexMultiply(t2 - t3, tw[3 * j + 2])
    }
  }

  /// Two fused decimation-in-time stages on a block of 4q (conjugate twiddles).
  @inline(__always)
  private static func ditRadix4(
    _ data: UnsafeMutablePointer<Complex>, quarter q: Int, range: Range<Int>,
    twiddles: UnsafePointer<Complex>
  ) {
    let tw = twiddles + 3 * (q - 1)
    let p1 = data + q
    let p2 = data + 2 * q
    let p3 = data + 3 * q
    for j in range {
      let x0 = data[j]
      let b1 = complexMultiplyConjugate(p1[j], tw[3 * j + 1])
      let b2 = complexMultiplyConjugate(p2[j], tw[3 * j])
      let b3 = complexMultiplyConjugate(p3[j], tw[3 * j + 2])
      let u0 = x0 + b1
      let u1 = x0 - b1
      let v0 = b2 + b3
      let v1 = timesPlusI(b2 - b3)
      data[j] = u0 + v0
      p2[j] = u0 - v0
      p1[j] = u1 + v1
      p3[j] = u1 - v1
    }
  }

  private static func forwardInCache(
    _ data: UnsafeMutablePointer<Complex>, count n: Int, twiddles: UnsafePointer<Complex>
  ) {
    var s = n
    while s >= 8 {
      var block = 0
      while block < n {
        difRadix4(data + block, quarter: s / 4, range: 0..<(s / 4), twiddles: twiddles)
        block += s
      }
      s /= 4
    }
    if s == 4 {
      var b = 0
      while b < n {
        let t0 = data[b] + data[b + 2]
        let t1 = data[b + 1] + data[b + 3]
        let t2 = data[b] - data[b + 2]
        let t3 = timesMinusI(data[b + 1] - data[b + 3])
        data[b] = t0 + t1
        data[b + 1] = t0 - t1
        data[b + 2] = t2 + t3
        data[b + 3] = t2 - t3
        b += 4
      }
    } else if s == 2 {
      var b = 0
      while b < n {
        let u = data[b]
        let v = data[b + 1]
        data[b] = u + v
        data[b + 1] = u - v
        b += 2
      }
    }
  }

  private static func inverseInCache(
    _ data: UnsafeMutablePointer<Complex>, count n: Int, twiddles: UnsafePointer<Complex>
  ) {
    let log2n = Int.bitWidth - 1 - n.leadingZeroBitCount
    var s: Int
    if log2n & 1 == 1 {
      var b = 0
      while b < n {
        let u = data[b]
        let v = data[b + 1]
        data[b] = u + v
        data[b + 1] = u - v
        b += 2
      }
      s = 8
    } else {
      var b = 0
      while b + 3 < n {
        let u0 = data[b] + data[b + 1]
        let u1 = data[b] - data[b + 1]
        let v0 = data[b + 2] + data[b + 3]
        let v1 = timesPlusI(data[b + 2] - data[b + 3])
        data[b] = u0 + v0
        data[b + 2] = u0 - v0
        data[b + 1] = u1 + v1
        data[b + 3] = u1 - v1
        b += 4
      }
      s = 16
    }
    while s <= n {
      var block = 0
      while block < n {
        ditRadix4(data + block, quarter: s / 4, range: 0..<(s / 4), twiddles: twiddles)
        block += s
      }
      s *= 4
    }
  }

  @inline(__always) private static func timesMinusI(_ z: Complex) -> Complex { Complex(z.y, -z.x) }
  @inline(__always) private static func timesPlusI(_ z: Complex) -> Complex { Complex(-z.y, z.x) }
}

/// `a·conj(b)` for complex numbers stored as (re, im).
@inline(__always)
func complexMultiplyConjugate(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> SIMD2<Double> {
  SIMD2(b.x, b.x) * a + SIMD2(b.y, b.y) * SIMD2(a.y, -a.x)
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
