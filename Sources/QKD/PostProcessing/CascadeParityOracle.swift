import ClassicalCrypto

/// Alice's side of Cascade as Bob sees it: the only thing Bob learns about Alice's key is the
/// answer to parity queries, and every answer is one disclosed bit.
///
/// A query names a pass and a range of positions in that pass's permuted order (the permutation
/// is public, in the shared ``CascadePlan``). A networked implementation would send the query
/// over the authenticated classical channel; ``CascadeAlice`` answers locally.
public protocol CascadeParityOracle {
  /// Alice's parity of the bits at positions `range` of pass `pass`.
  /// - Throws: ``CascadeError`` for an unknown pass or a range outside the frame.
  mutating func parity(pass: Int, range: Range<Int>) throws(CascadeError) -> Bool
}

/// Alice answering Cascade parity queries on her own key, counting every bit she discloses.
///
/// She permutes her key for a pass the first time a sub-block of that pass is queried, then
/// answers range parities with word operations; whole blocks of passes with few blocks are
/// answered from the plan's block masks without permuting.
public struct CascadeAlice: CascadeParityOracle, Sendable {
  /// The shared plan.
  public let plan: CascadePlan
  /// The number of parity bits disclosed so far (one per answered query).
  public private(set) var disclosedParities = 0
  /// The number of parity bits disclosed per pass.
  public private(set) var disclosedParitiesPerPass: [Int]

  private let key: [UInt64]
  private let wordsPerPass: Int
  private var permutedWords: [UInt64]
  private var permutedPasses: [Bool]

  /// Prepares Alice's answers for `key` under `plan`.
  /// - Throws: ``CascadeError/keyLengthMismatch(expected:got:)`` when the key length is not the
  ///   plan's frame length.
  public init(key: BitVector, plan: CascadePlan) throws(CascadeError) {
    guard key.count == plan.frameLength else {
      throw .keyLengthMismatch(expected: plan.frameLength, got: key.count)
    }
    self.plan = plan
    self.key = key.words
    self.wordsPerPass = (plan.frameLength + 63) >> 6
    self.permutedWords = [UInt64](repeating: 0, count: wordsPerPass * plan.passCount)
    self.permutedPasses = [Bool](repeating: false, count: plan.passCount)
    self.disclosedParitiesPerPass = [Int](repeating: 0, count: plan.passCount)
  }

  /// Alice's parity of positions `range` of pass `pass`; counts one disclosed bit.
  /// - Throws: ``CascadeError/invalidPass(_:passCount:)``,
  ///   ``CascadeError/invalidRange(lower:upper:frameLength:)``.
  public mutating func parity(pass: Int, range: Range<Int>) throws(CascadeError) -> Bool {
    guard pass >= 0, pass < plan.passCount else {
      throw .invalidPass(pass, passCount: plan.passCount)
    }
    guard range.lowerBound >= 0, range.upperBound <= plan.frameLength, !range.isEmpty else {
      throw .invalidRange(
        lower: range.lowerBound, upper: range.upperBound, frameLength: plan.frameLength)
    }
    disclosedParities += 1
    disclosedParitiesPerPass[pass] += 1
    if !plan.blockMasks[pass].isEmpty && plan.isBlock(range, pass: pass) {
      let block = range.lowerBound / plan.blockSizes[pass]
      return plan.maskedBlockParity(key, pass: pass, block: block) == 1
    }
    if !permutedPasses[pass] { permute(pass: pass) }
    let base = pass * wordsPerPass
    return permutedWords.withUnsafeBufferPointer { words in
      CascadeKernels.parity(
        words, base: base, lower: range.lowerBound, upper: range.upperBound) == 1
    }
  }

  private mutating func permute(pass: Int) {
    let n = plan.frameLength
    let outputBase = pass * wordsPerPass
    key.withUnsafeBufferPointer { keyWords in
      plan.permutation.withUnsafeBufferPointer { perm in
        permutedWords.withUnsafeMutableBufferPointer { out in
          CascadeKernels.gather(
            key: keyWords, permutation: perm, base: pass * n, count: n, into: out,
            outputBase: outputBase)
        }
      }
    }
    permutedPasses[pass] = true
  }
}
