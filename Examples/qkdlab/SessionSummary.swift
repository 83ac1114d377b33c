import Foundation
import QKD

/// A readable summary of a BB84 session report for the terminal.
struct SessionSummary {
  let report: SessionReport
  init(_ report: SessionReport) { self.report = report }

  private func pct(_ x: Double?) -> String { x.map { String(format: "%.3f %%", 100 * $0) } ?? "–" }
  private func sci(_ x: Double?) -> String { x.map { String(format: "%.4e", $0) } ?? "–" }

  var text: String {
    let r = report
    var lines = [
      "BB84 over \(r.distanceKm) km, eve: \(r.eve), seed \(r.seed), \(r.pulses) pulses (\(r.quantumPath) path)",
      "  detections          \(r.detections) (double clicks \(r.doubleClicks))",
      "  sifted bits         \(r.siftedBits) (signal \(r.siftedBitsSignal)), disclosed for estimation \(r.sampleBits)",
      "  QBER                \(pct(r.qber))  (Z \(pct(r.qberZ)), X \(pct(r.qberX)); upper bound \(pct(r.qberUpperBound)))",
      "  signal gain Q_μ     \(sci(r.gainSignal)), error rate E_μ \(pct(r.errorRateSignal))",
    ]
    if r.y1LowerBound != nil {
      lines.append("  decoy bounds        Y1 ≥ \(sci(r.y1LowerBound)), e1 ≤ \(pct(r.e1UpperBound))")
    }
    lines.append(
      "  error correction    \(r.cascadeVariant) Cascade leaked \(r.ecLeakedBits.map(String.init) ?? "–") bits, f = \(r.ecEfficiency.map { String(format: "%.3f", $0) } ?? "–")"
    )
    lines.append(
      "  final key           \(r.finalKeyBits) bits, \(sci(r.keyRatePerPulse)) per pulse (theory \(sci(r.theoryKeyRatePerPulse)), PLOB \(sci(r.plobBound)))"
    )
    if r.aborted {
      lines.append("  ABORTED: \(r.abortDetail ?? r.abortReason ?? "unknown reason")")
    }
    return lines.joined(separator: "\n")
  }
}
