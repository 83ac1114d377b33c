import Foundation
import QKDLab

/// One line of `qkdlab transcript`: everything that happened to one pulse, in classroom terms.
/// Encodes with snake_case keys (one JSON object per pulse with `--json`).
struct TranscriptRow: Encodable {
  let pulse: Int
  let intensity: String
  let photons: Int
  let aliceBit: Int
  let aliceBasis: String
  let polarization: String
  let eve: String
  let eveBasis: String?
  let eveResult: String?
  let evePhotons: Int
  let photonsAtBob: Int
  let bobBasis: String
  let bobClick: String
  let bobBit: Int?
  let kept: Bool
  let discardReason: String?
  let error: Bool?

  enum CodingKeys: String, CodingKey {
    case pulse, intensity, photons, polarization, eve, kept, error
    case aliceBit = "alice_bit"
    case aliceBasis = "alice_basis"
    case eveBasis = "eve_basis"
    case eveResult = "eve_result"
    case evePhotons = "eve_photons"
    case photonsAtBob = "photons_at_bob"
    case bobBasis = "bob_basis"
    case bobClick = "bob_click"
    case bobBit = "bob_bit"
    case discardReason = "discard_reason"
  }

  /// Writes every key, with null for the columns that do not apply to this pulse.
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(pulse, forKey: .pulse)
    try c.encode(intensity, forKey: .intensity)
    try c.encode(photons, forKey: .photons)
    try c.encode(aliceBit, forKey: .aliceBit)
    try c.encode(aliceBasis, forKey: .aliceBasis)
    try c.encode(polarization, forKey: .polarization)
    try c.encode(eve, forKey: .eve)
    try c.encode(eveBasis, forKey: .eveBasis)
    try c.encode(eveResult, forKey: .eveResult)
    try c.encode(evePhotons, forKey: .evePhotons)
    try c.encode(photonsAtBob, forKey: .photonsAtBob)
    try c.encode(bobBasis, forKey: .bobBasis)
    try c.encode(bobClick, forKey: .bobClick)
    try c.encode(bobBit, forKey: .bobBit)
    try c.encode(kept, forKey: .kept)
    try c.encode(discardReason, forKey: .discardReason)
    try c.encode(error, forKey: .error)
  }

  /// The row for one exact-path record; `intensityNames` labels Alice's intensity index.
  init(_ r: PulseRecord, intensityNames: [String]) {
    pulse = r.pulseIndex
    intensity = intensityNames.indices.contains(r.intensity) ? intensityNames[r.intensity] : "?"
    photons = r.photonNumber
    aliceBit = Int(r.aliceBit)
    aliceBasis = Self.basisName(r.aliceBasis)
    polarization = Self.polarizationName(r.aliceBasis, r.aliceBit)
    eve = r.eve.description
    if let m = r.eve.measurement {
      eveBasis = ["H/V", "D/A", "Breidbart"][m.basis]
      eveResult = Self.eveResult(basis: m.basis, bit: m.bit)
    } else {
      eveBasis = nil
      eveResult = nil
    }
    evePhotons = r.evePhotons
    photonsAtBob = r.photonsAtBob
    bobBasis = Self.basisName(r.bobBasis)
    bobClick = r.clicks.description
    bobBit = r.bobBit.map(Int.init)
    if r.bobBit == nil {
      kept = false
      discardReason = "no click"
      error = nil
    } else if r.aliceBasis != r.bobBasis {
      kept = false
      discardReason = "bases differ"
      error = nil
    } else {
      kept = true
      discardReason = nil
      error = r.bobBit != r.aliceBit
    }
  }

  /// "H/V" or "D/A".
  static func basisName(_ b: Basis) -> String { b == .rectilinear ? "H/V" : "D/A" }

  /// The polarization encoding `bit` in basis `b`: H, V, D or A.
  static func polarizationName(_ b: Basis, _ bit: UInt8) -> String {
    switch (b, bit) {
    case (.rectilinear, 0): return "H"
    case (.rectilinear, _): return "V"
    case (.diagonal, 0): return "D"
    case (.diagonal, _): return "A"
    }
  }

  /// Eve's result as the polarization she found (and resent).
  static func eveResult(basis: Int, bit: UInt8) -> String {
    switch basis {
    case 0: return bit == 0 ? "H" : "V"
    case 1: return bit == 0 ? "D" : "A"
    default: return bit == 0 ? "22.5°" : "112.5°"
    }
  }

  /// Runs the exact path and returns the first `count` pulses, or with `onlyDetected` the first
  /// `count` pulses Bob detected (simulating up to `pulseLimit` pulses). The exact path draws
  /// pulses in order from one stream, so a longer run starts with the same pulses.
  static func simulate(
    link: LinkConfiguration, seed: UInt64, count: Int, onlyDetected: Bool, pulseLimit: Int
  ) throws -> [TranscriptRow] {
    let simulator = try ExactLinkSimulator(configuration: link)
    let names = link.source.intensities.map { $0.name }
    guard onlyDetected else {
      return try simulator.run(pulses: count, seed: seed).records.map {
        TranscriptRow($0, intensityNames: names)
      }
    }
    var n = max(1024, 4 * count)
    while true {
      let detected = try simulator.run(pulses: n, seed: seed).records.filter { $0.bobBit != nil }
      if detected.count >= count || n >= pulseLimit {
        return detected.prefix(count).map { TranscriptRow($0, intensityNames: names) }
      }
      n = min(pulseLimit, n * 8)
    }
  }
}
