import QuantumEngine
import Testing

@testable import QKD

@Suite struct KeyVerificationTests {
  @Test func equalKeysPassAndOneBitDifferenceFails() throws {
    let (alice, _) = correlatedKeys(length: 10_000, qber: 0, seed: 3)
    var generator = Xoshiro256StarStar(seed: 8)
    let ok = try KeyVerification.verify(alice: alice, bob: alice, using: &generator)
    #expect(ok.keysMatch && ok.disclosedBits == 64)
    #expect(ok.failureProbability < 1e-16)
    for position in [0, 5_000, 9_999] {
      var bob = alice
      bob.flip(position)
      #expect(throws: PostProcessingError.aborted(.verificationFailed)) {
        try KeyVerification.verify(alice: alice, bob: bob, using: &generator)
      }
    }
    let two = try KeyVerification.compare(alice: alice, bob: alice, hashCount: 2, using: &generator)
    #expect(two.failureProbability < ok.failureProbability * 1e-15)
  }
}
