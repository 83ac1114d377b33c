import Foundation

/// How Cascade sizes its blocks, how many passes it runs and which disclosed parities it reuses.
///
/// Two published variants are provided:
/// - ``original``: Brassard & Salvail, "Secret-key reconciliation by public discussion",
///   EUROCRYPT 1993: 4 passes, k₁ = ⌈0.73/Q⌉, k_{i+1} = 2·k_i.
/// - ``improved``: the choices studied by Martinez-Mateo, Pacher, Peev, Ciurana and Martin,
///   "Demystifying the information reconciliation protocol Cascade", QIC 15, 453 (2015),
///   arXiv:1407.3257: power-of-two blocks k₁ = 2^⌈log2(1/Q)⌉, k₂ = 4·k₁, k_{i≥3} = ⌈n/2⌉,
///   14 passes, reuse of every sub-block parity Alice already disclosed, and inference of the
///   last block parity of each pass from the parity of the whole frame.
public struct CascadeConfiguration: Sendable, Hashable, Codable {
  /// The rule giving the block size of each pass.
  public enum BlockSizeRule: Sendable, Hashable, Codable {
    /// k₁ = ⌈factor/Q⌉ and k_{i+1} = growth·k_i (Brassard & Salvail use factor 0.73, growth 2).
    case geometric(factor: Double, growth: Int)
    /// k₁ = 2^⌈log2(1/Q)⌉, k₂ = secondMultiplier·k₁, then ⌈n/2⌉ (Martinez-Mateo et al. 2015).
    case powerOfTwo(secondMultiplier: Int)
  }

  /// A short name for reports and benchmarks.
  public var name: String
  /// The number of passes (each with a fresh shared permutation).
  public var passCount: Int
  /// The block-size schedule.
  public var blockSizeRule: BlockSizeRule
  /// Whether a sub-block parity Alice disclosed once (or that follows from disclosed ones) is
  /// remembered and never asked again during later binary searches.
  public var reusesKnownParities: Bool
  /// Whether, from the second pass on, the last block parity is computed from the parity of
  /// the whole frame (known after pass 1) instead of being asked.
  public var infersLastBlockParity: Bool

  /// Creates a configuration; ``validated()`` checks it.
  public init(
    name: String, passCount: Int, blockSizeRule: BlockSizeRule, reusesKnownParities: Bool,
    infersLastBlockParity: Bool
  ) {
    self.name = name
    self.passCount = passCount
    self.blockSizeRule = blockSizeRule
    self.reusesKnownParities = reusesKnownParities
    self.infersLastBlockParity = infersLastBlockParity
  }

  /// Brassard & Salvail 1993: 4 passes, k₁ = ⌈0.73/Q⌉, doubling, nothing reused.
  public static let original = CascadeConfiguration(
    name: "original", passCount: 4, blockSizeRule: .geometric(factor: 0.73, growth: 2),
    reusesKnownParities: false, infersLastBlockParity: false)

  /// Martinez-Mateo et al. 2015: 14 passes, k₁ = 2^⌈log2(1/Q)⌉, k₂ = 4k₁, then n/2, with
  /// known-parity reuse and last-block parity inference.
  public static let improved = CascadeConfiguration(
    name: "improved", passCount: 14, blockSizeRule: .powerOfTwo(secondMultiplier: 4),
    reusesKnownParities: true, infersLastBlockParity: true)

  /// QBER estimates below this are treated as equal to it when sizing blocks.
  public static let minimumSizingQBER = 1e-5

  /// The largest supported frame length (positions are stored as 32-bit integers and cache
  /// keys pack two positions into 28 bits each).
  public static let maximumFrameLength = 1 << 27

  /// Checks the configuration.
  /// - Throws: ``CascadeError/invalidConfiguration(_:)`` for a pass count outside 1...64, a
  ///   factor that is not finite and positive, or a growth/multiplier below 1.
  public func validated() throws(CascadeError) -> CascadeConfiguration {
    guard (1...64).contains(passCount) else {
      throw .invalidConfiguration("pass count must be in 1...64, got \(passCount)")
    }
    switch blockSizeRule {
    case .geometric(let factor, let growth):
      guard factor.isFinite, factor > 0 else {
        throw .invalidConfiguration("block-size factor must be finite and > 0, got \(factor)")
      }
      guard growth >= 1, growth <= 64 else {
        throw .invalidConfiguration("block-size growth must be in 1...64, got \(growth)")
      }
    case .powerOfTwo(let multiplier):
      guard multiplier >= 1, multiplier <= 1 << 20 else {
        throw .invalidConfiguration("second-pass multiplier must be in 1...2^20, got \(multiplier)")
      }
    }
    return self
  }

  /// The block size of every pass for a frame of `frameLength` bits sized for `qber`, each
  /// clamped to 1...frameLength.
  /// - Throws: ``CascadeError/invalidQBER(_:)`` unless 0 ≤ qber < 0.5,
  ///   ``CascadeError/invalidFrameLength(_:maximum:)`` unless 2 ≤ frameLength ≤
  ///   ``maximumFrameLength``, and the errors of ``validated()``.
  public func blockSizes(qber: Double, frameLength: Int) throws(CascadeError) -> [Int] {
    _ = try validated()
    guard qber.isFinite, qber >= 0, qber < 0.5 else { throw .invalidQBER(qber) }
    guard frameLength >= 2, frameLength <= Self.maximumFrameLength else {
      throw .invalidFrameLength(frameLength, maximum: Self.maximumFrameLength)
    }
    let q = max(qber, Self.minimumSizingQBER)
    let n = frameLength
    func clamp(_ k: Double) -> Int { Int(min(max(k, 1), Double(n))) }
    var sizes: [Int] = []
    switch blockSizeRule {
    case .geometric(let factor, let growth):
      var k = (factor / q).rounded(.up)
      for _ in 0..<passCount {
        sizes.append(clamp(k))
        k *= Double(growth)
      }
    case .powerOfTwo(let multiplier):
      let k1 = exp2(log2(1 / q).rounded(.up))
      for pass in 0..<passCount {
        switch pass {
        case 0: sizes.append(clamp(k1))
        case 1: sizes.append(clamp(k1 * Double(multiplier)))
        default: sizes.append(clamp((Double(n) / 2).rounded(.up)))
        }
      }
    }
    return sizes
  }
}
