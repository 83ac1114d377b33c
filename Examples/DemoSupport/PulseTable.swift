import Photonics

/// The short classroom table of the demos: the first pulses Bob detected on the exact path
/// (every photon an engine density matrix), with what Alice sent, what Eve did, what Bob saw.
public enum PulseTable {
  /// Simulates the exact path of `link` from `seed` until `rows` pulses were detected (or
  /// `maximumPulses` were sent) and returns the table lines and the number of pulses sent.
  /// - Throws: ``PhotonicsError`` if the link is refused.
  public static func firstDetections(
    link: LinkConfiguration, seed: UInt64, rows: Int, maximumPulses: Int = 200_000
  ) throws -> (lines: [String], pulsesSent: Int) {
    let simulator = try ExactLinkSimulator(configuration: link)
    var n = 2048
    var records: [PulseRecord] = []
    while true {
      records = try simulator.run(pulses: n, seed: seed).records
      let detected = records.filter { $0.bobBit != nil }.count
      if detected >= rows || n >= maximumPulses { break }
      n = min(maximumPulses, n * 4)
    }
    let detected = Array(records.filter { $0.bobBit != nil }.prefix(rows))
    let sent = (detected.last?.pulseIndex ?? records.count - 1) + 1
    let names = link.source.intensities.map(\.name)
    let body = detected.map { r -> [String] in
      let sifted = r.aliceBasis == r.bobBasis
      return [
        String(r.pulseIndex),
        names.indices.contains(r.intensity) ? names[r.intensity] : "?",
        String(r.photonNumber),
        "\(r.aliceBit) in \(basis(r.aliceBasis))",
        polarization(r.aliceBasis, r.aliceBit),
        eve(r),
        basis(r.bobBasis),
        r.bobBit.map(String.init) ?? "-",
        sifted ? (r.bobBit == r.aliceBit ? "kept" : "kept, ERROR") : "discarded",
      ]
    }
    let header = [
      "pulse", "source", "photons", "Alice bit", "sent", "Eve", "Bob basis", "Bob bit", "sifting",
    ]
    return (Narration.table(header, body), sent)
  }

  static func basis(_ b: Basis) -> String { b == .rectilinear ? "H/V" : "D/A" }

  static func polarization(_ b: Basis, _ bit: UInt8) -> String {
    switch (b, bit) {
    case (.rectilinear, 0): return "H"
    case (.rectilinear, _): return "V"
    case (.diagonal, 0): return "D"
    case (.diagonal, _): return "A"
    }
  }

  static func eve(_ r: PulseRecord) -> String {
    if let m = r.eve.measurement {
      let basis = ["H/V", "D/A", "Breidbart"][m.basis]
      let result: String
      switch m.basis {
      case 0: result = m.bit == 0 ? "H" : "V"
      case 1: result = m.bit == 0 ? "D" : "A"
      default: result = m.bit == 0 ? "22.5°" : "112.5°"
      }
      return "measured \(basis) → \(result)"
    }
    switch r.eve {
    case .storedPhoton: return "kept \(r.evePhotons) photon" + (r.evePhotons == 1 ? "" : "s")
    case .blocked: return "blocked"
    default: return "-"
    }
  }
}
