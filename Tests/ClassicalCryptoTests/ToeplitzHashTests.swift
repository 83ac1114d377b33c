import Testing

@testable import ClassicalCrypto

@Suite struct ToeplitzHashTests {
  /// The matrix written out from its definition T[i][j] = seed[i − j + n − 1], bit by bit.
  func textbookProduct(seed: BitVector, n: Int, m: Int, input: BitVector) -> BitVector {
    var out = BitVector([Bool](repeating: false, count: m))
    for i in 0..<m {
      var acc = false
      for j in 0..<n where input[j] && seed[i - j + n - 1] { acc.toggle() }
      out[i] = acc
    }
    return out
  }

  @Test func denseMatchesTheDefinition() throws {
    var rng = SplitMix64(seed: 1)
    for (n, m) in [(1, 1), (5, 3), (64, 64), (65, 1), (130, 77), (200, 128)] {
      let h = try ToeplitzHash(inputLength: n, outputLength: m, using: &rng)
      let x = BitVector(randomCount: n, using: &rng)
      #expect(try h.denseHash(x) == textbookProduct(seed: h.seed, n: n, m: m, input: x))
    }
  }

  @Test func fastPathMatchesDenseReference() throws {
    var rng = SplitMix64(seed: 2)
    let sizes = [
      (1000, 500), (1000, 1000), (4097, 3000), (10_000, 5_000), (20_000, 2_345),
      (70_001, 35_000),
    ]
    for (n, m) in sizes {
      let seed = BitVector(randomCount: n + m - 1, using: &rng)
      let h = try ToeplitzHash(inputLength: n, outputLength: m, seed: seed)
      let convolution = ToeplitzConvolution(seed: seed, inputLength: n, outputLength: m)
      for _ in 0..<2 {
        let x = BitVector(randomCount: n, using: &rng)
        let fast = try convolution.hash(x)
        #expect(fast.count == m)
        #expect(fast == h.denseProduct(x), "n = \(n), m = \(m)")
      }
    }
  }

  @Test func outputHasTheRequestedLength() throws {
    var rng = SplitMix64(seed: 3)
    for (n, m) in [(10, 1), (1000, 999), (100_000, 50_000)] {
      let h = try ToeplitzHash(inputLength: n, outputLength: m, using: &rng)
      let y = try h.hash(BitVector(randomCount: n, using: &rng))
      #expect(y.count == m)
    }
  }

  @Test func flippingOneInputBitChangesAboutHalfTheOutput() throws {
    var rng = SplitMix64(seed: 4)
    let n = 200_000
    let m = 100_000
    let h = try ToeplitzHash(inputLength: n, outputLength: m, using: &rng)
    let x = BitVector(randomCount: n, using: &rng)
    let y = try h.hash(x)
    for position in [0, 12_345, n - 1] {
      var flipped = x
      flipped.flip(position)
      let d = try y.hammingDistance(to: h.hash(flipped))
      // The change is one column of T: m seed bits, each 1 with probability 1/2.
      // Binomial(m, 1/2) has σ = √m / 2; allow 5σ.
      let sigma = Double(m).squareRoot() / 2
      #expect(abs(Double(d) - Double(m) / 2) < 5 * sigma, "flipping bit \(position) changed \(d)")
    }
  }

  @Test func hashIsLinearOverGF2() throws {
    var rng = SplitMix64(seed: 5)
    let h = try ToeplitzHash(inputLength: 50_000, outputLength: 20_000, using: &rng)
    let a = BitVector(randomCount: 50_000, using: &rng)
    let b = BitVector(randomCount: 50_000, using: &rng)
    #expect(try h.hash(a.xor(b)) == h.hash(a).xor(h.hash(b)))
  }

  @Test func invalidLengthsAreRejected() throws {
    var rng = SplitMix64(seed: 6)
    #expect(
      throws: ToeplitzHashError.invalidInputLength(0, maximum: ToeplitzHash.maximumInputLength)
    ) {
      try ToeplitzHash(inputLength: 0, outputLength: 1, using: &rng)
    }
    #expect(throws: ToeplitzHashError.invalidOutputLength(11, inputLength: 10)) {
      try ToeplitzHash(inputLength: 10, outputLength: 11, using: &rng)
    }
    #expect(throws: ToeplitzHashError.invalidOutputLength(0, inputLength: 10)) {
      try ToeplitzHash(inputLength: 10, outputLength: 0, using: &rng)
    }
    let shortSeed = BitVector(randomCount: 13, using: &rng)
    #expect(throws: ToeplitzHashError.seedLengthMismatch(expected: 14, got: 13)) {
      try ToeplitzHash(inputLength: 10, outputLength: 5, seed: shortSeed)
    }
    let h = try ToeplitzHash(inputLength: 10, outputLength: 5, using: &rng)
    #expect(throws: ToeplitzHashError.inputLengthMismatch(expected: 10, got: 9)) {
      try h.hash(BitVector(randomCount: 9, using: &rng))
    }
    #expect(ToeplitzHashError.seedLengthMismatch(expected: 14, got: 13).description.contains("14"))
  }
}
