import ClassicalCrypto
import QuantumEngine

@testable import QKD

/// Alice's random key and Bob's copy with each bit flipped independently with probability
/// `qber` (a binary symmetric channel), from a fixed seed.
func correlatedKeys(length: Int, qber: Double, seed: UInt64) -> (alice: BitVector, bob: BitVector) {
  var generator = Xoshiro256StarStar(seed: seed)
  let alice = BitVector(randomCount: length, using: &generator)
  var bob = alice
  for i in 0..<length where generator.nextUnitDouble() < qber { bob.flip(i) }
  return (alice, bob)
}

/// An oracle that forwards to ``CascadeAlice`` and records every query it answers.
struct RecordingOracle: CascadeParityOracle {
  var alice: CascadeAlice
  var queries: [(pass: Int, lower: Int, upper: Int)] = []

  mutating func parity(pass: Int, range: Range<Int>) throws(CascadeError) -> Bool {
    queries.append((pass, range.lowerBound, range.upperBound))
    return try alice.parity(pass: pass, range: range)
  }
}
