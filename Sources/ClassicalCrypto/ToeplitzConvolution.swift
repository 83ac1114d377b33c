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
/// Padding to a power of two can waste almost half the transform, so the matrix is cut into a
/// k × r grid of equal Toeplitz blocks (k column blocks of the input, r row blocks of the
/// output), with (k, r) chosen to minimise the transform work: each input block is
/// transformed once, the products with the precomputed block-seed spectra are summed per output
/// block in the frequency domain, and each output block is transformed back once.
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
  /// Input bits per column block (the last block is zero-padded).
  let inputBlock: Int
  /// Output bits per row block, a multiple of 64 (the last block is cut at `outputLength`).
  let outputBlock: Int
  /// The number of column blocks k.
  let inputBlocks: Int
  /// The number of row blocks r.
  let outputBlocks: Int
  /// The radix-4 twiddle table of ``FFTKernel``.
  let twiddles: [Double]
  /// `ζ^j` split: real parts at `0..<N`, imaginary parts at `N..<2N`.
  let weights: [Double]
  /// For row block b and column block a, at `2N·(b·k + a)`: the weighted, transformed block
  /// seed scaled by 1/N, in bit-reversed order, split into N real then N imaginary parts.
  let seedSpectra: [Double]

  init(seed: BitVector, inputLength: Int, outputLength: Int) {
    self.inputLength = inputLength
    self.outputLength = outputLength
    let plan = Self.plan(inputLength: inputLength, outputLength: outputLength)
    let n = plan.size
    self.size = n
    self.inputBlocks = plan.inputBlocks
    self.outputBlocks = plan.outputBlocks
    self.inputBlock = plan.inputBlock
    self.outputBlock = plan.outputBlock

    let tw = FFTKernel.makeTwiddles(size: n)
    self.twiddles = tw
    var w = [Double](repeating: 0, count: 2 * n)
    for j in 0..<n {
      let angle = Double.pi * Double(j) / Double(2 * n)
      w[j] = cosine(angle)
      w[n + j] = sine(angle)
    }
    self.weights = w

    // Block (b, a) is the Toeplitz matrix of rows b·mB ..< (b+1)·mB and columns
    // a·nA ..< (a+1)·nA; its seed is seed[t + b·mB − a·nA + n − nA] (zero outside the seed).
    let blockCount = plan.inputBlocks * plan.outputBlocks
    var spectra = [Double](repeating: 0, count: blockCount * 2 * n)
    spectra.withUnsafeMutableBufferPointer { sp in
      seed.words.withUnsafeBufferPointer { seedWords in
        w.withUnsafeBufferPointer { wp in
          tw.withUnsafeBufferPointer { twp in
            guard let base = sp.baseAddress, let weights = wp.baseAddress,
              let t = twp.baseAddress
            else { return }
            for b in 0..<plan.outputBlocks {
              for a in 0..<plan.inputBlocks {
                let block = base + 2 * n * (b * plan.inputBlocks + a)
                let data = SplitComplex(re: block, im: block + n)
                let offset =
                  b * plan.outputBlock - a * plan.inputBlock + inputLength - plan.inputBlock
                Self.loadWeighted(
                  data, count: n, bits: seedWords, bitCount: seed.count, start: offset,
                  length: plan.inputBlock + plan.outputBlock - 1, weights: weights,
                  scale: 1 / Double(n))
                FFTKernel.forward(data, count: n, twiddles: t)
              }
            }
          }
        }
      }
    }
    self.seedSpectra = spectra
  }

  /// The block grid and transform size with the least estimated work.
  static func plan(inputLength: Int, outputLength: Int) -> (
    size: Int, inputBlocks: Int, outputBlocks: Int, inputBlock: Int, outputBlock: Int
  ) {
    var best = (size: 0, inputBlocks: 1, outputBlocks: 1, inputBlock: 0, outputBlock: 0)
    var bestCost = Double.infinity
    for k in 1...4 {
      for r in 1...4 {
        let nA = (inputLength + k - 1) / k
        let mB = ((outputLength + r - 1) / r + 63) / 64 * 64
        guard (k - 1) * nA < inputLength, (r - 1) * mB < outputLength else { continue }
        var l = 128
        while l < nA + mB - 1 { l <<= 1 }
        let n = l / 2
        let logN = Double(Int.bitWidth - n.leadingZeroBitCount)
        // A transform costs about N·log2 N; a block product streams three vectors from
        // memory, measured at about 3N on this kind of machine.
        let cost = Double(k + r) * Double(n) * logN + 3 * Double(k * r * n)
        if cost < bestCost * 0.98 {
          bestCost = cost
          best = (n, k, r, nA, mB)
        }
      }
    }
    return best
  }

  func hash(_ input: BitVector) throws(ToeplitzHashError) -> BitVector {
    let n = size
    let k = inputBlocks
    // Every element is written by `loadWeighted` (inputs) or the first product (accumulator)
    // before it is read.
    var work = [Double](unsafeUninitializedCapacity: 2 * (k + 1) * n) { _, initialized in
      initialized = 2 * (k + 1) * n
    }
    var outWords = [UInt64](repeating: 0, count: (outputLength + 63) / 64)
    var deviation = 0.0
    work.withUnsafeMutableBufferPointer { wp in
      weights.withUnsafeBufferPointer { weightsBuffer in
        twiddles.withUnsafeBufferPointer { twiddleBuffer in
          seedSpectra.withUnsafeBufferPointer { spectrumBuffer in
            input.words.withUnsafeBufferPointer { xb in
              outWords.withUnsafeMutableBufferPointer { ob in
                guard let data = wp.baseAddress, let wt = weightsBuffer.baseAddress,
                  let tw = twiddleBuffer.baseAddress, let sp = spectrumBuffer.baseAddress
                else { return }
                // With several input blocks, each thread transforms whole blocks (no
                // synchronisation inside a transform); a single block uses both threads.
                let sideBySide = k > 1
                parallelFor(sideBySide ? 2 : 1) { thread in
                  for a in stride(from: thread, to: k, by: sideBySide ? 2 : 1) {
                    let block = SplitComplex(re: data + 2 * a * n, im: data + 2 * a * n + n)
                    Self.loadWeighted(
                      block, count: n, bits: xb, bitCount: input.count, start: a * inputBlock,
                      length: inputBlock, weights: wt, scale: 1, parallel: !sideBySide)
                    if sideBySide {
                      FFTKernel.forwardRecursive(block, count: n, twiddles: tw)
                    } else {
                      FFTKernel.forward(block, count: n, twiddles: tw)
                    }
                  }
                }
                let accumulator = SplitComplex(re: data + 2 * k * n, im: data + 2 * k * n + n)
                for b in 0..<outputBlocks {
                  // The block products are formed leaf by leaf inside the inverse transform,
                  // while each leaf is in cache.
                  let inputs = UnsafePointer(data)
                  let spectra = sp + 2 * b * k * n
                  FFTKernel.inverse(accumulator, count: n, twiddles: tw) { range in
                    FFTKernel.multiplyAccumulate(
                      into: accumulator, inputs: inputs, spectra: spectra, blocks: k, count: n,
                      range: range)
                  }
                  let firstOutput = b * outputBlock
                  let outputs = min(outputBlock, outputLength - firstOutput)
                  let blockDeviation = Self.extractParities(
                    accumulator, weights: wt, size: n, first: inputBlock - 1, count: outputs,
                    into: UnsafeMutableBufferPointer(
                      rebasing: ob[(firstOutput / 64)..<((firstOutput + outputs + 63) / 64)]))
                  deviation = max(deviation, blockDeviation)
                }
              }
            }
          }
        }
      }
    }
    guard deviation < 0.25 else { throw .precisionLost(deviation: deviation) }
    return (try? BitVector(words: outWords, count: outputLength)) ?? BitVector([])
  }

  /// `data[j] = scale·(a_j + i·a_{j+N})·ζ^j` where `a_t = bits[start + t]` for
  /// `0 ≤ t < length` and zero elsewhere (also where `start + t` is outside `0..<bitCount`).
  private static func loadWeighted(
    _ data: SplitComplex, count n: Int,
    bits: UnsafeBufferPointer<UInt64>, bitCount: Int, start: Int, length: Int,
    weights: UnsafePointer<Double>, scale: Double, parallel: Bool = true
  ) {
    let source = BitWindow(words: bits, bitCount: bitCount, start: start, length: length)
    parallelChunks(n / 64, chunks: parallel ? 2 : 1, minimum: 1 << 8) { chunks in
      for chunk in chunks {
        let j0 = chunk * 64
        let low = source.word(at: j0)
        let high = source.word(at: j0 + n)
        for b in 0..<64 {
          let j = j0 + b
          let wr = weights[j]
          let wi = weights[n + j]
          let re = Double((low >> UInt64(b)) & 1) * scale
          let im = Double((high >> UInt64(b)) & 1) * scale
          // (re + i·im)·(wr + i·wi)
          data.re[j] = re * wr - im * wi
          data.im[j] = re * wi + im * wr
        }
      }
    }
  }

  /// Un-weights the coefficients `first ..< first + count`, rounds and packs their parities.
  /// Returns the largest distance of a value from the nearest integer.
  private static func extractParities(
    _ data: SplitComplex, weights: UnsafePointer<Double>,
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
            let wr = weights[j]
            let wi = weights[n + j]
            let zr = data.re[j]
            let zi = data.im[j]
            // z·conj(w): the real part is coefficient j, the imaginary part coefficient j + N.
            let value = k < n ? zr * wr + zi * wi : zi * wr - zr * wi
            // Values are ≥ −0.5 when rounding is safe, so truncating value + 0.5 rounds; the
            // clamp keeps a corrupted value from trapping (it then shows up as a deviation).
            let rounded = Int64(value.isFinite ? min(max(value + 0.5, 0), 0x1p52) : 0)
            worst = max(worst, value.isFinite ? abs(value - Double(rounded)) : .infinity)
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

/// 64 consecutive bits `a_t … a_{t+63}` of the sequence `a_t = bits[start + t]` for
/// `0 ≤ t < length`, zero elsewhere and outside `0..<bitCount`.
struct BitWindow {
  let words: UnsafeBufferPointer<UInt64>
  let bitCount: Int
  let start: Int
  let length: Int

  @inline(__always)
  func word(at t: Int) -> UInt64 {
    let lo = max(t, 0)
    let hi = min(t + 64, length, bitCount - start)
    guard lo < hi else { return 0 }
    let k = start + t
    var value: UInt64
    if k >= 0 {
      let index = k >> 6
      let shift = UInt64(k & 63)
      value = words[index] >> shift
      if shift != 0 && index + 1 < words.count { value |= words[index + 1] << (64 - shift) }
    } else {
      // Only the part from bit position 0 of the source exists; shift it up into place.
      value = -k < 64 ? words[0] << UInt64(-k) : 0
    }
    // Keep only positions t' in lo..<hi, i.e. bits (lo − t) ..< (hi − t) of the window.
    let from = lo - t
    let to = hi - t
    let upper: UInt64 = to >= 64 ? ~0 : (1 << UInt64(to)) &- 1
    let lower: UInt64 = from >= 64 ? ~0 : (1 << UInt64(from)) &- 1
    return value & upper & ~lower
  }
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
