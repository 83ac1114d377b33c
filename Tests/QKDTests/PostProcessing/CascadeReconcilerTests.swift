import ClassicalCrypto
import Testing

@testable import QKD

@Suite struct CascadeReconcilerTests {
  static let variants: [CascadeConfiguration] = [.original, .improved]

  @Test(arguments: [0.01, 0.02, 0.03, 0.05, 0.08])
  func correctsAllErrorsOverSeeds(qber: Double) throws {
    for configuration in Self.variants {
      for seed in UInt64(1)...4 {
        let (alice, bob) = correlatedKeys(length: 10_000, qber: qber, seed: seed &* 7919)
        let errors = try alice.hammingDistance(to: bob)
        let reconciler = try CascadeReconciler(
          configuration: configuration, frameLength: 10_000, qber: qber, seed: seed)
        let result = try reconciler.reconcile(alice: alice, bob: bob)
        #expect(result.residualErrors == 0, "\(configuration.name) q=\(qber) seed=\(seed)")
        #expect(result.correctedKey == alice)
        #expect(result.correctedErrors == errors)
      }
    }
  }

  @Test func leakageEqualsDisclosedParities() throws {
    for configuration in Self.variants {
      let (alice, bob) = correlatedKeys(length: 20_000, qber: 0.03, seed: 42)
      let reconciler = try CascadeReconciler(
        configuration: configuration, frameLength: 20_000, qber: 0.03, seed: 9)
      var oracle = RecordingOracle(alice: try CascadeAlice(key: alice, plan: reconciler.plan))
      let result = try reconciler.reconcile(bob, with: &oracle)
      #expect(result.leakedBits == oracle.queries.count)
      #expect(result.leakedBits == oracle.alice.disclosedParities)
      #expect(oracle.alice.disclosedParitiesPerPass.reduce(0, +) == result.leakedBits)
      // Every block parity of pass 1 is among the queries: at least n/k₁ bits leak.
      #expect(result.leakedBits >= reconciler.plan.blockCount(pass: 0))
      if configuration.reusesKnownParities {
        let distinct = Set(oracle.queries.map { "\($0.pass):\($0.lower):\($0.upper)" })
        #expect(distinct.count == oracle.queries.count, "a parity was asked twice")
      }
    }
  }

  @Test func efficiencyIsInPlausibleRange() throws {
    // Cascade cannot beat the Shannon limit (f ≥ 1 up to the sampling spread of one frame)
    // and the published variants stay well below f = 1.5 at these error rates.
    for configuration in Self.variants {
      for qber in [0.02, 0.05] {
        var totalLeak = 0
        var totalLimit = 0.0
        for seed in UInt64(1)...4 {
          let (alice, bob) = correlatedKeys(length: 20_000, qber: qber, seed: seed &+ 100)
          let reconciler = try CascadeReconciler(
            configuration: configuration, frameLength: 20_000, qber: qber, seed: seed)
          let result = try reconciler.reconcile(alice: alice, bob: bob)
          totalLeak += result.leakedBits
          totalLimit += 20_000 * binaryEntropy(result.observedQBER)
        }
        let f = Double(totalLeak) / totalLimit
        #expect(f > 1.0 && f < 1.5, "\(configuration.name) q=\(qber) f=\(f)")
      }
    }
  }

  @Test func improvedVariantLeaksLessThanOriginal() throws {
    let (alice, bob) = correlatedKeys(length: 20_000, qber: 0.03, seed: 5)
    var leaks: [Int] = []
    for configuration in Self.variants {
      let reconciler = try CascadeReconciler(
        configuration: configuration, frameLength: 20_000, qber: 0.03, seed: 5)
      leaks.append(try reconciler.reconcile(alice: alice, bob: bob).leakedBits)
    }
    #expect(leaks[1] < leaks[0])
  }

  @Test func sameSeedSameTranscript() throws {
    let (alice, bob) = correlatedKeys(length: 5_000, qber: 0.04, seed: 77)
    let r1 = try CascadeReconciler(
      configuration: .improved, frameLength: 5_000, qber: 0.04, seed: 3)
    let r2 = try CascadeReconciler(
      configuration: .improved, frameLength: 5_000, qber: 0.04, seed: 3)
    var o1 = RecordingOracle(alice: try CascadeAlice(key: alice, plan: r1.plan))
    var o2 = RecordingOracle(alice: try CascadeAlice(key: alice, plan: r2.plan))
    _ = try r1.reconcile(bob, with: &o1)
    _ = try r2.reconcile(bob, with: &o2)
    #expect(
      o1.queries.map { [$0.pass, $0.lower, $0.upper] }
        == o2.queries.map {
          [$0.pass, $0.lower, $0.upper]
        })
  }

  @Test func planPermutationsAreBijections() throws {
    let plan = try CascadePlan(configuration: .improved, frameLength: 1_000, qber: 0.05, seed: 1)
    for pass in 0..<plan.passCount {
      var seen = [Bool](repeating: false, count: 1_000)
      for j in 0..<1_000 {
        let i = plan.originalIndex(ofPosition: j, inPass: pass)
        seen[i] = true
        #expect(plan.position(ofBit: i, inPass: pass) == j)
      }
      #expect(seen.allSatisfy { $0 })
    }
  }

  @Test func blockMasksGiveTheSameParityAsThePermutedKey() throws {
    let plan = try CascadePlan(configuration: .improved, frameLength: 1_000, qber: 0.05, seed: 2)
    let (key, _) = correlatedKeys(length: 1_000, qber: 0, seed: 6)
    var maskedPasses = 0
    for pass in 0..<plan.passCount where !plan.blockMasks[pass].isEmpty {
      maskedPasses += 1
      let k = plan.blockSizes[pass]
      for block in 0..<plan.blockCount(pass: pass) {
        var parity = false
        for j in (block * k)..<min(block * k + k, 1_000) {
          parity = parity != key[plan.originalIndex(ofPosition: j, inPass: pass)]
        }
        #expect((plan.maskedBlockParity(key.words, pass: pass, block: block) == 1) == parity)
      }
    }
    // k₂ = 128 gives 8 blocks and k≥3 = 500 gives 2: every pass but the first is masked.
    #expect(maskedPasses == 13)
  }

  @Test func blockSizesFollowThePublishedRules() throws {
    #expect(
      try CascadeConfiguration.original.blockSizes(qber: 0.01, frameLength: 10_000)
        == [73, 146, 292, 584])
    let improved = try CascadeConfiguration.improved.blockSizes(qber: 0.03, frameLength: 10_000)
    #expect(improved.count == 14)
    #expect(improved[0] == 64 && improved[1] == 256 && improved[2] == 5_000)
  }

  @Test func rejectsBadInput() throws {
    #expect(throws: CascadeError.invalidQBER(0.5)) {
      try CascadePlan(configuration: .original, frameLength: 100, qber: 0.5, seed: 1)
    }
    #expect(throws: CascadeError.self) {
      try CascadePlan(configuration: .original, frameLength: 100, qber: .nan, seed: 1)
    }
    #expect(throws: CascadeError.self) {
      try CascadePlan(configuration: .original, frameLength: 1, qber: 0.01, seed: 1)
    }
    var bad = CascadeConfiguration.original
    bad.passCount = 0
    #expect(throws: CascadeError.self) {
      try CascadePlan(configuration: bad, frameLength: 100, qber: 0.01, seed: 1)
    }
    let plan = try CascadePlan(configuration: .original, frameLength: 100, qber: 0.05, seed: 1)
    let short = try BitVector(count: 99)
    #expect(throws: CascadeError.keyLengthMismatch(expected: 100, got: 99)) {
      try CascadeAlice(key: short, plan: plan)
    }
    var alice = try CascadeAlice(key: try BitVector(count: 100), plan: plan)
    #expect(throws: CascadeError.self) { try alice.parity(pass: 7, range: 0..<5) }
    #expect(throws: CascadeError.self) { try alice.parity(pass: 0, range: 90..<101) }
    #expect(throws: CascadeError.self) { try alice.parity(pass: 0, range: 5..<5) }
  }
}
