/// The classroom table of `qkdlab transcript`, with optional ANSI colour: kept bits green,
/// errors red, discarded pulses dimmed.
struct TranscriptTable {
  let rows: [TranscriptRow]
  let colored: Bool

  private static let headers = [
    "pulse", "source", "n", "A bit", "A basis", "sent", "Eve", "Eve result", "B basis", "click",
    "B bit", "sifting", "error",
  ]

  private func cells(_ r: TranscriptRow) -> [String] {
    let eve: String
    switch (r.eveBasis, r.eve) {
    case (let basis?, _): eve = basis
    case (nil, "stored"): eve = "kept \(r.evePhotons) photon" + (r.evePhotons == 1 ? "" : "s")
    case (nil, "blocked"): eve = "blocked"
    default: eve = "-"
    }
    return [
      String(r.pulse), r.intensity, String(r.photons), String(r.aliceBit), r.aliceBasis,
      r.polarization, eve, r.eveResult ?? "-", r.bobBasis, r.bobClick,
      r.bobBit.map(String.init) ?? "-", r.kept ? "kept" : "discarded (\(r.discardReason ?? ""))",
      r.error.map { $0 ? "ERROR" : "ok" } ?? "",
    ]
  }

  private func paint(_ text: String, _ row: TranscriptRow) -> String {
    guard colored else { return text }
    let code: String
    if row.error == true {
      code = "\u{1B}[31m"
    } else if row.kept {
      code = "\u{1B}[32m"
    } else {
      code = "\u{1B}[2m"
    }
    return code + text + "\u{1B}[0m"
  }

  /// The table with a header, one line per pulse, and a one-line tally.
  var text: String {
    let body = rows.map(cells)
    var widths = Self.headers.map(\.count)
    for line in body {
      for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    func format(_ line: [String]) -> String {
      zip(line, widths).map { $0 + String(repeating: " ", count: max(0, $1 - $0.count)) }
        .joined(separator: "  ").trimmingTrailingSpaces()
    }
    var lines = [format(Self.headers), String(repeating: "-", count: format(Self.headers).count)]
    for (row, line) in zip(rows, body) { lines.append(paint(format(line), row)) }
    let kept = rows.filter(\.kept).count
    let errors = rows.filter { $0.error == true }.count
    let clicks = rows.filter { $0.bobBit != nil }.count
    lines.append(
      "\(rows.count) pulses: Bob detected \(clicks), sifting kept \(kept), errors among kept \(errors)"
    )
    return lines.joined(separator: "\n")
  }
}

extension String {
  /// The string without trailing spaces (the last column is padded like the others).
  fileprivate func trimmingTrailingSpaces() -> String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
