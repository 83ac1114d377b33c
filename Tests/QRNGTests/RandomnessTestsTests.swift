import ClassicalCrypto
import Testing

@testable import QRNG

/// Worked examples of SP 800-22 rev. 1a sections 2.1–2.3 (p-values printed to six digits).
struct RandomnessTestsTests {
  @Test func frequencyReproducesSection2_1Examples() throws {
    let short = try RandomnessTests.frequency(bitVector("1011010101"))
    #expect(abs(short.statistic - 0.632455532) < 1e-8)
    #expect(abs(short.pValue - 0.527089) < 1e-6)
    let long = try RandomnessTests.frequency(sp80022Example100)
    #expect(abs(long.pValue - 0.109599) < 1e-6)
    #expect(long.passed)
  }

  @Test func blockFrequencyReproducesSection2_2Examples() throws {
    let short = try RandomnessTests.blockFrequency(bitVector("0110011010"), blockLength: 3)
    #expect(abs(short.statistic - 1) < 1e-12)
    #expect(abs(short.pValue - 0.801252) < 1e-6)
    let long = try RandomnessTests.blockFrequency(sp80022Example100, blockLength: 10)
    #expect(abs(long.statistic - 7.2) < 1e-9)
    #expect(abs(long.pValue - 0.706438) < 1e-6)
  }

  @Test func runsReproducesSection2_3Examples() throws {
    let short = try RandomnessTests.runs(bitVector("1001101011"))
    #expect(short.statistic == 7)
    #expect(abs(short.pValue - 0.147232) < 1e-6)
    let long = try RandomnessTests.runs(sp80022Example100)
    #expect(long.statistic == 52)
    #expect(abs(long.pValue - 0.500798) < 1e-6)
  }

  @Test func runsCountsTransitionsAcrossWordBoundaries() throws {
    // 130 alternating bits: 129 transitions, so V_n = 130.
    let alternating = BitVector((0..<130).map { $0 % 2 == 0 })
    let result = try RandomnessTests.runs(alternating)
    #expect(result.statistic == 130)
    #expect(!result.passed)
  }

  @Test func frequencyFailsOnABiasedStream() throws {
    let biased = bernoulliBits(100_000, p: 0.51, seed: 11)
    let result = try RandomnessTests.frequency(biased)
    #expect(!result.passed)
    #expect(result.pValue < 1e-6)
  }

  @Test func invalidInputThrows() {
    #expect(throws: QRNGError.self) { try RandomnessTests.frequency(BitVector([])) }
    #expect(throws: QRNGError.self) {
      try RandomnessTests.blockFrequency(bitVector("0101"), blockLength: 5)
    }
    #expect(throws: QRNGError.self) {
      try RandomnessTests.frequency(bitVector("0101"), significance: 1.5)
    }
  }
}
