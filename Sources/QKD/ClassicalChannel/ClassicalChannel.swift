import ClassicalCrypto
import Foundation

/// The public, authenticated classical channel between Alice and Bob.
///
/// Every public message of a protocol run (bases, sample positions, parities, hashes, seeds)
/// goes through ``send(_:label:from:)``. The sender's side tags the message, an optional
/// ``ChannelAdversary`` may alter, drop or inject frames, and the receiver's side verifies each
/// delivered frame before accepting it. With authentication on, any change is caught and the
/// call throws a ``ClassicalChannelError`` naming the message; with ``ChannelAuthentication/none``
/// the receiver accepts whatever arrives (the last frame, when several do).
///
/// Both parties live in this one value: Alice's and Bob's copies of the Wegman–Carter key pool
/// are separate and advance independently, exactly as two machines would.
public struct ClassicalChannel: Sendable {
  /// The authentication scheme.
  public let authentication: ChannelAuthentication
  /// The man in the middle, if any.
  public var adversary: (any ChannelAdversary)?
  /// Every frame sent, accepted, rejected or dropped, in order.
  public private(set) var transcript: [ChannelTranscriptEntry] = []
  /// The number of messages sent so far.
  public private(set) var messagesSent = 0
  /// The sum of the Wegman–Carter forgery bounds ε of all tags sent (0 for other schemes): the
  /// authentication term of a composable security statement.
  public private(set) var authenticationEpsilon = 0.0

  private var pools: [ClassicalMessage.Endpoint: KeyPool] = [:]
  private let hmac: HMACSHA256?

  /// Creates a channel with the given authentication and an optional adversary.
  public init(authentication: ChannelAuthentication, adversary: (any ChannelAdversary)? = nil) {
    self.authentication = authentication
    self.adversary = adversary
    switch authentication {
    case .none:
      hmac = nil
    case .hmacSHA256(let key):
      hmac = HMACSHA256(key: key)
    case .wegmanCarter(let key):
      hmac = nil
      pools = [.alice: KeyPool(key), .bob: KeyPool(key)]
    }
  }

  /// Wegman–Carter key bits `party` has consumed (0 for other schemes).
  public func authenticationBitsUsed(by party: ClassicalMessage.Endpoint) -> Int {
    pools[party]?.consumedBits ?? 0
  }

  /// Wegman–Carter key bits `party` still holds (`nil` for other schemes).
  public func authenticationBitsAvailable(to party: ClassicalMessage.Endpoint) -> Int? {
    pools[party]?.availableBits
  }

  /// Adds fresh key (for example part of the key just distilled) to both parties' Wegman–Carter
  /// pools. Does nothing for other schemes.
  public mutating func replenishAuthenticationKey(with key: BitVector) {
    for party in pools.keys { pools[party]?.replenish(with: key) }
  }

  /// Sends `payload` from `sender` and returns the payload the receiver accepted.
  /// - Throws: ``ClassicalChannelError/authenticationFailed(sequenceNumber:label:scheme:)`` when
  ///   a delivered frame does not verify,
  ///   ``ClassicalChannelError/unexpectedMessage(expectedSequenceNumber:receivedSequenceNumber:label:)``
  ///   for an authentic frame out of order, ``ClassicalChannelError/messageLost(sequenceNumber:label:)``
  ///   when nothing arrives, and key-pool or OpenSSL failures.
  public mutating func send(
    _ payload: [UInt8], label: String, from sender: ClassicalMessage.Endpoint
  )
    throws(ClassicalChannelError) -> [UInt8]
  {
    let sequenceNumber = messagesSent + 1
    let message = ClassicalMessage(
      sequenceNumber: sequenceNumber, sender: sender, label: label, payload: payload)
    let frame = ChannelFrame(message: message, tag: try tag(message, party: sender))
    messagesSent = sequenceNumber
    transcript.append(ChannelTranscriptEntry(event: .sent, frame: frame))

    let delivered: [ChannelFrame]
    if var adversary {
      delivered = adversary.intercept(frame)
      self.adversary = adversary
    } else {
      delivered = [frame]
    }
    guard !delivered.isEmpty else {
      transcript.append(ChannelTranscriptEntry(event: .dropped, frame: frame))
      throw .messageLost(sequenceNumber: sequenceNumber, label: label)
    }
    var accepted = frame.message
    for received in delivered {
      try verify(received, expected: sequenceNumber, receiver: sender.peer)
      transcript.append(ChannelTranscriptEntry(event: .accepted, frame: received))
      accepted = received.message
    }
    return accepted.payload
  }

  /// Sends a bit vector (see ``ClassicalPayload``) and returns the one the receiver accepted.
  /// - Throws: the errors of ``send(_:label:from:)``, and
  ///   ``ClassicalChannelError/malformedPayload(label:reason:)`` if an unauthenticated channel
  ///   delivered bytes that are not a bit vector.
  public mutating func send(bits: BitVector, label: String, from sender: ClassicalMessage.Endpoint)
    throws(ClassicalChannelError) -> BitVector
  {
    let received = try send(ClassicalPayload.encode(bits), label: label, from: sender)
    return try ClassicalPayload.decodeBits(received, label: label)
  }

  /// Sends any `Codable` value as JSON and returns the value the receiver decoded.
  /// - Throws: the errors of ``send(_:label:from:)``, and
  ///   ``ClassicalChannelError/malformedPayload(label:reason:)`` when encoding or decoding fails.
  public mutating func send<T: Codable>(
    value: T, label: String, from sender: ClassicalMessage.Endpoint
  ) throws(ClassicalChannelError) -> T {
    let encoded: Data
    do {
      encoded = try JSONEncoder().encode(value)
    } catch {
      throw .malformedPayload(label: label, reason: "cannot encode: \(error)")
    }
    let received = try send(Array(encoded), label: label, from: sender)
    do {
      return try JSONDecoder().decode(T.self, from: Data(received))
    } catch {
      throw .malformedPayload(label: label, reason: "cannot decode: \(error)")
    }
  }

  /// The sender's tag for `message`.
  private mutating func tag(_ message: ClassicalMessage, party: ClassicalMessage.Endpoint)
    throws(ClassicalChannelError) -> [UInt8]
  {
    switch authentication {
    case .none:
      return []
    case .hmacSHA256:
      guard let hmac else { return [] }
      do {
        return try hmac.authenticationCode(for: message.authenticatedBytes)
      } catch {
        throw .cryptoFailure(
          sequenceNumber: message.sequenceNumber, label: message.label, error)
      }
    case .wegmanCarter:
      guard var pool = pools[party] else { return [] }
      defer { pools[party] = pool }
      do {
        let tag = try WegmanCarter.tag(for: message.authenticatedBytes, using: &pool)
        authenticationEpsilon += tag.epsilon
        var bytes: [UInt8] = []
        ClassicalPayload.appendLittleEndian(tag.value, to: &bytes)
        return bytes
      } catch {
        throw .authenticationKeyExhausted(
          sequenceNumber: message.sequenceNumber, label: message.label, error)
      }
    }
  }

  /// The receiver's check of one delivered frame; records and throws on failure.
  private mutating func verify(
    _ frame: ChannelFrame, expected sequenceNumber: Int, receiver: ClassicalMessage.Endpoint
  ) throws(ClassicalChannelError) {
    let message = frame.message
    let authentic: Bool
    switch authentication {
    case .none:
      return
    case .hmacSHA256:
      guard let hmac else { return }
      do {
        authentic = try hmac.isValid(frame.tag, for: message.authenticatedBytes)
      } catch {
        throw .cryptoFailure(sequenceNumber: sequenceNumber, label: message.label, error)
      }
    case .wegmanCarter:
      guard var pool = pools[receiver] else { return }
      defer { pools[receiver] = pool }
      var value: UInt64 = 0
      for (i, byte) in frame.tag.prefix(8).enumerated() { value |= UInt64(byte) << UInt64(8 * i) }
      let claimed = WegmanCarter.Tag(value: value, epsilon: 0)
      do {
        let tagMatches = try WegmanCarter.verify(
          claimed, for: message.authenticatedBytes, using: &pool)
        authentic = frame.tag.count == 8 && tagMatches
      } catch {
        throw .authenticationKeyExhausted(
          sequenceNumber: sequenceNumber, label: message.label, error)
      }
    }
    guard authentic else {
      transcript.append(ChannelTranscriptEntry(event: .rejected, frame: frame))
      throw .authenticationFailed(
        sequenceNumber: sequenceNumber, label: message.label, scheme: authentication.description)
    }
    guard message.sequenceNumber == sequenceNumber, message.sender == receiver.peer else {
      transcript.append(ChannelTranscriptEntry(event: .rejected, frame: frame))
      throw .unexpectedMessage(
        expectedSequenceNumber: sequenceNumber, receivedSequenceNumber: message.sequenceNumber,
        label: message.label)
    }
  }
}
