import ClassicalCrypto

/// The output of ``BB84Reconciliation``.
public struct BB84ReconciliationResult: Sendable {
  /// Bob's key after correction (Alice's key is unchanged).
  public var bobKey: BitVector
  /// Every parity bit Alice disclosed, over all frames.
  public var leakedBits: Int
  /// Bits Bob flipped.
  public var correctedErrors: Int
  /// Frames reconciled (each with its own Cascade plan).
  public var frames: Int
  /// Parity queries relayed over the wire (each a query and an answer message).
  public var parityExchanges: Int
  /// The Cascade variant's name.
  public var variant: String
}

/// Stage 5: error reconciliation by Cascade over the classical channel.
///
/// The key is cut into frames of at most ``maximumFrameBits`` bits. For each frame Alice
/// announces the seed of the shared Cascade plan ("cascade: plan seed"), Bob runs Cascade, and
/// every parity query and answer crosses the wire ("cascade: parity query" / "cascade: parity
/// answer"), where a man in the middle may alter it. Authenticating thousands of one-bit
/// messages separately would exhaust a Wegman–Carter pool, so the interactive exchange is
/// authenticated as a whole: Alice then sends everything she received and answered as one
/// authenticated message ("cascade: transcript"), and Bob compares it with what he sent and
/// received; a difference is an authentication failure. Without authentication that check
/// proves nothing (the adversary could rewrite it too) and is skipped.
public enum BB84Reconciliation {
  /// The largest frame reconciled by one Cascade plan (larger keys use several frames).
  public static let maximumFrameBits = 1 << 20

  static let seedLabel = "cascade: plan seed"
  static let queryLabel = "cascade: parity query"
  static let answerLabel = "cascade: parity answer"
  static let transcriptLabel = "cascade: transcript"

  /// Reconciles Bob's key to Alice's.
  /// - Parameters:
  ///   - qber: the public QBER estimate that sizes the blocks (clamped to [0, 0.49]).
  ///   - bobQBER: Bob's own estimate (equal to `qber` unless a message was altered).
  /// - Throws: ``BB84AbortReason``.
  public static func run<G: RandomNumberGenerator>(
    aliceKey: BitVector, bobKey: BitVector, qber: Double, bobQBER: Double,
    variant: BB84CascadeVariant, authenticated: Bool, channel: inout ClassicalChannel,
    aliceGenerator: inout G
  ) throws(BB84AbortReason) -> BB84ReconciliationResult {
    guard aliceKey.count == bobKey.count else {
      throw .inconsistentMessages(
        "Alice's key has \(aliceKey.count) bits, Bob's \(bobKey.count): sifting was altered")
    }
    let n = aliceKey.count
    guard n >= 2 else { throw .tooFewSiftedBits(available: n, required: 2) }
    let frames = (n + maximumFrameBits - 1) / maximumFrameBits
    var corrected = BitVector([])
    var leaked = 0
    var flips = 0
    var exchanges = 0
    var start = 0
    for f in 0..<frames {
      let length = n / frames + (f < n % frames ? 1 : 0)
      let range = start..<(start + length)
      start += length
      let aliceSeed = aliceGenerator.next()
      var w = BB84WireWriter()
      w.append(aliceSeed)
      let delivered = try BB84Sifting.send(w.bytes, label: seedLabel, from: .alice, on: &channel)
      var r = BB84WireReader(delivered, label: seedLabel)
      let bobSeed = try r.readUInt64()
      let config = variant.configuration
      var oracle: RelayedCascadeOracle
      let bobPlan: CascadePlan
      do throws(CascadeError) {
        let alicePlan = try CascadePlan(
          configuration: config, frameLength: length, qber: min(max(qber, 0), 0.49),
          seed: aliceSeed)
        bobPlan = try CascadePlan(
          configuration: config, frameLength: length, qber: min(max(bobQBER, 0), 0.49),
          seed: bobSeed)
        oracle = RelayedCascadeOracle(
          alice: try CascadeAlice(key: aliceKey.slice(range), plan: alicePlan),
          adversary: channel.adversary)
      } catch {
        throw .inconsistentMessages("Cascade: \(error.description)")
      }
      let frameResult: CascadeResult
      do {
        frameResult = try CascadeReconciler(plan: bobPlan).reconcile(
          bobKey.slice(range), with: &oracle)
      } catch {
        channel.adversary = oracle.adversary
        // Before giving up, check the exchange against Alice's authenticated record: an
        // altered parity is what makes Cascade fail to converge.
        if authenticated {
          try checkTranscript(oracle, frame: f, channel: &channel)
        }
        if let failure = oracle.failure { throw failure }
        throw .inconsistentMessages("Cascade: \(error.description)")
      }
      channel.adversary = oracle.adversary
      // Authenticate the whole interactive exchange at once.
      if authenticated {
        try checkTranscript(oracle, frame: f, channel: &channel)
      } else {
        _ = try BB84Sifting.send(
          oracle.aliceView, label: transcriptLabel, from: .alice, on: &channel)
      }
      corrected.append(contentsOf: frameResult.correctedKey)
      leaked += frameResult.leakedBits
      flips += frameResult.correctedErrors
      exchanges += oracle.exchanges
    }
    return BB84ReconciliationResult(
      bobKey: corrected, leakedBits: leaked, correctedErrors: flips, frames: frames,
      parityExchanges: exchanges, variant: variant.configuration.name)
  }
}

extension BB84Reconciliation {
  /// Alice sends her record of the exchange over the authenticated channel; Bob compares it
  /// with his.
  static func checkTranscript(
    _ oracle: RelayedCascadeOracle, frame f: Int, channel: inout ClassicalChannel
  ) throws(BB84AbortReason) {
    let echoed = try BB84Sifting.send(
      oracle.aliceView, label: transcriptLabel, from: .alice, on: &channel)
    guard ConstantTime.equals(echoed, oracle.bobView) else {
      throw .authenticationFailure(
        message: "the Cascade exchange of frame \(f) differs between Alice's authenticated "
          + "transcript and what Bob received: a parity query or answer was altered")
    }
  }
}

/// Relays Bob's parity queries to Alice and her answers back, through the channel's adversary,
/// recording what each side sent and received.
struct RelayedCascadeOracle: CascadeParityOracle {
  var alice: CascadeAlice
  var adversary: (any ChannelAdversary)?
  /// Queries Alice received and answers she sent: 12 bytes of query, 1 byte of answer each.
  private(set) var aliceView: [UInt8] = []
  /// Queries Bob sent and answers he received, in the same layout.
  private(set) var bobView: [UInt8] = []
  private(set) var exchanges = 0
  private(set) var failure: BB84AbortReason?

  init(alice: CascadeAlice, adversary: (any ChannelAdversary)?) {
    self.alice = alice
    self.adversary = adversary
  }

  private mutating func relay(
    _ payload: [UInt8], label: String, from sender: ClassicalMessage.Endpoint
  )
    -> [UInt8]?
  {
    let message = ClassicalMessage(
      sequenceNumber: 2 * exchanges + (sender == .bob ? 1 : 2), sender: sender, label: label,
      payload: payload)
    let frame = ChannelFrame(message: message, tag: [])
    guard var adversary else { return payload }
    let delivered = adversary.intercept(frame)
    self.adversary = adversary
    return delivered.last?.message.payload
  }

  mutating func parity(pass: Int, range: Range<Int>) throws(CascadeError) -> Bool {
    // Honest Cascade discloses well under one parity per bit; inconsistent answers (an altered
    // exchange) can keep it searching, so stop there.
    guard exchanges < 2 * alice.plan.frameLength + 64 else {
      failure = .inconsistentMessages(
        "Cascade did not converge within \(exchanges) parity exchanges: its answers are "
          + "inconsistent, so a query or answer was altered")
      throw .invalidConfiguration("relay failure")
    }
    let fields = [
      UInt32(truncatingIfNeeded: pass), UInt32(truncatingIfNeeded: range.lowerBound),
      UInt32(truncatingIfNeeded: range.upperBound),
    ]
    var queryBytes: [UInt8] = []
    for v in fields {
      for i in 0..<4 { queryBytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) }
    }
    guard let received = relay(queryBytes, label: BB84Reconciliation.queryLabel, from: .bob) else {
      failure = .messageLost(message: "a Cascade parity query was dropped")
      throw .invalidConfiguration("relay failure")
    }
    guard received.count == 12 else {
      failure = .inconsistentMessages("a Cascade parity query arrived with \(received.count) bytes")
      throw .invalidConfiguration("relay failure")
    }
    var v = [Int](repeating: 0, count: 3)
    for k in 0..<3 {
      var x: UInt32 = 0
      for i in 0..<4 { x |= UInt32(received[4 * k + i]) << (8 * UInt32(i)) }
      v[k] = Int(x)
    }
    let answer: Bool
    do {
      guard v[1] < v[2] else {
        throw CascadeError.invalidRange(
          lower: v[1], upper: v[2], frameLength: alice.plan.frameLength)
      }
      answer = try alice.parity(pass: v[0], range: v[1]..<v[2])
    } catch {
      aliceView += received
      bobView += queryBytes
      failure = .inconsistentMessages("Alice cannot answer an altered Cascade query: \(error)")
      throw .invalidConfiguration("relay failure")
    }
    let answerByte: UInt8 = answer ? 1 : 0
    aliceView += received
    aliceView.append(answerByte)
    guard let back = relay([answerByte], label: BB84Reconciliation.answerLabel, from: .alice),
      let bit = back.first
    else {
      failure = .messageLost(message: "a Cascade parity answer was dropped")
      throw .invalidConfiguration("relay failure")
    }
    bobView += queryBytes
    bobView.append(bit & 1)
    exchanges += 1
    return bit & 1 == 1
  }
}
