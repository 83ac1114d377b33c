import QuantumEngine

/// The public part of a Cascade run that both parties derive from a shared seed: the block
/// size and the random permutation of every pass.
///
/// The permutations depend only on the seed and the frame length, never on the keys, so a plan
/// can be built once and reused for many frames of the same length (as a session that fixes its
/// shuffles would); building it costs O(passes · n).
public struct CascadePlan: Sendable {
  /// The configuration the plan was built from.
  public let configuration: CascadeConfiguration
  /// The number of key bits in a frame.
  public let frameLength: Int
  /// The QBER estimate that sized the blocks.
  public let qber: Double
  /// The seed of the shared permutations.
  public let seed: UInt64
  /// The block size of each pass.
  public let blockSizes: [Int]

  /// `permutation[p·n + j]` is the original index of the bit at position j of pass p.
  let permutation: [Int32]
  /// `inversePermutation[p·n + i]` is the position in pass p of original bit i.
  let inversePermutation: [Int32]

  /// For passes with at most ``maskedBlockLimit`` blocks, `blockMasks[p]` holds one n-bit
  /// mask per block in original bit order (block b at words b·⌈n/64⌉ …), so that a party can
  /// compute those block parities with word operations instead of permuting its key; empty
  /// for other passes.
  let blockMasks: [[UInt64]]

  /// Passes with at most this many blocks get precomputed block masks.
  static let maskedBlockLimit = 8

  /// The number of passes.
  public var passCount: Int { blockSizes.count }

  /// Whether `range` is exactly block `range.lowerBound / k` of pass `pass`.
  func isBlock(_ range: Range<Int>, pass: Int) -> Bool {
    let k = blockSizes[pass]
    return range.lowerBound % k == 0 && range.upperBound == min(range.lowerBound + k, frameLength)
  }

  /// The number of blocks in pass `pass` (the last one may be shorter).
  public func blockCount(pass: Int) -> Int {
    let k = blockSizes[pass]
    return (frameLength + k - 1) / k
  }

  /// Builds the plan: block sizes from `configuration` and `qber`, and one uniformly random
  /// permutation per pass (Fisher–Yates on an independent `Xoshiro256StarStar` stream of
  /// `seed` per pass).
  /// - Throws: the errors of ``CascadeConfiguration/blockSizes(qber:frameLength:)``.
  public init(
    configuration: CascadeConfiguration, frameLength: Int, qber: Double, seed: UInt64
  ) throws(CascadeError) {
    let sizes = try configuration.blockSizes(qber: qber, frameLength: frameLength)
    self.configuration = configuration
    self.frameLength = frameLength
    self.qber = qber
    self.seed = seed
    self.blockSizes = sizes
    let n = frameLength
    var forward = [Int32](repeating: 0, count: n * sizes.count)
    var inverse = [Int32](repeating: 0, count: n * sizes.count)
    forward.withUnsafeMutableBufferPointer { fwd in
      inverse.withUnsafeMutableBufferPointer { inv in
        for pass in 0..<sizes.count {
          var generator = Xoshiro256StarStar.stream(seed: seed, index: UInt64(pass))
          let base = pass * n
          for j in 0..<n { fwd[base + j] = Int32(truncatingIfNeeded: j) }
          var j = n - 1
          while j > 0 {
            let r = Self.boundedRandom(below: UInt64(j + 1), using: &generator)
            fwd.swapAt(base + j, base + Int(r))
            j -= 1
          }
          for j in 0..<n { inv[base + Int(fwd[base + j])] = Int32(truncatingIfNeeded: j) }
        }
      }
    }
    self.permutation = forward
    self.inversePermutation = inverse
    let words = (n + 63) >> 6
    var masks: [[UInt64]] = []
    for pass in 0..<sizes.count {
      let blocks = (n + sizes[pass] - 1) / sizes[pass]
      guard blocks <= Self.maskedBlockLimit else {
        masks.append([])
        continue
      }
      var mask = [UInt64](repeating: 0, count: blocks * words)
      for j in 0..<n {
        let i = Int(forward[pass * n + j])
        mask[(j / sizes[pass]) * words + (i >> 6)] |= 1 << UInt64(i & 63)
      }
      masks.append(mask)
    }
    self.blockMasks = masks
  }

  /// The parity of block `block` of pass `pass` in a key given in original order, from the
  /// precomputed mask (only for passes with masks).
  func maskedBlockParity(_ key: [UInt64], pass: Int, block: Int) -> UInt64 {
    key.withUnsafeBufferPointer { keyWords in
      blockMasks[pass].withUnsafeBufferPointer { mask in
        CascadeKernels.maskedParity(
          keyWords, mask: mask, maskBase: block * keyWords.count)
      }
    }
  }

  /// A uniform integer in 0..<bound by Lemire's multiply-and-reject method (bound ≥ 1).
  @inline(__always)
  static func boundedRandom(below bound: UInt64, using generator: inout Xoshiro256StarStar)
    -> UInt64
  {
    var product = generator.next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold {
        product = generator.next().multipliedFullWidth(by: bound)
      }
    }
    return product.high
  }

  /// The position of original bit `index` in pass `pass`.
  public func position(ofBit index: Int, inPass pass: Int) -> Int {
    Int(inversePermutation[pass * frameLength + index])
  }

  /// The original index of the bit at `position` in pass `pass`.
  public func originalIndex(ofPosition position: Int, inPass pass: Int) -> Int {
    Int(permutation[pass * frameLength + position])
  }
}
