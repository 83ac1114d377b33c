/// The detected pulses of a run (or of one streamed chunk) as compact parallel arrays, in pulse
/// order: what BB84 needs to sift, estimate and distil. Pulses without a click are only counted
/// (in ``LinkStatistics``). Codable.
public struct PulseBatch: Sendable, Hashable, Codable {
  /// Global index of each detected pulse.
  public internal(set) var pulseIndex: [UInt64] = []
  /// Intensity index (0 = signal).
  public internal(set) var intensity: [UInt8] = []
  /// Alice's basis (``Basis`` raw value).
  public internal(set) var aliceBasis: [UInt8] = []
  /// Alice's bit.
  public internal(set) var aliceBit: [UInt8] = []
  /// Bob's basis (``Basis`` raw value).
  public internal(set) var bobBasis: [UInt8] = []
  /// Bob's click pattern (``ClickPattern`` raw value: 1, 2 or 3).
  public internal(set) var clicks: [UInt8] = []
  /// Bob's bit (a double click squashed to a random bit).
  public internal(set) var bobBit: [UInt8] = []
  /// Eve's observation (``EveObservation`` raw value).
  public internal(set) var eve: [UInt8] = []

  /// An empty batch.
  public init() {}

  /// The number of detected pulses.
  public var count: Int { pulseIndex.count }

  /// One detected pulse as a value.
  public struct Detection: Sendable, Hashable, Codable {
    /// Global pulse index.
    public let pulseIndex: UInt64
    /// Intensity index.
    public let intensity: Int
    /// Alice's basis.
    public let aliceBasis: Basis
    /// Alice's bit.
    public let aliceBit: UInt8
    /// Bob's basis.
    public let bobBasis: Basis
    /// Bob's click pattern.
    public let clicks: ClickPattern
    /// Bob's bit.
    public let bobBit: UInt8
    /// Eve's observation.
    public let eve: EveObservation
  }

  /// The detection at position `i` (nil when out of range).
  public func detection(at i: Int) -> Detection? {
    guard i >= 0, i < count else { return nil }
    return Detection(
      pulseIndex: pulseIndex[i], intensity: Int(intensity[i]),
      aliceBasis: Basis(rawValue: aliceBasis[i]) ?? .rectilinear, aliceBit: aliceBit[i],
      bobBasis: Basis(rawValue: bobBasis[i]) ?? .rectilinear,
      clicks: ClickPattern(rawValue: clicks[i]) ?? .none, bobBit: bobBit[i],
      eve: EveObservation(rawValue: eve[i]) ?? .none)
  }

  mutating func append(
    pulse: UInt64, category c: Int, eve e: UInt8, clicks m: UInt8, bobBit b: UInt8
  ) {
    pulseIndex.append(pulse)
    intensity.append(UInt8(c >> 3))
    aliceBasis.append(UInt8((c >> 2) & 1))
    aliceBit.append(UInt8((c >> 1) & 1))
    bobBasis.append(UInt8(c & 1))
    clicks.append(m)
    bobBit.append(b)
    eve.append(e)
  }

  /// Appends all detections of `other` (which must follow this batch in pulse order).
  public mutating func append(contentsOf other: PulseBatch) {
    pulseIndex += other.pulseIndex
    intensity += other.intensity
    aliceBasis += other.aliceBasis
    aliceBit += other.aliceBit
    bobBasis += other.bobBasis
    clicks += other.clicks
    bobBit += other.bobBit
    eve += other.eve
  }
}
