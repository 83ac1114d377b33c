import ClassicalCrypto
import Foundation

/// A vetted conditioning component (NIST SP 800-90B section 3.1.5.1.1): each block of n_in raw
/// bits is hashed by SHA-256 (ClassicalCrypto's ``SHA256``, through OpenSSL) to n_out = 256
/// bits.
///
/// The block length is chosen so that a block carries h_in = n_in·H ≥ n_out + 64 bits of
/// min-entropy, the margin at which SP 800-90C (section 3.1) treats the output of a vetted
/// function as full entropy. ``outputEntropy`` is the conservative per-block entropy of
/// SP 800-90B section 3.1.5.1.2, computed in logarithms.
public struct SHA256Conditioner: Sendable {
  /// The output bits per block, n_out = 256.
  public static let outputLength = 256
  /// The extra input entropy beyond n_out required for full-entropy output (64 bits).
  public static let fullEntropyMargin = 64.0

  /// The raw bits per block, n_in = ⌈(n_out + 64)/H⌉.
  public let inputLength: Int
  /// The min-entropy per raw bit H the block length was sized for.
  public let minEntropyPerBit: Double
  /// The min-entropy of one output block by the SP 800-90B section 3.1.5.1.2 formula.
  public let outputEntropy: Double

  /// A conditioner for a source with `minEntropyPerBit` bits of min-entropy per raw bit.
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)`` unless
  ///   1/4096 ≤ H ≤ 1.
  public init(minEntropyPerBit h: Double) throws(QRNGError) {
    guard h.isFinite, h >= 1.0 / 4096, h <= 1 else {
      throw .invalidParameter(
        name: "min-entropy per bit", value: "\(h)", allowed: "a number in [1/4096, 1]")
    }
    minEntropyPerBit = h
    let nOut = Double(Self.outputLength)
    // Round n_in up to whole bytes so blocks hash as byte strings.
    let bits = Int(((nOut + Self.fullEntropyMargin) / h).rounded(.up))
    inputLength = (bits + 7) / 8 * 8
    outputEntropy = Self.outputEntropy(
      inputBits: inputLength, outputBits: Self.outputLength, narrowestWidth: Self.outputLength,
      inputEntropy: Double(inputLength) * h)
  }

  /// SP 800-90B section 3.1.5.1.2: with P_high = 2^{−h_in},
  /// P_low = (1 − P_high)/(2^{n_in} − 1), n = min(n_out, nw), ψ = 2^{n_in − n}·P_low + P_high,
  /// U = 2^{n_in − n} + √(2n·2^{n_in − n}·ln 2) and ω = U·P_low, the output has
  /// −log2(max(ψ, ω)) bits of min-entropy. Every power of two is handled as its exponent.
  static func outputEntropy(
    inputBits nIn: Int, outputBits nOut: Int, narrowestWidth nw: Int, inputEntropy hIn: Double
  ) -> Double {
    let n = Double(min(nOut, nw))
    let ni = Double(nIn)
    let log2PHigh = -hIn
    // log2(1 − P_high) − log2(2^{n_in} − 1)
    let log2PLow = log2(-expm1(-hIn * log(2))) - (ni + log2(-expm1(-ni * log(2))))
    func log2Sum(_ a: Double, _ b: Double) -> Double {
      let hi = max(a, b)
      let lo = min(a, b)
      return hi + log2(1 + exp2(lo - hi))
    }
    let log2Psi = log2Sum(ni - n + log2PLow, log2PHigh)
    let exponent = ni - n
    // log2 U = (n_in − n) + log2(1 + √(2n ln2 · 2^{−(n_in − n)})).
    let log2U = exponent + log2(1 + (2 * n * log(2) * exp2(-exponent)).squareRoot())
    let log2Omega = log2U + log2PLow
    return min(Double(nOut), max(0, -max(log2Psi, log2Omega)))
  }

  /// Conditions every complete n_in-bit block of `raw` into 256 bits; a trailing partial block
  /// is ignored. Output bit i is bit (i mod 8) of digest byte i/8 (least significant first, as
  /// ``BitVector/bytes``). Blocks are hashed on up to `threads` threads; the output does not
  /// depend on the thread count.
  /// - Throws: ``QRNGError/extractorFailure(_:)`` if OpenSSL reports an error;
  ///   ``QRNGError/invalidParameter(name:value:allowed:)`` for threads < 1.
  public func condition(_ raw: BitVector, threads: Int = 1) throws(QRNGError) -> BitVector {
    try QRNGError.check(threads, in: 1...1024, name: "threads")
    let blocks = raw.count / inputLength
    let bytesPerBlock = inputLength / 8
    let rawBytes = raw.bytes
    let chunks = min(blocks, 64)
    guard chunks > 0 else { return BitVector([]) }
    let results = ChunkResults<[UInt64]>(count: chunks)
    parallelChunks(chunks, threads: threads) { chunk in
      let lo = blocks * chunk / chunks
      let hi = blocks * (chunk + 1) / chunks
      var words = [UInt64]()
      words.reserveCapacity((hi - lo) * 4)
      for b in lo..<hi {
        let start = b * bytesPerBlock
        let digest: [UInt8]
        do throws(CryptoError) {
          digest = try SHA256.hash(Array(rawBytes[start..<(start + bytesPerBlock)]))
        } catch {
          results.set(chunk, .failure(.extractorFailure(error.description)))
          return
        }
        for w in 0..<4 {
          var word: UInt64 = 0
          for k in 0..<8 { word |= UInt64(digest[w * 8 + k]) << UInt64(8 * k) }
          words.append(word)
        }
      }
      results.set(chunk, .success(words))
    }
    var out = [UInt64]()
    out.reserveCapacity(blocks * 4)
    for result in results.values {
      switch result {
      case .success(let words): out.append(contentsOf: words)
      case .failure(let error): throw error
      case nil: throw .extractorFailure("a conditioning chunk did not run")
      }
    }
    do {
      return try BitVector(words: out, count: blocks * Self.outputLength)
    } catch {
      throw .extractorFailure(error.description)
    }
  }
}
