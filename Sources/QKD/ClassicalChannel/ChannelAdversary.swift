/// A man in the middle on the classical channel: sees every frame and decides what the
/// receiver gets.
///
/// Return the frame unchanged to stay passive, a modified frame to alter it, an empty array to
/// drop it, or several frames to inject extra ones.
public protocol ChannelAdversary: Sendable {
  /// What the receiver gets instead of `frame`.
  mutating func intercept(_ frame: ChannelFrame) -> [ChannelFrame]
}

/// An adversary defined by a closure, with ready-made attacks for tests and demos.
public struct ManInTheMiddle: ChannelAdversary {
  private let body: @Sendable (ChannelFrame) -> [ChannelFrame]

  /// An adversary that replaces each frame by `body(frame)`.
  public init(_ body: @escaping @Sendable (ChannelFrame) -> [ChannelFrame]) { self.body = body }

  /// Applies the closure.
  public mutating func intercept(_ frame: ChannelFrame) -> [ChannelFrame] { body(frame) }

  /// Flips bit `bit` of the payload of message `sequenceNumber` (if the payload is long enough).
  public static func flipPayloadBit(ofMessage sequenceNumber: Int, bit: Int) -> ManInTheMiddle {
    ManInTheMiddle { frame in
      var f = frame
      if f.message.sequenceNumber == sequenceNumber, bit >= 0, bit < 8 * f.message.payload.count {
        f.message.payload[bit / 8] ^= 1 << UInt8(bit % 8)
      }
      return [f]
    }
  }

  /// Replaces the payload of message `sequenceNumber` by `payload`.
  public static func replacePayload(ofMessage sequenceNumber: Int, with payload: [UInt8])
    -> ManInTheMiddle
  {
    ManInTheMiddle { frame in
      var f = frame
      if f.message.sequenceNumber == sequenceNumber { f.message.payload = payload }
      return [f]
    }
  }

  /// Drops message `sequenceNumber`.
  public static func drop(message sequenceNumber: Int) -> ManInTheMiddle {
    ManInTheMiddle { frame in frame.message.sequenceNumber == sequenceNumber ? [] : [frame] }
  }

  /// Delivers, after message `sequenceNumber`, a forged copy carrying `payload` and a guessed
  /// (copied) tag.
  public static func inject(afterMessage sequenceNumber: Int, payload: [UInt8])
    -> ManInTheMiddle
  {
    ManInTheMiddle { frame in
      guard frame.message.sequenceNumber == sequenceNumber else { return [frame] }
      var forged = frame
      forged.message.payload = payload
      return [frame, forged]
    }
  }
}
