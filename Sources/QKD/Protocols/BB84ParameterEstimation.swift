import ClassicalCrypto
import Photonics

/// The disclosed statistics both parties agree on after parameter estimation.
public struct BB84DisclosedStatistics: Sendable, Hashable, Codable {
  /// Pulses Alice sent per intensity (announced by Alice).
  public var pulsesPerIntensity: [Int]
  /// Detections per intensity (Bob's announcement, labelled by Alice).
  public var detectionsPerIntensity: [Int]
  /// Sifted bits per intensity and basis, `[intensity][basis]` (basis 0 Z, 1 X).
  public var siftedPerIntensity: [[Int]]
  /// Bits compared in public per intensity and basis: the random sample for the signal, every
  /// sifted bit for the decoy and vacuum intensities.
  public var disclosedPerIntensity: [[Int]]
  /// Disagreements among the disclosed bits, `[intensity][basis]`.
  public var errorsPerIntensity: [[Int]]

  /// Gain Q_i = detections / pulses of intensity `i` (0 when none was sent).
  public func gain(intensity i: Int) -> Double {
    guard pulsesPerIntensity.indices.contains(i), pulsesPerIntensity[i] > 0 else { return 0 }
    return Double(detectionsPerIntensity[i]) / Double(pulsesPerIntensity[i])
  }

  /// Error rate among the disclosed bits of intensity `i` (in `basis`, or both), nil when
  /// nothing of that kind was disclosed.
  public func errorRate(intensity i: Int, basis: Basis? = nil) -> Double? {
    guard disclosedPerIntensity.indices.contains(i) else { return nil }
    let bases = basis.map { [Int($0.rawValue)] } ?? [0, 1]
    let n = bases.reduce(0) { $0 + disclosedPerIntensity[i][$1] }
    let e = bases.reduce(0) { $0 + errorsPerIntensity[i][$1] }
    return n > 0 ? Double(e) / Double(n) : nil
  }
}

/// The output of ``BB84ParameterEstimation``.
public struct BB84EstimationResult: Sendable {
  /// The agreed statistics (Alice's view: her own counts and Bob's reported errors).
  public var statistics: BB84DisclosedStatistics
  /// Observed signal QBER of the sample per basis (nil without samples in that basis).
  public var sampleQBER: [Double?]
  /// Upper confidence bound on the signal QBER per basis (the observed value without
  /// finite-size bounds).
  public var qberUpperBound: [Double?]
  /// The overall observed signal sample QBER (both bases), which sizes Cascade's blocks.
  public var overallSampleQBER: Double
  /// Bob's overall sample QBER from his own counts (equal to Alice's unless a message was
  /// altered on an unauthenticated channel).
  public var bobOverallSampleQBER: Double
  /// Alice's remaining signal key (undisclosed signal sifted bits, in pulse order).
  public var aliceKey: BitVector
  /// Bob's remaining signal key.
  public var bobKey: BitVector
  /// Remaining key bits per basis (Alice's view).
  public var keyBitsPerBasis: [Int]
}

/// Stage 3: parameter estimation on a random disclosed sample.
///
/// Alice picks a uniformly random subset (fraction ``BB84PostProcessing/sampleFraction``) of
/// the signal sifted bits and announces it with her bits there, the pulse counts per intensity
/// and her bits of every decoy and vacuum sifted pulse ("estimation: sample and disclosed bits").
/// Bob compares and reports the numbers of compared bits and errors per intensity and basis
/// ("estimation: error counts"). The signal QBER is bounded per basis with the Serfling bound of
/// ``ParameterEstimation/qberUpperBound(sampleErrors:sampleSize:remainingBits:epsilon:)`` (used
/// by the key length), and the run aborts when an observed per-basis QBER reaches the threshold.
public enum BB84ParameterEstimation {
  static let aliceLabel = "estimation: sample and disclosed bits"
  static let bobLabel = "estimation: error counts"

  /// Runs the exchange (``checkThreshold(_:threshold:)`` then decides whether to go on).
  /// - Throws: ``BB84AbortReason`` (channel failures, malformed messages, too few bits).
  public static func run<G: RandomNumberGenerator>(
    sifted: BB84SiftingResult, pulsesPerIntensity: [Int], configuration: BB84Configuration,
    channel: inout ClassicalChannel, aliceGenerator: inout G
  ) throws(BB84AbortReason) -> BB84EstimationResult {
    let post = configuration.postProcessing
    let intensityCount = pulsesPerIntensity.count
    let alice = sifted.alice
    // Alice: choose the sample among her signal sifted bits.
    let signalPositions = alice.intensity.indices.filter { alice.intensity[$0] == 0 }
    let s = signalPositions.count
    let m = Int((post.sampleFraction * Double(s)).rounded())
    let minimumKey = 16
    guard m >= 1, s - m >= minimumKey else {
      throw .tooFewSiftedBits(
        available: s, required: Int((1 / post.sampleFraction).rounded(.up)) + minimumKey)
    }
    var order = Array(0..<s)
    for i in 0..<m { order.swapAt(i, i + Int.random(in: 0..<(s - i), using: &aliceGenerator)) }
    var mask = [UInt8](repeating: 0, count: s)
    for i in 0..<m { mask[order[i]] = 1 }

    var w = BB84WireWriter()
    w.append(UInt64(intensityCount))
    for n in pulsesPerIntensity { w.append(UInt64(n)) }
    w.append(UInt64(s))
    w.append(bytes: bb84PackBits(mask))
    var disclosedBits: [UInt8] = []
    for (k, p) in signalPositions.enumerated() where mask[k] == 1 {
      disclosedBits.append(alice.bit[p])
    }
    let others = alice.intensity.indices.filter { alice.intensity[$0] != 0 }
    for p in others { disclosedBits.append(alice.bit[p]) }
    w.append(UInt64(others.count))
    w.append(bytes: bb84PackBits(disclosedBits))
    let received = try BB84Sifting.send(w.bytes, label: aliceLabel, from: .alice, on: &channel)

    // Bob: compare and count.
    let bob = sifted.bob
    var r = BB84WireReader(received, label: aliceLabel)
    guard try r.readCount(limit: 8) == intensityCount else {
      throw r.malformed("wrong number of intensities")
    }
    var announcedPulses: [Int] = []
    for _ in 0..<intensityCount { announcedPulses.append(try r.readCount(limit: Int.max)) }
    let bobSignal = bob.intensity.indices.filter { bob.intensity[$0] == 0 }
    let announcedS = try r.readCount(limit: bob.count)
    guard announcedS == bobSignal.count else {
      throw r.malformed("\(announcedS) signal sifted bits announced, Bob has \(bobSignal.count)")
    }
    let bobMask = bb84UnpackBits(try r.readBytes((announcedS + 7) / 8), count: announcedS)
    let bobOthers = bob.intensity.indices.filter { bob.intensity[$0] != 0 }
    guard try r.readCount(limit: bob.count) == bobOthers.count else {
      throw r.malformed("decoy sifted-bit count differs from Bob's")
    }
    let sampled = bobMask.reduce(0) { $0 + Int($1) }
    let aliceDisclosed = bb84UnpackBits(
      try r.readBytes((sampled + bobOthers.count + 7) / 8), count: sampled + bobOthers.count)
    guard r.isAtEnd else { throw r.malformed("trailing bytes") }
    var bobDisclosedCount = [[Int]](repeating: [0, 0], count: intensityCount)
    var bobErrors = [[Int]](repeating: [0, 0], count: intensityCount)
    var bobKeyBits: [UInt8] = []
    var cursor = 0
    for (k, p) in bobSignal.enumerated() {
      if bobMask[k] == 1 {
        let b = Int(bob.basis[p])
        bobDisclosedCount[0][b] += 1
        if aliceDisclosed[cursor] != bob.bit[p] { bobErrors[0][b] += 1 }
        cursor += 1
      } else {
        bobKeyBits.append(bob.bit[p])
      }
    }
    for p in bobOthers {
      let i = Int(bob.intensity[p])
      let b = Int(bob.basis[p])
      bobDisclosedCount[i][b] += 1
      if aliceDisclosed[cursor] != bob.bit[p] { bobErrors[i][b] += 1 }
      cursor += 1
    }
    var reply = BB84WireWriter()
    for i in 0..<intensityCount {
      for b in 0..<2 {
        reply.append(UInt64(bobDisclosedCount[i][b]))
        reply.append(UInt64(bobErrors[i][b]))
      }
    }
    let delivered = try BB84Sifting.send(reply.bytes, label: bobLabel, from: .bob, on: &channel)

    // Alice: read Bob's counts; they must match what she disclosed.
    var aliceDisclosedCount = [[Int]](repeating: [0, 0], count: intensityCount)
    var siftedCount = [[Int]](repeating: [0, 0], count: intensityCount)
    var aliceKeyBits: [UInt8] = []
    var keyBitsPerBasis = [0, 0]
    for (k, p) in signalPositions.enumerated() {
      siftedCount[0][Int(alice.basis[p])] += 1
      if mask[k] == 1 {
        aliceDisclosedCount[0][Int(alice.basis[p])] += 1
      } else {
        aliceKeyBits.append(alice.bit[p])
        keyBitsPerBasis[Int(alice.basis[p])] += 1
      }
    }
    for p in others {
      siftedCount[Int(alice.intensity[p])][Int(alice.basis[p])] += 1
      aliceDisclosedCount[Int(alice.intensity[p])][Int(alice.basis[p])] += 1
    }
    var rb = BB84WireReader(delivered, label: bobLabel)
    var errors = [[Int]](repeating: [0, 0], count: intensityCount)
    for i in 0..<intensityCount {
      for b in 0..<2 {
        let n = try rb.readCount(limit: Int.max)
        let e = try rb.readCount(limit: n)
        guard n == aliceDisclosedCount[i][b] else {
          throw rb.malformed(
            "Bob compared \(n) bits of intensity \(i), basis \(b); "
              + "Alice disclosed \(aliceDisclosedCount[i][b])")
        }
        errors[i][b] = e
      }
    }
    guard rb.isAtEnd else { throw rb.malformed("trailing bytes") }

    let statistics = BB84DisclosedStatistics(
      pulsesPerIntensity: pulsesPerIntensity, detectionsPerIntensity: alice.detectionsPerIntensity,
      siftedPerIntensity: siftedCount, disclosedPerIntensity: aliceDisclosedCount,
      errorsPerIntensity: errors)
    var sampleQBER: [Double?] = [nil, nil]
    var bounds: [Double?] = [nil, nil]
    for b in 0..<2 where aliceDisclosedCount[0][b] > 0 {
      let mb = aliceDisclosedCount[0][b]
      let kb = errors[0][b]
      sampleQBER[b] = Double(kb) / Double(mb)
      if post.finiteSizeBounds {
        do {
          bounds[b] = try ParameterEstimation.qberUpperBound(
            sampleErrors: kb, sampleSize: mb, remainingBits: max(1, keyBitsPerBasis[b]),
            epsilon: post.security.epsilonPE)
        } catch {
          throw .inconsistentMessages(error.description)
        }
      } else {
        bounds[b] = sampleQBER[b]
      }
    }
    let totalErrors = errors[0][0] + errors[0][1]
    let bobTotal = bobErrors[0][0] + bobErrors[0][1]
    let bitsAlice = BitVector(aliceKeyBits.map { $0 != 0 })
    let bitsBob = BitVector(bobKeyBits.map { $0 != 0 })
    return BB84EstimationResult(
      statistics: statistics, sampleQBER: sampleQBER, qberUpperBound: bounds,
      overallSampleQBER: Double(totalErrors) / Double(m),
      bobOverallSampleQBER: Double(bobTotal) / Double(max(1, sampled)),
      aliceKey: bitsAlice, bobKey: bitsBob, keyBitsPerBasis: keyBitsPerBasis)
  }

  /// Aborts when an observed per-basis signal QBER reaches `threshold`. The observed rate is
  /// used because the finite-size bound already enters the key length: a short run on a good
  /// link then ends with "no secret key" rather than a QBER abort.
  /// - Throws: ``BB84AbortReason/qberTooHigh(basis:observed:threshold:)``.
  public static func checkThreshold(_ result: BB84EstimationResult, threshold: Double)
    throws(BB84AbortReason)
  {
    for b in 0..<2 {
      if let observed = result.sampleQBER[b], observed >= threshold {
        throw .qberTooHigh(basis: b == 0 ? "Z" : "X", observed: observed, threshold: threshold)
      }
    }
  }
}
