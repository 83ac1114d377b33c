/// One event in a ``ClassicalChannel`` transcript.
public struct ChannelTranscriptEntry: Sendable, Hashable, Codable {
  /// What happened to a frame.
  public enum Event: String, Sendable, Hashable, Codable {
    /// The sender put the frame on the wire.
    case sent
    /// The receiver accepted the frame.
    case accepted
    /// The receiver rejected the frame (authentication or ordering failed).
    case rejected
    /// The frame never reached the receiver.
    case dropped
  }

  /// What happened.
  public var event: Event
  /// The frame as sent or as delivered.
  public var frame: ChannelFrame

  /// Creates an entry.
  public init(event: Event, frame: ChannelFrame) {
    self.event = event
    self.frame = frame
  }
}
