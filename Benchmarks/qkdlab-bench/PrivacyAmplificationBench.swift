import ClassicalCrypto

/// Privacy amplification by Toeplitz hashing (``ToeplitzHash``) at 10^5, 10^6 and 10^7 input
/// bits, output half the input; prints `input_bits`, `output_bits`, `seconds` (best of several
/// runs of one hash, seed transform precomputed) and `bits_per_s` (input bits per second).
/// Target (issue 4): 10^6 bits at ≥ 10^8 bit/s.
let privacyAmplificationBench: @Sendable () -> Void = {
  var generator = BenchSplitMix(state: 0x5EED)
  for n in [100_000, 1_000_000, 10_000_000] {
    let m = n / 2
    guard let toeplitz = try? ToeplitzHash(inputLength: n, outputLength: m, using: &generator)
    else { continue }
    let input = BitVector(randomCount: n, using: &generator)
    var sink = 0
    let seconds = bestTime(minRepeats: n >= 10_000_000 ? 3 : 5) {
      sink &+= (try? toeplitz.hash(input))?.popcount ?? 0
    }
    emit([
      ("bench", "privacy_amplification"), ("input_bits", n), ("output_bits", m),
      ("seconds", seconds), ("bits_per_s", Double(n) / seconds),
    ])
    if sink == -1 { print(sink) }
  }
}

/// SplitMix64 for benchmark inputs (the bench target does not need the engine's generator).
private struct BenchSplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
