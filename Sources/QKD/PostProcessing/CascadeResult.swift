import ClassicalCrypto

/// The outcome of reconciling one frame with Cascade.
public struct CascadeResult: Sendable, Codable {
  /// Bob's key after correction.
  public var correctedKey: BitVector
  /// The number of bits in the frame.
  public var frameLength: Int
  /// The number of parity bits Alice disclosed (every block parity and every binary-search
  /// parity Bob asked for; inferred or reused parities are not disclosed again).
  public var leakedBits: Int
  /// The number of bits Bob flipped (each is a genuine error: binary search only stops on a
  /// single bit whose parity differs from Alice's).
  public var correctedErrors: Int
  /// The number of passes run.
  public var passes: Int
  /// The block size of each pass.
  public var blockSizes: [Int]
  /// The name of the configuration used.
  public var variant: String
  /// Errors left after reconciliation, when Alice's key was available to compare (simulation
  /// only; in a real run the verification hash detects them).
  public var residualErrors: Int?

  /// The error rate Bob observed: corrected errors over frame length.
  public var observedQBER: Double { Double(correctedErrors) / Double(max(frameLength, 1)) }

  /// Reconciliation efficiency f = leaked / (n·h(Q)) with Q the observed error rate; nil when
  /// no error was found (h(0) = 0). The Shannon limit is f = 1.
  public var efficiency: Double? { efficiency(qber: observedQBER) }

  /// Reconciliation efficiency f = leaked / (n·h(qber)) for a given error rate, nil if h = 0.
  public func efficiency(qber: Double) -> Double? {
    let limit = Double(frameLength) * binaryEntropy(qber)
    guard limit > 0, limit.isFinite else { return nil }
    return Double(leakedBits) / limit
  }
}
