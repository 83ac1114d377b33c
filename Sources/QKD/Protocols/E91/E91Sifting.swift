/// One party's view after sifting: the coincidences (gates where both sides clicked) sorted by
/// what they are used for.
public struct E91SiftedData: Sendable, Hashable {
  /// Gate index of each sifted key bit.
  public internal(set) var keyGate: [UInt64] = []
  /// Which key setting pair (index into ``E91Configuration/keySettingPairs``) each bit has.
  public internal(set) var keyPair: [UInt8] = []
  /// This party's key bit (Bob's flipped for an anticorrelated source).
  public internal(set) var keyBit: [UInt8] = []
  /// For each CHSH-test coincidence, its correlation index (0 E(a,b), 1 E(a,b′), 2 E(a′,b),
  /// 3 E(a′,b′)).
  public internal(set) var testTerm: [UInt8] = []
  /// This party's result at each test coincidence.
  public internal(set) var testBit: [UInt8] = []
  /// Coincidences per setting pair, `[alice setting][bob setting]`.
  public internal(set) var coincidences: [[Int]]

  init(aliceSettings: Int, bobSettings: Int) {
    coincidences = [[Int]](
      repeating: [Int](repeating: 0, count: bobSettings), count: aliceSettings)
  }

  /// The number of sifted key bits.
  public var keyCount: Int { keyBit.count }
  /// All coincidences.
  public var coincidenceCount: Int { coincidences.reduce(0) { $0 + $1.reduce(0, +) } }
}

/// The output of ``E91Sifting``.
public struct E91SiftingResult: Sendable {
  /// Alice's view.
  public var alice: E91SiftedData
  /// Bob's view.
  public var bob: E91SiftedData
}

/// Stage 2: sifting over the classical channel.
///
/// Bob announces the gates where he detected a photon and his setting for each ("sifting: Bob's
/// detections and settings": the count, gap-coded gate indices as LEB128 varints, one setting
/// byte each). Alice answers, for each, her setting or 255 when she saw nothing ("sifting:
/// Alice's settings at Bob's detections"). Both then know the coincidences and their setting
/// pairs: equal angles give key bits, the four CHSH pairs give test data, the rest is
/// discarded. Each side uses its own records and the other's announcement, so an altered
/// message (possible only without authentication) desynchronises them.
public enum E91Sifting {
  static let bobLabel = "sifting: Bob's detections and settings"
  static let aliceLabel = "sifting: Alice's settings at Bob's detections"

  /// Runs the exchange.
  /// - Throws: ``E91AbortReason`` for a channel failure or a malformed announcement.
  public static func run(
    alice: E91Records, bob: E91Records, configuration: E91Configuration,
    channel: inout ClassicalChannel
  ) throws(E91AbortReason) -> E91SiftingResult {
    let na = configuration.link.aliceAnglesDegrees.count
    let nb = configuration.link.bobAnglesDegrees.count
    let roles = configuration.settingRoles
    let keyIndex = keyPairIndex(configuration)
    let testIndex = testTermIndex(configuration)
    let flip: UInt8 = configuration.bobFlipsKeyBits ? 1 : 0

    // Bob → Alice.
    var w = BB84WireWriter()
    w.append(UInt64(bob.count))
    var previous: UInt64? = nil
    for index in bob.gateIndex {
      w.appendVarint(previous.map { index - $0 - 1 } ?? index)
      previous = index
    }
    w.append(bytes: bob.setting)
    let received = try E91Wire.send(w.bytes, label: bobLabel, from: .bob, on: &channel)

    // Alice reads, answers and sifts.
    var r = BB84WireReader(received, label: bobLabel)
    let count = try E91Wire.read { () throws(BB84AbortReason) in
      try r.readCount(limit: configuration.pairCount)
    }
    var gates: [UInt64] = []
    gates.reserveCapacity(count)
    var last: UInt64? = nil
    for _ in 0..<count {
      let gap = try E91Wire.read { () throws(BB84AbortReason) in try r.readVarint() }
      let (base, o1) = (last ?? 0).addingReportingOverflow(last == nil ? 0 : 1)
      let (index, o2) = base.addingReportingOverflow(gap)
      guard !o1, !o2, index < UInt64(configuration.pairCount) else {
        throw .postProcessing(r.malformed("gate index beyond the \(configuration.pairCount) gates"))
      }
      gates.append(index)
      last = index
    }
    let bobSettings = try E91Wire.read { () throws(BB84AbortReason) in try r.readBytes(count) }
    guard r.isAtEnd else { throw .postProcessing(r.malformed("trailing bytes")) }
    var aliceView = E91SiftedData(aliceSettings: na, bobSettings: nb)
    var answer = [UInt8](repeating: 255, count: count)
    for k in 0..<count {
      guard Int(bobSettings[k]) < nb else {
        throw .postProcessing(r.malformed("setting \(bobSettings[k]) but Bob has \(nb)"))
      }
      guard let p = alice.position(ofGate: gates[k]) else { continue }
      let sa = Int(alice.setting[p])
      let sb = Int(bobSettings[k])
      answer[k] = UInt8(sa)
      aliceView.coincidences[sa][sb] += 1
      switch roles[sa][sb] {
      case 1:
        aliceView.keyGate.append(gates[k])
        aliceView.keyPair.append(keyIndex[sa][sb])
        aliceView.keyBit.append(alice.bit[p])
      case 2:
        aliceView.testTerm.append(testIndex[sa][sb])
        aliceView.testBit.append(alice.bit[p])
      default: break
      }
    }
    var reply = BB84WireWriter()
    reply.append(UInt64(count))
    reply.append(bytes: answer)
    let delivered = try E91Wire.send(reply.bytes, label: aliceLabel, from: .alice, on: &channel)

    // Bob reads Alice's answer and sifts.
    var rb = BB84WireReader(delivered, label: aliceLabel)
    let echoed = try E91Wire.read { () throws(BB84AbortReason) in
      try rb.readCount(limit: bob.count)
    }
    guard echoed == bob.count else {
      throw .postProcessing(
        rb.malformed("answers \(echoed) detections, Bob announced \(bob.count)"))
    }
    let answers = try E91Wire.read { () throws(BB84AbortReason) in try rb.readBytes(echoed) }
    guard rb.isAtEnd else { throw .postProcessing(rb.malformed("trailing bytes")) }
    var bobView = E91SiftedData(aliceSettings: na, bobSettings: nb)
    for (k, a) in answers.enumerated() where a != 255 {
      guard Int(a) < na else {
        throw .postProcessing(rb.malformed("setting \(a) but Alice has \(na)"))
      }
      let sa = Int(a)
      let sb = Int(bob.setting[k])
      bobView.coincidences[sa][sb] += 1
      switch roles[sa][sb] {
      case 1:
        bobView.keyGate.append(bob.gateIndex[k])
        bobView.keyPair.append(keyIndex[sa][sb])
        bobView.keyBit.append(bob.bit[k] ^ flip)
      case 2:
        bobView.testTerm.append(testIndex[sa][sb])
        bobView.testBit.append(bob.bit[k])
      default: break
      }
    }
    return E91SiftingResult(alice: aliceView, bob: bobView)
  }

  static func keyPairIndex(_ c: E91Configuration) -> [[UInt8]] {
    var index = [[UInt8]](
      repeating: [UInt8](repeating: 255, count: c.link.bobAnglesDegrees.count),
      count: c.link.aliceAnglesDegrees.count)
    for (k, p) in c.keySettingPairs.enumerated() { index[p.alice][p.bob] = UInt8(k) }
    return index
  }

  static func testTermIndex(_ c: E91Configuration) -> [[UInt8]] {
    var index = [[UInt8]](
      repeating: [UInt8](repeating: 255, count: c.link.bobAnglesDegrees.count),
      count: c.link.aliceAnglesDegrees.count)
    for (k, p) in c.chsh.pairs.enumerated() { index[p.alice][p.bob] = UInt8(k) }
    return index
  }
}

/// Channel and wire helpers turning BB84 stage errors into E91 abort reasons.
enum E91Wire {
  /// Sends through the channel, turning channel failures into abort reasons.
  static func send(
    _ payload: [UInt8], label: String, from sender: ClassicalMessage.Endpoint,
    on channel: inout ClassicalChannel
  ) throws(E91AbortReason) -> [UInt8] {
    do {
      return try BB84Sifting.send(payload, label: label, from: sender, on: &channel)
    } catch {
      throw .postProcessing(error)
    }
  }

  /// Runs a wire read, wrapping its error.
  static func read<T>(_ body: () throws(BB84AbortReason) -> T) throws(E91AbortReason) -> T {
    do {
      return try body()
    } catch {
      throw .postProcessing(error)
    }
  }
}
