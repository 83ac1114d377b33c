import Dispatch

/// The O(n log n) kernel of ``ToeplitzHash``: `seed(t)·x(t)` by a complex FFT, then mod 2.
///
/// The real product is needed only modulo `t^L + 1` with L ≥ n + m − 1 (the wrapped terms land
/// outside the coefficients `n − 1 ..< n + m − 1` that form the hash, and a sign does not change
/// a parity). Writing `N = L/2`, the "right-angle" weighted transform (Crandall & Fagin, Math.
/// Comp. 62, 1994) maps a real polynomial `a_lo + t^N·a_hi` to the complex
/// `(a_lo + i·a_hi)(ζu)` with `ζ = e^{iπ/(2N)}`, turning the negacyclic product of length L into a
/// cyclic one of length N. Values are integers ≤ n, far inside double precision, and are
/// rounded at the end.
///
/// The forward transform is decimation-in-frequency (natural order in, bit-reversed out) and the
/// inverse is decimation-in-time (bit-reversed in, natural out), so no bit-reversal pass is
/// needed. Both recurse depth-first so that once a sub-transform fits in cache all its stages
/// run there; the two halves of the top level run on two threads.
final class ToeplitzConvolution: Sendable {
  let inputLength: Int
  let outputLength: Int
  /// Complex transform length N (a power of two).
  let size: Int
  /// The radix-4 twiddle table of ``FFTKernel``.
  let twiddles: [SIMD2<Double>]
  /// `weights[j] = ζ^j`.
  let weights: [SIMD2<Double>]
  /// The weighted, transformed seed scaled by 1/N, in bit-reversed order.
  let seedSpectrum: [SIMD2<Double>]

  init(seed: BitVector, inputLength: Int, outputLength: Int) {
    self.inputLength = inputLength
    self.outputLength = outputLength
    var l = 2
    while l < inputLength + outputLength - 1 { l <<= 1 }
    let n = max(l / 2, 4)
    self.size = n

    let tw = FFTKernel.makeTwiddles(size: n)
    self.twiddles = tw

    var w = [SIMD2<Double>](repeating: .zero, count: n)
    for j in 0..<n {
      let angle = Double.pi * Double(j) / Double(2 * n)
      w[j] = SIMD2(cosine(angle), sine(angle))
    }
    self.weights = w

    var spectrum = [SIMD2<Double>](repeating: .zero, count: n)
    let scale = 1.0 / Double(n)
    for j in 0..<n {
      let re: Double = j < seed.count && seed[j] ? scale : 0
      let im: Double = j + n < seed.count && seed[j + n] ? scale : 0
      spectrum[j] = complexMultiply(SIMD2(re, im), w[j])
    }
    tw.withUnsafeBufferPointer { twp in
      spectrum.withUnsafeMutableBufferPointer { sp in
        guard let data = sp.baseAddress, let t = twp.baseAddress else { return }
        FFTKernel.forward(data, count: n, twiddles: t)
      }
    }
    self.seedSpectrum = spectrum
  }

  func hash(_ input: BitVector) throws(ToeplitzHashError) -> BitVector {
    let n = size
    let x = input.words
    let xCount = input.count
    // Every element is written by `loadWeighted` before it is read.
    var work = [SIMD2<Double>](unsafeUninitializedCapacity: n) { _, initialized in
      initialized = n
    }
    var outWords = [UInt64](repeating: 0, count: (outputLength + 63) / 64)
    var deviation = 0.0
    work.withUnsafeMutableBufferPointer { wp in
      guard let data = wp.baseAddress else { return }
      weights.withUnsafeBufferPointer { weightsBuffer in
        twiddles.withUnsafeBufferPointer { twiddleBuffer in
          seedSpectrum.withUnsafeBufferPointer { spectrumBuffer in
            guard let wt = weightsBuffer.baseAddress, let tw = twiddleBuffer.baseAddress,
              let sp = spectrumBuffer.baseAddress
            else { return }
            x.withUnsafeBufferPointer { xb in
              Self.loadWeighted(data, count: n, bits: xb, bitCount: xCount, weights: wt)
            }
            FFTKernel.forward(data, count: n, twiddles: tw)
            FFTKernel.pointwiseMultiply(data, by: sp, count: n)
            FFTKernel.inverse(data, count: n, twiddles: tw)
            outWords.withUnsafeMutableBufferPointer { ob in
              deviation = Self.extractParities(
                data, weights: wt, size: n, first: inputLength - 1, count: outputLength,
                into: ob)
            }
          }
        }
      }
    }
    guard deviation < 0.25 else { throw .precisionLost(deviation: deviation) }
    return (try? BitVector(words: outWords, count: outputLength)) ?? BitVector([])
  }

  /// `data[j] = (x_j + i·x_{j+N})·ζ^j`.
  private static func loadWeighted(
    _ data: UnsafeMutablePointer<SIMD2<Double>>, count n: Int,
    bits: UnsafeBufferPointer<UInt64>, bitCount: Int, weights: UnsafePointer<SIMD2<Double>>
  ) {
    @inline(__always) func bit(_ k: Int) -> Double {
      k < bitCount ? Double((bits[k >> 6] >> UInt64(k & 63)) & 1) : 0
    }
    parallelChunks(n) { range in
      for j in range {
        let w = weights[j]
        let re = bit(j)
        let im = bit(j + n)
        // (re + i·im)·(wr + i·wi)
        data[j] = SIMD2(re * w.x - im * w.y, re * w.y + im * w.x)
      }
    }
  }

  /// Un-weights the coefficients `first ..< first + count`, rounds and packs their parities.
  /// Returns the largest distance of a value from the nearest integer.
  private static func extractParities(
    _ data: UnsafeMutablePointer<SIMD2<Double>>, weights: UnsafePointer<SIMD2<Double>>,
    size n: Int, first: Int, count: Int, into out: UnsafeMutableBufferPointer<UInt64>
  ) -> Double {
    let wordCount = out.count
    var deviations = [Double](repeating: 0, count: 2)
    deviations.withUnsafeMutableBufferPointer { dev in
      parallelChunks(wordCount, minimum: 1 << 8) { words in
        var worst = 0.0
        for wordIndex in words {
          var word: UInt64 = 0
          let start = wordIndex * 64
          for b in 0..<min(64, count - start) {
            let k = first + start + b
            let j = k < n ? k : k - n
            let w = weights[j]
            let z = data[j]
            // z·conj(w): the real part is coefficient j, the imaginary part coefficient j + N.
            let value = k < n ? z.x * w.x + z.y * w.y : z.y * w.x - z.x * w.y
            // Values are ≥ −0.5 when rounding is safe, so truncating value + 0.5 rounds.
            let rounded = Int64(max(value + 0.5, 0))
            worst = max(worst, abs(value - Double(rounded)))
            word |= UInt64(rounded & 1) << UInt64(b)
          }
          out[wordIndex] = word
        }
        let slot = words.lowerBound == 0 ? 0 : 1
        dev[slot] = max(dev[slot], worst)
      }
    }
    return deviations.max() ?? 0
  }
}

/// `a·b` for complex numbers stored as (re, im).
@inline(__always)
func complexMultiply(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> SIMD2<Double> {
  SIMD2(a.x, a.x) * b + SIMD2(a.y, a.y) * SIMD2(-b.y, b.x)
}

/// Runs `body` on `chunks` contiguous parts of `0..<count` concurrently (one range when
/// `count < minimum`).
func parallelChunks(
  _ count: Int, chunks: Int = 2, minimum: Int = 1 << 14, _ body: (Range<Int>) -> Void
) {
  guard count >= minimum, chunks > 1 else {
    body(0..<count)
    return
  }
  parallelFor(chunks) { c in body((count * c / chunks)..<(count * (c + 1) / chunks)) }
}
