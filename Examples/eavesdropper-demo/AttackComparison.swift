import DemoSupport
import Foundation
import QKDLab

/// Runs one session per attack and narrates the comparison.
struct AttackComparison {
  let configurations: [(name: String, configuration: BB84Configuration)]

  /// The protocol's bound on Eve's information per signal sifted bit: everything about
  /// multi-photon bits and h(e1) of each single-photon bit, 1 − Δ1·(1 − h(e1)) (GLLP 2004;
  /// Lo, Ma & Chen 2005), before error-correction leakage.
  static func boundOnEve(_ r: SessionReport) -> Double? {
    guard let delta = r.singlePhotonFraction, let e1 = r.e1UpperBound else { return nil }
    return min(1, max(0, 1 - delta * (1 - binaryEntropy(min(0.5, max(0, e1))))))
  }

  func tell() {
    guard let first = configurations.first?.configuration else { return }
    Narration.heading("Eavesdropping on BB84: five ways to listen, one link (seed \(first.seed))")
    Narration.say(
      "Link: \(Narration.fixed(first.link.fibre.lengthKm, digits: 1)) km of fibre, "
        + "\(Narration.count(first.pulseCount)) pulses per session, intensities "
        + first.link.source.intensities.map { "\($0.name) \($0.mean)" }.joined(separator: ", ")
        + ".")
    var rows: [[String]] = []
    var reports: [(String, SessionReport)] = []
    for (name, configuration) in configurations {
      Narration.step(reports.count + 1, name)
      Narration.say(AttackStory.describe(configuration.link.eavesdropper))
      let report: SessionReport
      do {
        report = try BB84Session(configuration: configuration).run().report
      } catch {
        Narration.say("The session could not run: \(error)")
        continue
      }
      let outcome =
        report.aborted
        ? "ABORT (\(report.abortReason ?? "?"))"
        : "key \(Narration.count(report.finalKeyBits)) bits"
      Narration.say(
        "QBER \(Narration.percent(report.qber)); Eve really knows "
          + "\(Narration.percent(report.eveInformationPerSiftedBit)) of the sifted bits; the "
          + "protocol allows her at most \(Narration.percent(Self.boundOnEve(report))). → \(outcome)"
      )
      if report.aborted { Narration.say(AttackStory.explainAbort(code: report.abortReason)) }
      reports.append((name, report))
      let gains = (0..<3).map { i in
        report.gains.indices.contains(i) ? Narration.scientific(report.gains[i]) : "–"
      }
      rows.append(
        [name, Narration.percent(report.qber)] + gains + [
          Narration.percent(report.eveInformationPerSiftedBit),
          Narration.percent(Self.boundOnEve(report)), outcome,
        ])
    }

    Narration.heading("Summary")
    let header = [
      "attack", "QBER", "gain signal", "gain decoy", "gain vacuum", "Eve knows", "bound allows",
      "outcome",
    ]
    for line in Narration.table(header, rows) { Narration.say(line) }
    Narration.say("")
    Narration.say(
      "\"Eve knows\" is the fraction of sifted bits Eve can guess from what she holds (ground "
        + "truth from the simulator); \"bound allows\" is the most the decoy-state analysis "
        + "concedes to her, which privacy amplification removes.")
    Narration.say(
      "Intercept-resend attacks cost Eve errors (25 % on the bits she measures in the wrong "
        + "basis), so the QBER exposes them and the session aborts. Beam splitting and PNS cause "
        + "no extra errors: they exploit multi-photon pulses, and the decoy intensities let Alice "
        + "and Bob bound how many key bits came from single photons.")
    for (name, r) in reports where !r.aborted {
      guard let bound = Self.boundOnEve(r) else { continue }
      let covered = bound >= r.eveInformationPerSiftedBit
      Narration.say(
        "\(name): Eve knows \(Narration.percent(r.eveInformationPerSiftedBit)), the bound allows "
          + "\(Narration.percent(bound)) — "
          + (covered
            ? "the bound covers her, so the final key is secret."
            : "the bound does NOT cover her: this key would not be secret."))
    }
  }
}
