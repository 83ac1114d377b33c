import ClassicalCrypto
import Foundation

/// A seeded randomness extractor: each block of n raw bits is hashed to m bits by a random
/// Toeplitz matrix (ClassicalCrypto's ``ToeplitzHash``, the same code as privacy
/// amplification in QKD), with m = ⌊n·H − 2 log2(1/ε)⌋ from the leftover hash lemma
/// (Impagliazzo, Levin & Luby 1989; Tomamichel et al., IEEE Trans. Inf. Theory 57, 5524, 2011):
/// if each block has min-entropy at least n·H, the output is ε-close to uniform.
///
/// The seed (n + m − 1 bits) must be uniform and independent of the source; it may be public
/// and is reused for every block.
public struct ToeplitzExtractor: Sendable {
  /// The raw bits per block, n.
  public let inputLength: Int
  /// The extracted bits per block, m.
  public let outputLength: Int
  /// The min-entropy per raw bit H the output length was sized for.
  public let minEntropyPerBit: Double
  /// The distance ε from uniform of each output block.
  public let epsilon: Double
  /// The hash applied to each block.
  public let hash: ToeplitzHash

  /// m = ⌊n·H − 2 log2(1/ε)⌋, or 0 when the block holds too little entropy.
  public static func outputLength(inputLength n: Int, minEntropyPerBit h: Double, epsilon: Double)
    -> Int
  {
    max(0, Int((Double(n) * h - 2 * log2(1 / epsilon)).rounded(.down)))
  }

  /// An extractor whose Toeplitz seed is given.
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)`` unless
  ///   1 ≤ n ≤ ``ToeplitzHash/maximumInputLength``, 0 < H ≤ 1, 0 < ε < 1 and m ≥ 1;
  ///   ``QRNGError/extractorFailure(_:)`` when the seed has the wrong length.
  public init(inputLength: Int, minEntropyPerBit: Double, epsilon: Double, seed: BitVector)
    throws(QRNGError)
  {
    let m = try Self.validate(inputLength, minEntropyPerBit, epsilon)
    do {
      hash = try ToeplitzHash(inputLength: inputLength, outputLength: m, seed: seed)
    } catch {
      throw .extractorFailure(error.description)
    }
    self.inputLength = inputLength
    outputLength = m
    self.minEntropyPerBit = minEntropyPerBit
    self.epsilon = epsilon
  }

  /// An extractor with a seed of n + m − 1 uniform bits drawn from `generator`.
  /// - Throws: as ``init(inputLength:minEntropyPerBit:epsilon:seed:)``.
  public init<G: RandomNumberGenerator>(
    inputLength: Int, minEntropyPerBit: Double, epsilon: Double, using generator: inout G
  ) throws(QRNGError) {
    let m = try Self.validate(inputLength, minEntropyPerBit, epsilon)
    let seed = BitVector(randomCount: inputLength + m - 1, using: &generator)
    try self.init(
      inputLength: inputLength, minEntropyPerBit: minEntropyPerBit, epsilon: epsilon, seed: seed)
  }

  private static func validate(_ n: Int, _ h: Double, _ epsilon: Double) throws(QRNGError) -> Int {
    try QRNGError.check(n, in: 1...ToeplitzHash.maximumInputLength, name: "Toeplitz block length")
    guard h.isFinite, h > 0, h <= 1 else {
      throw .invalidParameter(
        name: "min-entropy per bit", value: "\(h)", allowed: "a number in (0, 1]")
    }
    guard epsilon.isFinite, epsilon > 0, epsilon < 1 else {
      throw .invalidParameter(
        name: "extractor epsilon", value: "\(epsilon)", allowed: "a number strictly in (0, 1)")
    }
    let m = outputLength(inputLength: n, minEntropyPerBit: h, epsilon: epsilon)
    guard m >= 1 else {
      throw .invalidParameter(
        name: "Toeplitz block length", value: "\(n)",
        allowed: "a block holding more than 2·log2(1/ε) = \(2 * log2(1 / epsilon)) bits of "
          + "min-entropy at H = \(h) per bit")
    }
    return m
  }

  /// Hashes every complete n-bit block of `raw` and concatenates the m-bit outputs; a
  /// trailing partial block is ignored. Blocks are hashed on up to `threads` threads; the
  /// output does not depend on the thread count.
  /// - Throws: ``QRNGError/extractorFailure(_:)`` if the hash reports an error;
  ///   ``QRNGError/invalidParameter(name:value:allowed:)`` for threads < 1.
  public func extract(_ raw: BitVector, threads: Int = 1) throws(QRNGError) -> BitVector {
    try QRNGError.check(threads, in: 1...1024, name: "threads")
    let blocks = raw.count / inputLength
    guard blocks > 0 else { return BitVector([]) }
    let results = ChunkResults<BitVector>(count: blocks)
    let hash = self.hash
    let n = inputLength
    parallelChunks(blocks, threads: threads) { b in
      let block = wordSlice(raw, b * n..<(b + 1) * n)
      do throws(ToeplitzHashError) {
        results.set(b, .success(try hash.hash(block)))
      } catch {
        results.set(b, .failure(.extractorFailure(error.description)))
      }
    }
    var writer = BitWriter(reservingCapacity: blocks * outputLength)
    for result in results.values {
      switch result {
      case .success(let bits): writer.append(bits)
      case .failure(let error): throw error
      case nil: throw .extractorFailure("a Toeplitz block did not run")
      }
    }
    return writer.bitVector
  }
}
