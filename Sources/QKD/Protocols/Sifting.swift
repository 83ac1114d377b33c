import Photonics

/// One party's sifted key: the detected pulses in which Alice's and Bob's bases agree, in pulse
/// order, with the intensity Alice announced for each.
public struct BB84SiftedKey: Sendable, Hashable {
  /// Pulse index of each sifted bit.
  public internal(set) var pulseIndex: [UInt64] = []
  /// Intensity index (0 = signal).
  public internal(set) var intensity: [UInt8] = []
  /// The common basis (``Basis`` raw value).
  public internal(set) var basis: [UInt8] = []
  /// This party's bit.
  public internal(set) var bit: [UInt8] = []
  /// Detections per intensity (all bases), as announced.
  public internal(set) var detectionsPerIntensity: [Int]

  init(intensityCount: Int) {
    detectionsPerIntensity = [Int](repeating: 0, count: intensityCount)
  }

  /// The number of sifted bits.
  public var count: Int { bit.count }
}

/// The output of ``BB84Sifting``.
public struct BB84SiftingResult: Sendable {
  /// Alice's sifted key.
  public var alice: BB84SiftedKey
  /// Bob's sifted key.
  public var bob: BB84SiftedKey
  /// The number of detections Bob announced.
  public var announcedDetections: Int
}

/// Stage 2: sifting over the classical channel.
///
/// Bob announces which pulses he detected and his basis for each (message "sifting: Bob's
/// detections and bases": the count, gap-coded pulse indices as LEB128 varints, packed basis
/// bits). Alice answers with her basis and intensity for each of them ("sifting: Alice's bases
/// and intensities": one byte per detection, bit 0 the basis, bits 1–3 the intensity). Each side
/// keeps the pulses whose bases agree, using its own basis and the other's announced one, so an
/// altered announcement (possible only without authentication) desynchronises their keys.
public enum BB84Sifting {
  static let bobLabel = "sifting: Bob's detections and bases"
  static let aliceLabel = "sifting: Alice's bases and intensities"

  /// Runs the exchange.
  /// - Throws: ``BB84AbortReason`` for a channel failure or a malformed announcement.
  public static func run(
    alice: BB84AliceRecords, bob: BB84BobRecords, pulseCount: Int,
    channel: inout ClassicalChannel
  ) throws(BB84AbortReason) -> BB84SiftingResult {
    let intensityCount = alice.pulsesPerIntensity.count
    // Bob → Alice.
    var w = BB84WireWriter()
    w.append(UInt64(bob.pulseIndex.count))
    var previous: UInt64? = nil
    for index in bob.pulseIndex {
      w.appendVarint(previous.map { index - $0 - 1 } ?? index)
      previous = index
    }
    w.append(bytes: bb84PackBits(bob.basis))
    let received = try send(w.bytes, label: bobLabel, from: .bob, on: &channel)

    // Alice reads Bob's announcement and answers.
    var r = BB84WireReader(received, label: bobLabel)
    let count = try r.readCount(limit: pulseCount)
    var positions: [Int] = []
    positions.reserveCapacity(count)
    var last: UInt64? = nil
    for _ in 0..<count {
      let gap = try r.readVarint()
      let (base, overflow1) = (last ?? 0).addingReportingOverflow(last == nil ? 0 : 1)
      let (index, overflow2) = base.addingReportingOverflow(gap)
      guard !overflow1, !overflow2, index < UInt64(pulseCount) else {
        throw r.malformed("pulse index beyond the \(pulseCount) pulses sent")
      }
      guard let p = alice.position(ofPulse: index) else {
        throw r.malformed("pulse \(index) announced as detected is not among the recorded ones")
      }
      positions.append(p)
      last = index
    }
    let bobBases = bb84UnpackBits(try r.readBytes((count + 7) / 8), count: count)
    guard r.isAtEnd else { throw r.malformed("trailing bytes") }

    var aliceSifted = BB84SiftedKey(intensityCount: intensityCount)
    var reply = BB84WireWriter()
    reply.append(UInt64(count))
    var answer = [UInt8](repeating: 0, count: count)
    for (k, p) in positions.enumerated() {
      let i = alice.intensity[p]
      answer[k] = alice.basis[p] | (i << 1)
      if Int(i) < intensityCount { aliceSifted.detectionsPerIntensity[Int(i)] += 1 }
      if alice.basis[p] == bobBases[k] {
        aliceSifted.pulseIndex.append(alice.pulseIndex[p])
        aliceSifted.intensity.append(i)
        aliceSifted.basis.append(alice.basis[p])
        aliceSifted.bit.append(alice.bit[p])
      }
    }
    reply.append(bytes: answer)
    let delivered = try send(reply.bytes, label: aliceLabel, from: .alice, on: &channel)

    // Bob reads Alice's answer.
    var rb = BB84WireReader(delivered, label: aliceLabel)
    let echoed = try rb.readCount(limit: bob.pulseIndex.count)
    guard echoed == bob.pulseIndex.count else {
      throw rb.malformed("answers \(echoed) detections, Bob announced \(bob.pulseIndex.count)")
    }
    let answers = try rb.readBytes(echoed)
    guard rb.isAtEnd else { throw rb.malformed("trailing bytes") }
    var bobSifted = BB84SiftedKey(intensityCount: intensityCount)
    for (k, a) in answers.enumerated() {
      let i = a >> 1
      guard Int(i) < intensityCount else {
        throw rb.malformed("intensity index \(i) but the source has \(intensityCount)")
      }
      bobSifted.detectionsPerIntensity[Int(i)] += 1
      if a & 1 == bob.basis[k] {
        bobSifted.pulseIndex.append(bob.pulseIndex[k])
        bobSifted.intensity.append(i)
        bobSifted.basis.append(bob.basis[k])
        bobSifted.bit.append(bob.bit[k])
      }
    }
    return BB84SiftingResult(alice: aliceSifted, bob: bobSifted, announcedDetections: count)
  }

  /// Sends through the channel, turning channel failures into abort reasons.
  static func send(
    _ payload: [UInt8], label: String, from sender: ClassicalMessage.Endpoint,
    on channel: inout ClassicalChannel
  ) throws(BB84AbortReason) -> [UInt8] {
    do {
      return try channel.send(payload, label: label, from: sender)
    } catch {
      throw BB84AbortReason(error)
    }
  }
}
