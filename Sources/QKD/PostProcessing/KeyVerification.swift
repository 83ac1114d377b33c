import ClassicalCrypto

/// The outcome of comparing Alice's and Bob's reconciled keys by hash.
public struct VerificationResult: Sendable, Hashable, Codable {
  /// Whether every hash agreed.
  public var keysMatch: Bool
  /// The hash bits Alice disclosed (64 per hash).
  public var disclosedBits: Int
  /// ε_cor: the probability that unequal keys pass, ((b + 1)/2^64)^hashes for keys of b
  /// 64-bit blocks.
  public var failureProbability: Double
}

/// Verification after error correction: Alice picks a fresh random key for an ε-almost
/// XOR-universal hash (``PolynomialHash`` over GF(2^64), Wegman & Carter 1981), announces it
/// with her key's hash, and Bob compares with his. Unequal keys collide with probability at
/// most (b + 1)/2^64 per independent hash, which is ε_cor of the composable statement.
public enum KeyVerification {
  /// Compares the keys with `hashCount` independent polynomial hashes.
  /// - Throws: ``PostProcessingError/keyLengthMismatch(_:_:)``,
  ///   ``PostProcessingError/invalidParameter(name:value:allowed:)`` unless 1 ≤ hashCount ≤ 16.
  public static func compare<G: RandomNumberGenerator>(
    alice: BitVector, bob: BitVector, hashCount: Int = 1, using generator: inout G
  ) throws(PostProcessingError) -> VerificationResult {
    guard alice.count == bob.count else { throw .keyLengthMismatch(alice.count, bob.count) }
    guard (1...16).contains(hashCount) else {
      throw .invalidParameter(name: "hash count", value: Double(hashCount), allowed: "in 1...16")
    }
    var match = true
    for _ in 0..<hashCount {
      let hash = PolynomialHash(using: &generator)
      match = ConstantTime.equals(hash.hash(alice), hash.hash(bob)) && match
    }
    let single = PolynomialHash.collisionProbability(bitLength: alice.count)
    var epsilon = 1.0
    for _ in 0..<hashCount { epsilon *= single }
    return VerificationResult(
      keysMatch: match, disclosedBits: 64 * hashCount, failureProbability: min(1, epsilon))
  }

  /// As ``compare(alice:bob:hashCount:using:)`` but throws
  /// ``PostProcessingError/aborted(_:)`` with ``KeyAbortReason/verificationFailed`` when the
  /// hashes differ.
  public static func verify<G: RandomNumberGenerator>(
    alice: BitVector, bob: BitVector, hashCount: Int = 1, using generator: inout G
  ) throws(PostProcessingError) -> VerificationResult {
    let result = try compare(alice: alice, bob: bob, hashCount: hashCount, using: &generator)
    guard result.keysMatch else { throw .aborted(.verificationFailed) }
    return result
  }
}
