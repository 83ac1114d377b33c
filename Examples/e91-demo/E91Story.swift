import DemoSupport
import Foundation
import QKDLab

/// The narration of an honest E91 session followed by an attacked one.
struct E91Story {
  let honest: E91Configuration
  let attacked: E91Configuration
  let tableRows: Int

  func tell(message: String) {
    let link = honest.link
    Narration.heading("E91: a key from entangled photons (seed \(honest.seed))")

    Narration.step(1, "The link")
    Narration.say(
      "A source emits polarization-entangled pairs (visibility \(Narration.fixed(link.source.visibility, digits: 3))); "
        + "one photon travels \(Narration.fixed(link.fibreA.lengthKm, digits: 1)) km to Alice, the "
        + "other \(Narration.fixed(link.fibreB.lengthKm, digits: 1)) km to Bob.")
    Narration.say(
      "Alice's analyzer angles: \(link.aliceAnglesDegrees.map { "\($0)°" }.joined(separator: ", ")); "
        + "Bob's: \(link.bobAnglesDegrees.map { "\($0)°" }.joined(separator: ", ")). Each picks one at "
        + "random for every pair.")

    if tableRows > 0 {
      Narration.step(2, "The first pairs both stations detected (exact path)")
      table(link: link)
    }

    Narration.step(3, "The honest run (\(Narration.count(honest.pairCount)) pairs, compiled path)")
    guard let result = run(honest) else { return }
    let r = result.report
    describe(r)
    if r.aborted {
      Narration.say("ABORTED: \(r.abortDetail ?? r.abortReason ?? "unknown").")
    } else if let a = result.aliceKey, let b = result.bobKey {
      Narration.say(
        "\(Narration.count(r.authenticationReplenishedBits)) of the secret bits refill the "
          + "authentication pool, leaving \(Narration.count(a.count)) bits to use; Alice's and "
          + "Bob's keys are "
          + (result.keysMatch ? "identical." : "DIFFERENT."))
      Narration.say(
        "Key prefix (shown for teaching only — a real key is a secret and is never printed): "
          + HexPreview.keyPrefix(a.bits))
      MessageDemo.run(message: message, aliceKey: a.bits, bobKey: b.bits)
    }

    Narration.step(
      4, "The same link with Eve (\(E91AttackText.describe(attacked.link.eavesdropper)))")
    guard let attackedResult = run(attacked) else { return }
    let e = attackedResult.report
    describe(e)
    if e.aborted {
      Narration.say("ABORTED: \(e.abortDetail ?? e.abortReason ?? "unknown").")
    } else {
      Narration.say("No abort: a key of \(e.finalKeyBits) bits was distilled.")
    }
    Narration.say(
      "Measuring a photon breaks its entanglement: the pairs Eve touched behave like classical "
        + "correlated bits, which can never give |S| > 2. S fell from "
        + "\(Narration.fixed(r.chshS)) to \(Narration.fixed(e.chshS)).")
  }

  private func violationText(_ sigmas: Double?) -> String {
    guard let sigmas, sigmas.isFinite else { return "no significance available." }
    return sigmas > 0
      ? "that is \(Narration.fixed(sigmas, digits: 1)) standard deviations above the classical limit."
      : "that is \(Narration.fixed(-sigmas, digits: 1)) standard deviations BELOW the classical "
        + "limit: no Bell violation."
  }

  private func run(_ c: E91Configuration) -> E91SessionResult? {
    do {
      return try E91Session(configuration: c).run()
    } catch {
      Narration.say("The session could not run: \(error)")
      return nil
    }
  }

  private func describe(_ r: E91Report) {
    Narration.say(
      "Coincidences (both detected): \(Narration.count(r.coincidences)); sifted key bits "
        + "(matching angles): \(Narration.count(r.siftedBits)); Bell-test coincidences: "
        + "\(Narration.count(r.testCoincidences)).")
    Narration.say(
      "CHSH S = \(Narration.fixed(r.chshS)) ± \(Narration.fixed(r.chshSigma)) (classical limit 2, "
        + "quantum limit 2√2 ≈ 2.828; theory for this link \(Narration.fixed(r.theoryChshS))); "
        + violationText(r.chshViolationSigmas))
    Narration.say(
      "QBER of the key bits: "
        + (r.qber == nil
          ? "not measured (the session stopped before comparing key bits)"
          : Narration.percent(r.qber))
        + " (theory \(Narration.percent(r.theoryQber))).")
    if !r.aborted {
      Narration.say(
        "Error correction leaked \(r.ecLeakedBits.map { Narration.count($0) } ?? "–") bits "
          + "(f = \(Narration.fixed(r.ecEfficiency))). Secret fraction per sifted bit: "
          + "\(Narration.fixed(r.keyRateDeviceIndependent)) from S (device-independent bound, "
          + "Acín et al. 2007), \(Narration.fixed(r.keyRateBBM92)) from the QBER (BBM92); the "
          + "\(r.keyLengthBound) bound sets the final length: \(Narration.count(r.finalKeyBits)) bits."
      )
    }
  }

  private func table(link: PairLinkConfiguration) {
    do {
      let simulator = try ExactPairLinkSimulator(configuration: link)
      var n = 1024
      var both: [PairRecord] = []
      while true {
        both = try simulator.run(gates: n, seed: honest.seed).records.filter {
          $0.aliceBit != nil && $0.bobBit != nil
        }
        if both.count >= tableRows || n >= 65_536 { break }
        n *= 4
      }
      let rows = both.prefix(tableRows).map { p -> [String] in
        let a = link.aliceAnglesDegrees[p.aliceSetting]
        let b = link.bobAnglesDegrees[p.bobSetting]
        let use = a == b ? "key" : "Bell test or discarded"
        return [
          String(p.gateIndex), "\(a)°", p.aliceBit.map(String.init) ?? "-", "\(b)°",
          p.bobBit.map(String.init) ?? "-", use,
        ]
      }
      for line in Narration.table(
        ["pair", "Alice angle", "Alice bit", "Bob angle", "Bob bit", "used for"], Array(rows))
      {
        Narration.say(line)
      }
      Narration.say("Matching angles (22.5° or 45°) give equal bits except for noise.")
    } catch {
      Narration.say("(the exact-path table is unavailable: \(error))")
    }
  }
}

/// Plain-language description of a pair-link attack.
enum E91AttackText {
  static func describe(_ eve: PairEavesdropper) -> String {
    switch eve {
    case .none: return "no attack"
    case .interceptResend(let p, _, let arm):
      return "Eve intercepts \(Narration.percent(p, digits: 0)) of the photons on the way to "
        + "\(arm == .alice ? "Alice" : "Bob"), measures them and resends what she found"
    }
  }
}
