import ClassicalCrypto

/// Why a ``ClassicalChannel`` refused a message; the protocol run aborts with this reason.
public enum ClassicalChannelError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A delivered frame's tag did not verify: the message was altered or forged.
  case authenticationFailed(sequenceNumber: Int, label: String, scheme: String)
  /// An authentic frame arrived out of order (a replay or reordering).
  case unexpectedMessage(expectedSequenceNumber: Int, receivedSequenceNumber: Int, label: String)
  /// Nothing arrived for a message.
  case messageLost(sequenceNumber: Int, label: String)
  /// The Wegman–Carter key pool has too few bits for a tag.
  case authenticationKeyExhausted(sequenceNumber: Int, label: String, KeyPoolError)
  /// HMAC computation failed inside OpenSSL.
  case cryptoFailure(sequenceNumber: Int, label: String, CryptoError)
  /// A payload could not be decoded as the expected content.
  case malformedPayload(label: String, reason: String)

  /// A sentence saying what happened to which message.
  public var description: String {
    switch self {
    case .authenticationFailed(let n, let label, let scheme):
      return "message \(n) (\(label)) failed authentication (\(scheme) tag mismatch): "
        + "it was altered or forged in transit"
    case .unexpectedMessage(let expected, let received, let label):
      return "expected message \(expected) but an authentic message \(received) (\(label)) "
        + "arrived: replayed or reordered"
    case .messageLost(let n, let label):
      return "message \(n) (\(label)) never arrived"
    case .authenticationKeyExhausted(let n, let label, let error):
      return "cannot authenticate message \(n) (\(label)): \(error.description)"
    case .cryptoFailure(let n, let label, let error):
      return "cannot authenticate message \(n) (\(label)): \(error.description)"
    case .malformedPayload(let label, let reason):
      return "payload of \(label) is malformed: \(reason)"
    }
  }
}
