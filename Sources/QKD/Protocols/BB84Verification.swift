import ClassicalCrypto

/// The output of ``BB84Verification``.
public struct BB84VerificationResult: Sendable, Hashable, Codable {
  /// Hashes compared.
  public var hashCount: Int
  /// Hash bits Alice disclosed (64 per hash).
  public var disclosedBits: Int
  /// ε_cor: the probability that unequal keys pass.
  public var failureProbability: Double
}

/// Stage 6: verification by an ε-almost-universal hash (``PolynomialHash`` over GF(2^64),
/// Wegman & Carter 1981).
///
/// Alice draws fresh hash keys and announces them with her key's hash values ("verification:
/// hash keys and values"); Bob compares with his key and announces the outcome ("verification:
/// result"). Enough independent hashes are used that unequal keys pass with probability at most
/// ε_cor.
public enum BB84Verification {
  static let aliceLabel = "verification: hash keys and values"
  static let bobLabel = "verification: result"

  /// The number of independent 64-bit hashes that push the collision probability of keys of
  /// `bits` bits below `epsilonCor` (at most 16).
  public static func hashCount(keyBits bits: Int, epsilonCor: Double) -> Int {
    let single = PolynomialHash.collisionProbability(bitLength: bits)
    var h = 1
    var p = single
    while p > epsilonCor && h < 16 {
      h += 1
      p *= single
    }
    return h
  }

  /// Runs the exchange.
  /// - Throws: ``BB84AbortReason/verificationFailure`` when the hashes differ, or a channel
  ///   failure.
  public static func run<G: RandomNumberGenerator>(
    aliceKey: BitVector, bobKey: BitVector, epsilonCor: Double, channel: inout ClassicalChannel,
    aliceGenerator: inout G
  ) throws(BB84AbortReason) -> BB84VerificationResult {
    let count = hashCount(keyBits: aliceKey.count, epsilonCor: epsilonCor)
    var w = BB84WireWriter()
    w.append(UInt64(count))
    for _ in 0..<count {
      let key = aliceGenerator.next()
      w.append(key)
      w.append(PolynomialHash(key: key).hash(aliceKey))
    }
    let received = try BB84Sifting.send(w.bytes, label: aliceLabel, from: .alice, on: &channel)
    var r = BB84WireReader(received, label: aliceLabel)
    let announced = try r.readCount(limit: 16)
    var match = announced >= 1
    for _ in 0..<announced {
      let key = try r.readUInt64()
      let value = try r.readUInt64()
      match = ConstantTime.equals(PolynomialHash(key: key).hash(bobKey), value) && match
    }
    guard r.isAtEnd else { throw r.malformed("trailing bytes") }
    let verdict = try BB84Sifting.send(
      [match ? 1 : 0], label: bobLabel, from: .bob, on: &channel)
    guard match, verdict == [1] else { throw .verificationFailure }
    var epsilon = 1.0
    for _ in 0..<count { epsilon *= PolynomialHash.collisionProbability(bitLength: aliceKey.count) }
    return BB84VerificationResult(
      hashCount: count, disclosedBits: 64 * count, failureProbability: min(1, epsilon))
  }
}
