import ClassicalCrypto

/// The output of ``E91ParameterEstimation``.
public struct E91EstimationResult: Sendable {
  /// Bits disclosed.
  public var sampleBits: Int
  /// Disagreements among them.
  public var sampleErrors: Int
  /// The observed sample QBER.
  public var sampleQBER: Double
  /// The observed sample QBER per key setting pair (nil without samples there).
  public var sampleQBERPerPair: [Double?]
  /// The upper confidence bound on the QBER of the remaining bits (the observed value without
  /// finite-size bounds).
  public var qberUpperBound: Double
  /// Bob's sample QBER from his own comparison (equal to Alice's unless a message was altered).
  public var bobSampleQBER: Double
  /// Alice's remaining key (undisclosed sifted bits, in gate order).
  public var aliceKey: BitVector
  /// Bob's remaining key.
  public var bobKey: BitVector
}

/// Stage 4: QBER estimation on a random disclosed sample of the sifted key.
///
/// Alice picks a uniformly random subset (fraction ``E91PostProcessing/sampleFraction``) of
/// the sifted bits and announces it with her bits there ("estimation: sample and bits"); Bob
/// compares and reports the number of errors per key setting pair ("estimation: error counts").
/// The QBER of the rest is bounded with the Serfling bound of
/// ``ParameterEstimation/qberUpperBound(sampleErrors:sampleSize:remainingBits:epsilon:)``.
public enum E91ParameterEstimation {
  static let aliceLabel = "estimation: sample and bits"
  static let bobLabel = "estimation: error counts"
  /// The fewest key bits left after sampling.
  public static let minimumKeyBits = 16

  /// Runs the exchange.
  /// - Throws: ``E91AbortReason`` (channel failures, malformed messages, too few bits).
  public static func run<G: RandomNumberGenerator>(
    sifted: E91SiftingResult, configuration: E91Configuration, channel: inout ClassicalChannel,
    aliceGenerator: inout G
  ) throws(E91AbortReason) -> E91EstimationResult {
    let post = configuration.postProcessing
    let pairCount = configuration.keySettingPairs.count
    let alice = sifted.alice
    let s = alice.keyCount
    let m = Int((post.sampleFraction * Double(s)).rounded())
    guard m >= 1, s - m >= minimumKeyBits else {
      throw .tooFewSiftedBits(
        available: s, required: Int((1 / post.sampleFraction).rounded(.up)) + minimumKeyBits)
    }
    var order = Array(0..<s)
    for i in 0..<m { order.swapAt(i, i + Int.random(in: 0..<(s - i), using: &aliceGenerator)) }
    var mask = [UInt8](repeating: 0, count: s)
    for i in 0..<m { mask[order[i]] = 1 }
    var disclosed: [UInt8] = []
    disclosed.reserveCapacity(m)
    for k in 0..<s where mask[k] == 1 { disclosed.append(alice.keyBit[k]) }
    var w = BB84WireWriter()
    w.append(UInt64(s))
    w.append(bytes: bb84PackBits(mask))
    w.append(bytes: bb84PackBits(disclosed))
    let received = try E91Wire.send(w.bytes, label: aliceLabel, from: .alice, on: &channel)

    // Bob compares.
    let bob = sifted.bob
    var r = BB84WireReader(received, label: aliceLabel)
    let announced = try E91Wire.read { () throws(BB84AbortReason) in
      try r.readCount(limit: bob.keyCount)
    }
    guard announced == bob.keyCount else {
      throw .postProcessing(
        r.malformed("\(announced) sifted bits announced, Bob has \(bob.keyCount)"))
    }
    let bobMask = bb84UnpackBits(
      try E91Wire.read { () throws(BB84AbortReason) in try r.readBytes((announced + 7) / 8) },
      count: announced)
    let sampled = bobMask.reduce(0) { $0 + Int($1) }
    let aliceBits = bb84UnpackBits(
      try E91Wire.read { () throws(BB84AbortReason) in try r.readBytes((sampled + 7) / 8) },
      count: sampled)
    guard r.isAtEnd else { throw .postProcessing(r.malformed("trailing bytes")) }
    var compared = [Int](repeating: 0, count: pairCount)
    var errors = [Int](repeating: 0, count: pairCount)
    var bobRest: [Bool] = []
    bobRest.reserveCapacity(bob.keyCount - sampled)
    var cursor = 0
    for k in 0..<bob.keyCount {
      if bobMask[k] == 1 {
        let p = min(Int(bob.keyPair[k]), pairCount - 1)
        compared[p] += 1
        if aliceBits[cursor] != bob.keyBit[k] { errors[p] += 1 }
        cursor += 1
      } else {
        bobRest.append(bob.keyBit[k] != 0)
      }
    }
    var reply = BB84WireWriter()
    reply.append(UInt64(pairCount))
    for p in 0..<pairCount {
      reply.append(UInt64(compared[p]))
      reply.append(UInt64(errors[p]))
    }
    let delivered = try E91Wire.send(reply.bytes, label: bobLabel, from: .bob, on: &channel)

    // Alice reads Bob's counts; they must fit what she disclosed.
    var aliceCompared = [Int](repeating: 0, count: pairCount)
    var aliceRest: [Bool] = []
    aliceRest.reserveCapacity(s - m)
    for k in 0..<s {
      if mask[k] == 1 {
        aliceCompared[min(Int(alice.keyPair[k]), pairCount - 1)] += 1
      } else {
        aliceRest.append(alice.keyBit[k] != 0)
      }
    }
    var rb = BB84WireReader(delivered, label: bobLabel)
    let pairsBack = try E91Wire.read { () throws(BB84AbortReason) in
      try rb.readCount(limit: 1 << 16)
    }
    guard pairsBack == pairCount else {
      throw .postProcessing(rb.malformed("\(pairsBack) key setting pairs, expected \(pairCount)"))
    }
    var perPair: [Double?] = []
    var totalErrors = 0
    for p in 0..<pairCount {
      let n = try E91Wire.read { () throws(BB84AbortReason) in try rb.readCount(limit: Int.max) }
      let e = try E91Wire.read { () throws(BB84AbortReason) in try rb.readCount(limit: n) }
      guard n == aliceCompared[p] else {
        throw .postProcessing(
          rb.malformed(
            "Bob compared \(n) bits of key pair \(p); Alice disclosed \(aliceCompared[p])"))
      }
      perPair.append(n > 0 ? Double(e) / Double(n) : nil)
      totalErrors += e
    }
    guard rb.isAtEnd else { throw .postProcessing(rb.malformed("trailing bytes")) }
    let observed = Double(totalErrors) / Double(m)
    var bound = observed
    if post.finiteSizeBounds {
      do {
        bound = try ParameterEstimation.qberUpperBound(
          sampleErrors: totalErrors, sampleSize: m, remainingBits: max(1, s - m),
          epsilon: post.security.epsilonPE)
      } catch {
        throw .postProcessing(.inconsistentMessages(error.description))
      }
    }
    let bobErrors = errors.reduce(0, +)
    return E91EstimationResult(
      sampleBits: m, sampleErrors: totalErrors, sampleQBER: observed, sampleQBERPerPair: perPair,
      qberUpperBound: bound, bobSampleQBER: Double(bobErrors) / Double(max(1, sampled)),
      aliceKey: BitVector(aliceRest), bobKey: BitVector(bobRest))
  }

  /// Aborts when the observed sample QBER reaches `threshold`.
  /// - Throws: ``E91AbortReason/qberTooHigh(observed:threshold:)``.
  public static func checkThreshold(_ result: E91EstimationResult, threshold: Double)
    throws(E91AbortReason)
  {
    guard result.sampleQBER < threshold else {
      throw .qberTooHigh(observed: result.sampleQBER, threshold: threshold)
    }
  }
}
