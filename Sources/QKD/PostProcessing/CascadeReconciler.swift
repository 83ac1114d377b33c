import ClassicalCrypto

/// Bob's side of Cascade error reconciliation: he asks Alice (a ``CascadeParityOracle``) for
/// block and sub-block parities in every pass, finds each odd-parity block's error by binary
/// search and, after every correction, re-examines the blocks of earlier passes that contain
/// the corrected bit (the "cascade" of Brassard & Salvail, EUROCRYPT 1993).
///
/// Leakage is counted exactly: one bit per parity Alice reveals. Blocks are processed lowest
/// pass (smallest block) first, so each error is located where binary search is cheapest.
public struct CascadeReconciler: Sendable {
  /// The shared plan (block sizes and permutations).
  public let plan: CascadePlan

  /// Uses a prepared plan; reuse one reconciler for many frames of the same length.
  public init(plan: CascadePlan) { self.plan = plan }

  /// Builds the plan from a configuration, frame length, QBER estimate and shared seed.
  /// - Throws: the errors of ``CascadePlan/init(configuration:frameLength:qber:seed:)``.
  public init(
    configuration: CascadeConfiguration, frameLength: Int, qber: Double, seed: UInt64
  ) throws(CascadeError) {
    self.plan = try CascadePlan(
      configuration: configuration, frameLength: frameLength, qber: qber, seed: seed)
  }

  /// Corrects `bobKey` by querying `alice` for parities; the result's ``CascadeResult/leakedBits``
  /// counts every query answered.
  /// - Throws: ``CascadeError/keyLengthMismatch(expected:got:)`` and whatever `alice` throws.
  public func reconcile<Oracle: CascadeParityOracle>(
    _ bobKey: BitVector, with alice: inout Oracle
  ) throws(CascadeError) -> CascadeResult {
    guard bobKey.count == plan.frameLength else {
      throw .keyLengthMismatch(expected: plan.frameLength, got: bobKey.count)
    }
    var state = CascadeBobState(plan: plan, key: bobKey.words)
    try state.run(oracle: &alice)
    let corrected: BitVector
    do {
      corrected = try BitVector(words: state.key, count: plan.frameLength)
    } catch {
      throw .keyLengthMismatch(expected: plan.frameLength, got: bobKey.count)
    }
    return CascadeResult(
      correctedKey: corrected, frameLength: plan.frameLength, leakedBits: state.leaked,
      correctedErrors: state.corrected, passes: plan.passCount, blockSizes: plan.blockSizes,
      variant: plan.configuration.name, residualErrors: nil)
  }

  /// Simulates both parties locally: Alice (a ``CascadeAlice`` on `aliceKey`) answers Bob's
  /// queries, and the result also records the residual errors against Alice's key.
  /// - Throws: ``CascadeError/keyLengthMismatch(expected:got:)``.
  public func reconcile(alice aliceKey: BitVector, bob bobKey: BitVector) throws(CascadeError)
    -> CascadeResult
  {
    var alice = try CascadeAlice(key: aliceKey, plan: plan)
    var result = try reconcile(bobKey, with: &alice)
    var residual = 0
    for (a, b) in zip(aliceKey.words, result.correctedKey.words) {
      residual += (a ^ b).nonzeroBitCount
    }
    result.residualErrors = residual
    return result
  }
}

/// Bob's working state for one frame: his key, his permuted copy per pass, the known parities
/// per block and the queue of blocks whose parity disagrees with Alice's.
struct CascadeBobState {
  let plan: CascadePlan
  let n: Int
  let wordsPerPass: Int
  var key: [UInt64]
  var permuted: [UInt64]
  var blockOffset: [Int]
  var errorParity: [UInt8]
  var pending: [[Int32]]
  /// Whether Bob's permuted copy of pass p is built (it is built lazily for masked passes).
  var permutedReady: [Bool]
  var startedPasses = 0
  var leaked = 0
  var corrected = 0
  var cache: KnownParityCache

  init(plan: CascadePlan, key: [UInt64]) {
    self.plan = plan
    self.n = plan.frameLength
    self.wordsPerPass = (plan.frameLength + 63) >> 6
    self.key = key
    self.permuted = [UInt64](repeating: 0, count: wordsPerPass * plan.passCount)
    var offsets: [Int] = []
    var total = 0
    for pass in 0..<plan.passCount {
      offsets.append(total)
      total += plan.blockCount(pass: pass)
    }
    self.blockOffset = offsets
    self.errorParity = [UInt8](repeating: 0, count: total)
    self.pending = [[Int32]](repeating: [], count: plan.passCount)
    self.permutedReady = [Bool](repeating: false, count: plan.passCount)
    // About two cache records per binary-search query, ~1.1·n·h(Q) queries per frame.
    let expected =
      plan.configuration.reusesKnownParities
      ? 64 + Int(2.5 * Double(n) * binaryEntropy(max(plan.qber, 1e-4))) : 1
    self.cache = KnownParityCache(expectedEntries: expected)
  }

  mutating func run<Oracle: CascadeParityOracle>(oracle: inout Oracle) throws(CascadeError) {
    let inferLast = plan.configuration.infersLastBlockParity
    var frameParity: UInt64 = 0
    for pass in 0..<plan.passCount {
      let masked = !plan.blockMasks[pass].isEmpty
      if !masked { permuteBobKey(pass: pass) }
      let k = plan.blockSizes[pass]
      let blocks = plan.blockCount(pass: pass)
      var disclosedXor: UInt64 = 0
      for block in 0..<blocks {
        let lower = block * k
        let upper = min(lower + k, n)
        let alice: UInt64
        if pass > 0 && inferLast && block == blocks - 1 {
          alice = frameParity ^ disclosedXor
        } else {
          alice = try oracle.parity(pass: pass, range: lower..<upper) ? 1 : 0
          leaked += 1
        }
        disclosedXor ^= alice
        let bob =
          masked
          ? plan.maskedBlockParity(key, pass: pass, block: block)
          : bobParity(pass: pass, lower: lower, upper: upper)
        let mismatch = alice ^ bob
        errorParity[blockOffset[pass] + block] = UInt8(mismatch)
        if mismatch == 1 { pending[pass].append(Int32(block)) }
      }
      if pass == 0 { frameParity = disclosedXor }
      startedPasses = pass + 1
      try drain(oracle: &oracle)
    }
  }

  /// Corrects odd blocks, lowest pass first, until none is left.
  mutating func drain<Oracle: CascadeParityOracle>(oracle: inout Oracle) throws(CascadeError) {
    while true {
      var pass = 0
      while pass < startedPasses && pending[pass].isEmpty { pass += 1 }
      if pass == startedPasses { return }
      let block = Int(pending[pass].removeLast())
      if errorParity[blockOffset[pass] + block] == 0 { continue }
      // An honest run flips each erroneous bit once; more flips than bits means the parities
      // Bob was given contradict each other (a tampered, unauthenticated channel), and reusing
      // them could cycle forever.
      guard corrected <= n else { throw .inconsistentParities(corrections: corrected) }
      try binarySearchAndCorrect(pass: pass, block: block, oracle: &oracle)
    }
  }

  /// Halves an odd block until one bit is left, asking Alice for the left half's parity
  /// unless it is already known, then flips that bit.
  mutating func binarySearchAndCorrect<Oracle: CascadeParityOracle>(
    pass: Int, block: Int, oracle: inout Oracle
  ) throws(CascadeError) {
    if !permutedReady[pass] { permuteBobKey(pass: pass) }
    let k = plan.blockSizes[pass]
    var lower = block * k
    var upper = min(lower + k, n)
    let reuse = plan.configuration.reusesKnownParities
    // The range always has odd error parity, so Alice's parity of it is Bob's flipped.
    var aliceRange = bobParity(pass: pass, lower: lower, upper: upper) ^ 1
    while upper - lower > 1 {
      let middle = lower + (upper - lower + 1) / 2
      let aliceLeft: UInt64
      if reuse, let known = cache.parity(pass: pass, lower: lower, upper: middle) {
        aliceLeft = known
      } else {
        aliceLeft = try oracle.parity(pass: pass, range: lower..<middle) ? 1 : 0
        leaked += 1
        if reuse {
          cache.record(pass: pass, lower: lower, upper: middle, parity: aliceLeft)
          cache.record(pass: pass, lower: middle, upper: upper, parity: aliceRange ^ aliceLeft)
        }
      }
      if aliceLeft != bobParity(pass: pass, lower: lower, upper: middle) {
        upper = middle
        aliceRange = aliceLeft
      } else {
        lower = middle
        aliceRange ^= aliceLeft
      }
    }
    flip(originalIndex: plan.originalIndex(ofPosition: lower, inPass: pass))
  }

  /// Flips one of Bob's bits everywhere it appears and re-queues the blocks it makes odd.
  mutating func flip(originalIndex i: Int) {
    let bit: UInt64 = 1 << UInt64(i & 63)
    key[i >> 6] ^= bit
    corrected += 1
    for pass in 0..<startedPasses {
      let j = plan.position(ofBit: i, inPass: pass)
      if permutedReady[pass] { permuted[pass * wordsPerPass + (j >> 6)] ^= 1 << UInt64(j & 63) }
      let block = j / plan.blockSizes[pass]
      let slot = blockOffset[pass] + block
      errorParity[slot] ^= 1
      if errorParity[slot] == 1 { pending[pass].append(Int32(block)) }
    }
  }

  func bobParity(pass: Int, lower: Int, upper: Int) -> UInt64 {
    permuted.withUnsafeBufferPointer { words in
      CascadeKernels.parity(words, base: pass * wordsPerPass, lower: lower, upper: upper)
    }
  }

  mutating func permuteBobKey(pass: Int) {
    let n = self.n
    let outputBase = pass * wordsPerPass
    key.withUnsafeBufferPointer { keyWords in
      plan.permutation.withUnsafeBufferPointer { perm in
        permuted.withUnsafeMutableBufferPointer { out in
          CascadeKernels.gather(
            key: keyWords, permutation: perm, base: pass * n, count: n, into: out,
            outputBase: outputBase)
        }
      }
    }
    permutedReady[pass] = true
  }
}
