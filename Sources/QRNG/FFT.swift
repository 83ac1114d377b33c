import Foundation

/// A discrete Fourier transform for the spectral test: an iterative radix-2 Cooley–Tukey FFT for
/// power-of-two lengths and Bluestein's chirp-z algorithm (Bluestein 1970) for any other length,
/// so a sequence of any n is transformed exactly at its own length, as SP 800-22 section 2.6
/// requires. Real input is packed two samples per complex point, halving the work.
///
/// This is one of the module's kernel files: the butterflies run on raw buffer pointers.
enum FFT {
  /// The magnitudes |X_k| of the DFT X_k = Σ_j x_j e^{−2πi jk/n} for k in 0..<n/2.
  static func realMagnitudes(_ x: [Double]) -> [Double] {
    let n = x.count
    guard n >= 2 else { return [] }
    let half = n / 2
    if n % 2 != 0 {
      var re = x
      var im = [Double](repeating: 0, count: n)
      transform(&re, &im)
      return (0..<half).map { (re[$0] * re[$0] + im[$0] * im[$0]).squareRoot() }
    }
    // z_j = x_{2j} + i x_{2j+1}; X_k = E_k + W^k O_k with E, O the transforms of the even and odd
    // samples, recovered from Z_k and conj(Z_{N−k}).
    var re = [Double](repeating: 0, count: half)
    var im = [Double](repeating: 0, count: half)
    for j in 0..<half {
      re[j] = x[2 * j]
      im[j] = x[2 * j + 1]
    }
    transform(&re, &im)
    var out = [Double](repeating: 0, count: half)
    let roots = unitRoots(count: half, period: n)
    for k in 0..<half {
      let m = k == 0 ? 0 : half - k
      let zr = re[k]
      let zi = im[k]
      let cr = re[m]
      let ci = -im[m]
      let er = 0.5 * (zr + cr)
      let ei = 0.5 * (zi + ci)
      // O = (Z − conj Z_{N−k}) / (2i)
      let or = 0.5 * (zi - ci)
      let oi = -0.5 * (zr - cr)
      let wr = roots.cos[k]
      let wi = roots.sin[k]
      let xr = er + wr * or - wi * oi
      let xi = ei + wr * oi + wi * or
      out[k] = (xr * xr + xi * xi).squareRoot()
    }
    return out
  }

  /// cos and sin of −2π·k/n for k in 0..<count, by exact values every 64 steps and a
  /// rotation recurrence in between (error ≈ 64 ulp), far fewer libm calls than one per k.
  static func unitRoots(count: Int, period n: Int) -> (cos: [Double], sin: [Double]) {
    var c = [Double](repeating: 0, count: count)
    var s = [Double](repeating: 0, count: count)
    let step = -2 * Double.pi / Double(n)
    let stepCos = cos(step)
    let stepSin = sin(step)
    var k = 0
    while k < count {
      var cr = cos(step * Double(k))
      var ci = sin(step * Double(k))
      let end = min(count, k + 64)
      while k < end {
        c[k] = cr
        s[k] = ci
        let nr = cr * stepCos - ci * stepSin
        ci = cr * stepSin + ci * stepCos
        cr = nr
        k += 1
      }
    }
    return (c, s)
  }

  /// The forward DFT of (re, im) in place, for any length.
  static func transform(_ re: inout [Double], _ im: inout [Double]) {
    let n = re.count
    guard n > 1 else { return }
    if n & (n - 1) == 0 {
      radix2(&re, &im)
    } else {
      bluestein(&re, &im)
    }
  }

  /// In-place iterative radix-2 FFT; `re.count` must be a power of two. `roots` are the
  /// twiddles e^{−2πik/n}, k < n/2, when the caller already has them.
  static func radix2(
    _ re: inout [Double], _ im: inout [Double], roots: (cos: [Double], sin: [Double])? = nil
  ) {
    let n = re.count
    guard n > 1 else { return }
    bitReverse(&re, &im)
    decimationInTime(&re, &im, roots: roots ?? unitRoots(count: n / 2, period: n))
  }

  /// Permutes both arrays into bit-reversed index order.
  static func bitReverse(_ re: inout [Double], _ im: inout [Double]) {
    let n = re.count
    guard n > 2 else { return }
    re.withUnsafeMutableBufferPointer { r in
      im.withUnsafeMutableBufferPointer { i in
        // j runs through the reversed indices by a reversed increment.
        var j = 0
        for a in 1..<n {
          var bit = n >> 1
          while j & bit != 0 {
            j ^= bit
            bit >>= 1
          }
          j |= bit
          if a < j {
            r.swapAt(a, j)
            i.swapAt(a, j)
          }
        }
      }
    }
  }

  /// Cooley–Tukey butterflies: bit-reversed input, natural-order forward transform out.
  static func decimationInTime(
    _ re: inout [Double], _ im: inout [Double], roots: (cos: [Double], sin: [Double])
  ) {
    stages(&re, &im, roots: roots, decimationInFrequency: false)
  }

  /// Gentleman–Sande butterflies: natural input, forward transform out in bit-reversed order.
  static func decimationInFrequency(
    _ re: inout [Double], _ im: inout [Double], roots: (cos: [Double], sin: [Double])
  ) {
    stages(&re, &im, roots: roots, decimationInFrequency: true)
  }

  /// The butterfly passes. Each stage's twiddles are gathered into a contiguous scratch first,
  /// so the butterflies read them sequentially.
  private static func stages(
    _ re: inout [Double], _ im: inout [Double], roots: (cos: [Double], sin: [Double]),
    decimationInFrequency dif: Bool
  ) {
    let n = re.count
    guard n > 1 else { return }
    let wc = UnsafeMutableBufferPointer<Double>.allocate(capacity: n / 2)
    let ws = UnsafeMutableBufferPointer<Double>.allocate(capacity: n / 2)
    defer {
      wc.deallocate()
      ws.deallocate()
    }
    re.withUnsafeMutableBufferPointer { r in
      im.withUnsafeMutableBufferPointer { i in
        var size = dif ? n : 2
        while dif ? size >= 2 : size <= n {
          let halfSize = size / 2
          let stride = n / size
          for p in 0..<halfSize {
            wc[p] = roots.cos[p * stride]
            ws[p] = roots.sin[p * stride]
          }
          var start = 0
          while start < n {
            for p in 0..<halfSize {
              let j = start + p
              let k = j + halfSize
              let wr = wc[p]
              let wi = ws[p]
              if dif {
                let dr = r[j] - r[k]
                let di = i[j] - i[k]
                r[j] += r[k]
                i[j] += i[k]
                r[k] = wr * dr - wi * di
                i[k] = wr * di + wi * dr
              } else {
                let tr = wr * r[k] - wi * i[k]
                let ti = wr * i[k] + wi * r[k]
                r[k] = r[j] - tr
                i[k] = i[j] - ti
                r[j] += tr
                i[j] += ti
              }
            }
            start += size
          }
          size = dif ? size / 2 : size * 2
        }
      }
    }
  }

  /// Bluestein's algorithm: X_k = c_k Σ_j (x_j c_j) conj(c_{k−j}) with the chirp
  /// c_k = e^{−iπ k²/n}, the convolution done by power-of-two FFTs of length ≥ 2n − 1.
  static func bluestein(_ re: inout [Double], _ im: inout [Double]) {
    let n = re.count
    var m = 1
    while m < 2 * n - 1 { m <<= 1 }
    // k² mod 2n in integers keeps the chirp angle exact for large k.
    var chirpRe = [Double](repeating: 0, count: n)
    var chirpIm = [Double](repeating: 0, count: n)
    for k in 0..<n {
      let q = (k * k) % (2 * n)
      let angle = -Double.pi * Double(q) / Double(n)
      chirpRe[k] = cos(angle)
      chirpIm[k] = sin(angle)
    }
    var ar = [Double](repeating: 0, count: m)
    var ai = [Double](repeating: 0, count: m)
    for k in 0..<n {
      ar[k] = re[k] * chirpRe[k] - im[k] * chirpIm[k]
      ai[k] = re[k] * chirpIm[k] + im[k] * chirpRe[k]
    }
    var br = [Double](repeating: 0, count: m)
    var bi = [Double](repeating: 0, count: m)
    br[0] = chirpRe[0]
    bi[0] = -chirpIm[0]
    for k in 1..<n {
      br[k] = chirpRe[k]
      bi[k] = -chirpIm[k]
      br[m - k] = chirpRe[k]
      bi[m - k] = -chirpIm[k]
    }
    // Forward transforms leave bit-reversed order, which the pointwise product does not mind
    // and the decimation-in-time inverse expects: no permutation pass at all.
    let roots = unitRoots(count: m / 2, period: m)
    decimationInFrequency(&ar, &ai, roots: roots)
    decimationInFrequency(&br, &bi, roots: roots)
    // Pointwise product, then the inverse transform as conj(FFT(conj(·))) / m.
    for k in 0..<m {
      let pr = ar[k] * br[k] - ai[k] * bi[k]
      let pi = ar[k] * bi[k] + ai[k] * br[k]
      ar[k] = pr
      ai[k] = -pi
    }
    decimationInTime(&ar, &ai, roots: roots)
    let scale = 1 / Double(m)
    for k in 0..<n {
      let cr = ar[k] * scale
      let ci = -ai[k] * scale
      re[k] = cr * chirpRe[k] - ci * chirpIm[k]
      im[k] = cr * chirpIm[k] + ci * chirpRe[k]
    }
  }
}
