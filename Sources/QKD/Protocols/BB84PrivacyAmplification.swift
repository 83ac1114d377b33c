import ClassicalCrypto

/// The output of ``BB84PrivacyAmplification``.
public struct BB84PrivacyAmplificationResult: Sendable {
  /// Alice's final key.
  public var aliceKey: BitVector
  /// Bob's final key.
  public var bobKey: BitVector
  /// The Toeplitz seed bits announced (n + ℓ − 1).
  public var seedBits: Int
}

/// Stage 7: privacy amplification by Toeplitz hashing.
///
/// Alice draws the n + ℓ − 1 seed bits of a random Toeplitz matrix and announces ℓ and the seed
/// ("privacy amplification: length and seed"); both hash their reconciled keys with it.
public enum BB84PrivacyAmplification {
  static let label = "privacy amplification: length and seed"

  /// Runs the exchange for a final length `length` (1 ≤ ℓ ≤ key length).
  /// - Throws: ``BB84AbortReason`` for a channel failure or an announcement that does not fit
  ///   Bob's key.
  public static func run<G: RandomNumberGenerator>(
    aliceKey: BitVector, bobKey: BitVector, length: Int, channel: inout ClassicalChannel,
    aliceGenerator: inout G
  ) throws(BB84AbortReason) -> BB84PrivacyAmplificationResult {
    let aliceFinal: (key: BitVector, seed: BitVector)
    do {
      aliceFinal = try PrivacyAmplification.amplify(
        aliceKey, outputLength: length, using: &aliceGenerator)
    } catch {
      throw .inconsistentMessages("privacy amplification: \(error.description)")
    }
    var w = BB84WireWriter()
    w.append(UInt64(length))
    w.append(bytes: ClassicalPayload.encode(aliceFinal.seed))
    let received = try BB84Sifting.send(w.bytes, label: label, from: .alice, on: &channel)
    var r = BB84WireReader(received, label: label)
    let announced = try r.readCount(limit: bobKey.count)
    let seedBytes = try r.readBytes(received.count - 8)
    let seed: BitVector
    do {
      seed = try ClassicalPayload.decodeBits(seedBytes, label: label)
    } catch {
      throw BB84AbortReason(error)
    }
    let bobFinal: BitVector
    do {
      let hash = try ToeplitzHash(inputLength: bobKey.count, outputLength: announced, seed: seed)
      bobFinal = try hash.hash(bobKey)
    } catch {
      throw r.malformed(error.description)
    }
    return BB84PrivacyAmplificationResult(
      aliceKey: aliceFinal.key, bobKey: bobFinal, seedBits: aliceFinal.seed.count)
  }
}
