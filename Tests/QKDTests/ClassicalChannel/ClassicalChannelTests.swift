import ClassicalCrypto
import Foundation
import QuantumEngine
import Testing

@testable import QKD

@Suite struct ClassicalChannelTests {
  static func preSharedKey(bits: Int = 4096, seed: UInt64 = 1) -> BitVector {
    var rng = Xoshiro256StarStar(seed: seed)
    return BitVector(randomCount: bits, using: &rng)
  }

  static let schemes: [ChannelAuthentication] = [
    .hmacSHA256(key: SecretBytes([UInt8](repeating: 0x42, count: 32))),
    .wegmanCarter(preSharedKey: preSharedKey()),
  ]

  /// A short conversation; message 3 is "sifting bases" from Bob.
  static func converse(_ channel: inout ClassicalChannel) throws(ClassicalChannelError)
    -> [[UInt8]]
  {
    var received: [[UInt8]] = []
    received.append(try channel.send([1, 2, 3], label: "pulse count", from: .alice))
    received.append(try channel.send([4, 5], label: "detections", from: .bob))
    received.append(try channel.send([0b1010_1100, 0xFF], label: "sifting bases", from: .bob))
    received.append(try channel.send([9], label: "sifting matches", from: .alice))
    return received
  }

  @Test(arguments: schemes + [.none])
  func honestConversationGoesThrough(_ scheme: ChannelAuthentication) throws {
    var channel = ClassicalChannel(authentication: scheme)
    let received = try Self.converse(&channel)
    #expect(received == [[1, 2, 3], [4, 5], [0b1010_1100, 0xFF], [9]])
    #expect(channel.messagesSent == 4)
    #expect(channel.transcript.filter { $0.event == .accepted }.count == 4)
    #expect(
      channel.transcript.filter { $0.event == .sent }.map(\.frame.message.label)[2]
        == "sifting bases")
  }

  @Test(arguments: schemes)
  func alteredMessageIsDetected(_ scheme: ChannelAuthentication) throws {
    var channel = ClassicalChannel(
      authentication: scheme, adversary: ManInTheMiddle.flipPayloadBit(ofMessage: 3, bit: 5))
    #expect(
      throws: ClassicalChannelError.authenticationFailed(
        sequenceNumber: 3, label: "sifting bases", scheme: scheme.description)
    ) {
      try Self.converse(&channel)
    }
    #expect(channel.transcript.last?.event == .rejected)
    let error = ClassicalChannelError.authenticationFailed(
      sequenceNumber: 3, label: "sifting bases", scheme: scheme.description)
    #expect(error.description.hasPrefix("message 3 (sifting bases) failed authentication"))
  }

  @Test func alteredMessageGoesThroughWithoutAuthentication() throws {
    var channel = ClassicalChannel(
      authentication: .none, adversary: ManInTheMiddle.flipPayloadBit(ofMessage: 3, bit: 5))
    let received = try Self.converse(&channel)
    #expect(received[2] == [0b1000_1100, 0xFF])  // bit 5 flipped, unnoticed
  }

  @Test(arguments: schemes)
  func injectedMessageIsDetected(_ scheme: ChannelAuthentication) throws {
    var channel = ClassicalChannel(
      authentication: scheme, adversary: ManInTheMiddle.inject(afterMessage: 2, payload: [0]))
    #expect(throws: ClassicalChannelError.self) { try Self.converse(&channel) }
    #expect(channel.messagesSent == 2)
  }

  @Test func injectedMessageGoesThroughWithoutAuthentication() throws {
    var channel = ClassicalChannel(
      authentication: .none, adversary: ManInTheMiddle.inject(afterMessage: 2, payload: [0]))
    let received = try Self.converse(&channel)
    #expect(received[1] == [0])
  }

  @Test(arguments: schemes)
  func replacedPayloadIsDetected(_ scheme: ChannelAuthentication) throws {
    var channel = ClassicalChannel(
      authentication: scheme, adversary: ManInTheMiddle.replacePayload(ofMessage: 4, with: [8]))
    #expect(
      throws: ClassicalChannelError.authenticationFailed(
        sequenceNumber: 4, label: "sifting matches", scheme: scheme.description)
    ) { try Self.converse(&channel) }
  }

  @Test func replayedAuthenticFrameIsRefused() throws {
    // Replay message 1's valid HMAC frame in place of message 2.
    let recorder = FrameRecorder()
    var channel = ClassicalChannel(
      authentication: Self.schemes[0],
      adversary: ManInTheMiddle { frame in
        if frame.message.sequenceNumber == 1 { recorder.store(frame) }
        if frame.message.sequenceNumber == 2, let old = recorder.first { return [old] }
        return [frame]
      })
    #expect(
      throws: ClassicalChannelError.unexpectedMessage(
        expectedSequenceNumber: 2, receivedSequenceNumber: 1, label: "pulse count")
    ) { try Self.converse(&channel) }
  }

  @Test(arguments: schemes + [.none])
  func droppedMessageIsReported(_ scheme: ChannelAuthentication) throws {
    var channel = ClassicalChannel(
      authentication: scheme, adversary: ManInTheMiddle.drop(message: 2))
    #expect(throws: ClassicalChannelError.messageLost(sequenceNumber: 2, label: "detections")) {
      try Self.converse(&channel)
    }
  }

  @Test func wegmanCarterConsumesAndReplenishesKey() throws {
    var channel = ClassicalChannel(
      authentication: .wegmanCarter(preSharedKey: Self.preSharedKey(bits: 512)))
    _ = try Self.converse(&channel)
    #expect(channel.authenticationBitsUsed(by: .alice) == 4 * WegmanCarter.keyBitsPerTag)
    #expect(channel.authenticationBitsUsed(by: .bob) == 4 * WegmanCarter.keyBitsPerTag)
    #expect(channel.authenticationBitsAvailable(to: .alice) == 0)
    // ε adds up tag by tag: (blocks + 1)/2^64 for each authenticated message.
    let expectedEpsilon = channel.transcript.filter { $0.event == .sent }.reduce(0.0) {
      $0
        + WegmanCarter.forgeryProbability(
          messageByteCount: $1.frame.message.authenticatedBytes.count)
    }
    #expect(channel.authenticationEpsilon == expectedEpsilon)
    #expect(channel.authenticationEpsilon > 0 && channel.authenticationEpsilon < 1e-17)
    #expect(throws: ClassicalChannelError.self) {
      try channel.send([1], label: "one more", from: .alice)
    }
    var channel2 = ClassicalChannel(
      authentication: .wegmanCarter(preSharedKey: Self.preSharedKey(bits: 512)))
    _ = try Self.converse(&channel2)
    channel2.replenishAuthenticationKey(with: Self.preSharedKey(bits: 256, seed: 2))
    #expect(try channel2.send([1], label: "after replenishing", from: .alice) == [1])
  }

  @Test func exhaustedPoolGivesTypedError() throws {
    var channel = ClassicalChannel(
      authentication: .wegmanCarter(preSharedKey: Self.preSharedKey(bits: 100)))
    #expect(
      throws: ClassicalChannelError.authenticationKeyExhausted(
        sequenceNumber: 1, label: "pulse count", .exhausted(requested: 128, available: 100))
    ) { try Self.converse(&channel) }
  }

  @Test func bitVectorsAndCodableValuesRoundTrip() throws {
    var channel = ClassicalChannel(authentication: Self.schemes[1])
    var rng = Xoshiro256StarStar(seed: 7)
    let bases = BitVector(randomCount: 10_001, using: &rng)
    #expect(try channel.send(bits: bases, label: "bases", from: .bob) == bases)
    let positions = [3, 14, 15, 92]
    #expect(try channel.send(value: positions, label: "sample", from: .alice) == positions)
  }

  @Test func malformedBitPayloadIsRejected() {
    #expect(throws: ClassicalChannelError.self) {
      try ClassicalPayload.decodeBits([1, 0, 0, 0, 0, 0, 0, 0], label: "x")
    }
    #expect(throws: ClassicalChannelError.self) { try ClassicalPayload.decodeBits([1, 2]) }
  }
}

/// Holds frames an adversary closure saw (the closure is `@Sendable`, so state lives here).
final class FrameRecorder: @unchecked Sendable {
  private var frames: [ChannelFrame] = []
  private let lock = NSLock()
  func store(_ frame: ChannelFrame) { lock.withLock { frames.append(frame) } }
  var first: ChannelFrame? { lock.withLock { frames.first } }
}
