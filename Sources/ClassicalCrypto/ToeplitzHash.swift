/// Privacy amplification and randomness extraction by a random Toeplitz matrix over GF(2).
///
/// The m×n matrix has entries `T[i][j] = seed[i - j + n - 1]`, so a seed of n + m − 1 bits fixes
/// it, and the output is `y = T·x` over GF(2). Random Toeplitz matrices form a universal hash
/// family (Mansour, Nisan, Tiwari, STOC 1990; Krawczyk, CRYPTO 1994), so by the leftover hash
/// lemma (Impagliazzo, Levin, Luby 1989) the output is ε-close to uniform when the input has
/// min-entropy at least m + 2·log2(1/ε).
///
/// `y_i` is coefficient `i + n − 1` of the polynomial product `seed(t)·x(t)` taken mod 2, so
/// large inputs are hashed in O(n log n) by a floating-point FFT convolution (see
/// `ToeplitzConvolution`); small ones use the dense product directly.
public struct ToeplitzHash: Sendable {
  /// The largest supported input length in bits (2^26). The FFT path keeps about 90 bytes per
  /// input bit of precomputed tables and scratch (about 6 GiB at this maximum, 0.7 GiB for
  /// 10^7 bits).
  public static let maximumInputLength = 1 << 26

  /// The number of input bits n.
  public let inputLength: Int
  /// The number of output bits m.
  public let outputLength: Int
  /// The n + m − 1 seed bits that define the matrix.
  public let seed: BitVector

  /// The precomputed transform of the seed, when the FFT path is used.
  let convolution: ToeplitzConvolution?
  /// The reversed, packed seed for the dense product.
  let reversedSeed: [UInt64]

  /// Builds the m×n Toeplitz matrix given by `seed`.
  /// - Throws: ``ToeplitzHashError/invalidInputLength(_:maximum:)`` unless
  ///   1 ≤ `inputLength` ≤ ``maximumInputLength``;
  ///   ``ToeplitzHashError/invalidOutputLength(_:inputLength:)`` unless
  ///   1 ≤ `outputLength` ≤ `inputLength`;
  ///   ``ToeplitzHashError/seedLengthMismatch(expected:got:)`` unless the seed has
  ///   `inputLength + outputLength − 1` bits.
  public init(inputLength: Int, outputLength: Int, seed: BitVector) throws(ToeplitzHashError) {
    guard inputLength >= 1, inputLength <= Self.maximumInputLength else {
      throw .invalidInputLength(inputLength, maximum: Self.maximumInputLength)
    }
    guard outputLength >= 1, outputLength <= inputLength else {
      throw .invalidOutputLength(outputLength, inputLength: inputLength)
    }
    let seedLength = inputLength + outputLength - 1
    guard seed.count == seedLength else {
      throw .seedLengthMismatch(expected: seedLength, got: seed.count)
    }
    self.inputLength = inputLength
    self.outputLength = outputLength
    self.seed = seed
    self.reversedSeed = Self.reversedSeedWords(seed)
    self.convolution =
      Self.prefersDense(inputLength: inputLength, outputLength: outputLength)
      ? nil : ToeplitzConvolution(seed: seed, inputLength: inputLength, outputLength: outputLength)
  }

  /// Builds a Toeplitz hash with a seed of n + m − 1 uniformly random bits from `generator`.
  /// - Throws: the length errors of ``init(inputLength:outputLength:seed:)``.
  public init<G: RandomNumberGenerator>(
    inputLength: Int, outputLength: Int, using generator: inout G
  ) throws(ToeplitzHashError) {
    guard inputLength >= 1, inputLength <= Self.maximumInputLength else {
      throw .invalidInputLength(inputLength, maximum: Self.maximumInputLength)
    }
    guard outputLength >= 1, outputLength <= inputLength else {
      throw .invalidOutputLength(outputLength, inputLength: inputLength)
    }
    let seed = BitVector(randomCount: inputLength + outputLength - 1, using: &generator)
    try self.init(inputLength: inputLength, outputLength: outputLength, seed: seed)
  }

  /// The m-bit hash `T·x` of an n-bit input.
  /// - Throws: ``ToeplitzHashError/inputLengthMismatch(expected:got:)`` when `input` does not
  ///   have ``inputLength`` bits; ``ToeplitzHashError/precisionLost(deviation:)`` if the FFT could
  ///   not be rounded safely (not expected below ``maximumInputLength``).
  public func hash(_ input: BitVector) throws(ToeplitzHashError) -> BitVector {
    guard input.count == inputLength else {
      throw .inputLengthMismatch(expected: inputLength, got: input.count)
    }
    if let convolution {
      return try convolution.hash(input)
    }
    return denseProduct(input)
  }

  /// The same product computed directly, row by row, in O(n·m/64) word operations: the
  /// reference the fast path is tested against.
  /// - Throws: ``ToeplitzHashError/inputLengthMismatch(expected:got:)``.
  public func denseHash(_ input: BitVector) throws(ToeplitzHashError) -> BitVector {
    guard input.count == inputLength else {
      throw .inputLengthMismatch(expected: inputLength, got: input.count)
    }
    return denseProduct(input)
  }

  /// Below this many matrix entries the dense product beats the FFT.
  static func prefersDense(inputLength: Int, outputLength: Int) -> Bool {
    inputLength * outputLength <= 1 << 18
  }
}
