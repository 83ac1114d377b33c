import Testing

@testable import QKD

@Suite struct BinaryEntropyTests {
  @Test func knownValues() {
    #expect(binaryEntropy(0) == 0)
    #expect(binaryEntropy(1) == 0)
    #expect(abs(binaryEntropy(0.5) - 1) < 1e-15)
    // h(0.11) = 0.49991… (the Shor–Preskill root is where h = 1/2).
    #expect(abs(binaryEntropy(0.11) - 0.4999157) < 1e-6)
    #expect(abs(binaryEntropy(0.2) - binaryEntropy(0.8)) < 1e-15)
    #expect(binaryEntropy(.nan).isNaN)
    #expect(binaryEntropy(-0.3) == 0)
  }
}
