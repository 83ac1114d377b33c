import DemoSupport
import Foundation
import QKDLab

/// The narration of one BB84 session: the link, a table of the first detected pulses on the
/// exact path, then every stage of the full session on the compiled path, the key and its use.
struct BB84Story {
  let configuration: BB84Configuration
  let linkFlags: DemoLinkFlags
  let eve: String
  let tableRows: Int

  func tell(message: String) {
    let c = configuration
    let link = c.link
    Narration.heading("BB84 quantum key distribution (seed \(c.seed))")

    Narration.step(1, "The link")
    Narration.say(
      "Alice and Bob are joined by \(Narration.fixed(link.fibre.lengthKm, digits: 1)) km of fibre "
        + "losing \(Narration.fixed(link.fibre.attenuationDbPerKm, digits: 2)) dB/km: a photon "
        + "survives it with probability \(Narration.percent(link.fibre.transmittance)).")
    Narration.say(
      "Bob's receiver detects an arriving photon with probability "
        + "\(Narration.percent(link.receiver.detector0.efficiency, digits: 1)); each detector "
        + "also fires falsely with probability \(Narration.scientific(link.receiver.detector0.darkCountProbability)) "
        + "per pulse, and \(Narration.percent(link.receiver.misalignment, digits: 1)) of photons "
        + "land in the wrong detector (misalignment).")
    let intensities = link.source.intensities.map {
      "\($0.name) μ = \($0.mean) (\(Narration.percent($0.probability, digits: 0)) of pulses)"
    }
    Narration.say("Alice's source: \(intensities.joined(separator: ", ")).")
    Narration.say(AttackStory.describe(link.eavesdropper))

    Narration.step(2, "Alice sends, Eve acts, Bob measures (first detected pulses, exact path)")
    Narration.say(
      "Alice picks a random bit and basis for every pulse: bit 0/1 is H/V in the H/V basis and "
        + "D/A in the D/A basis. Bob measures in a random basis of his own.")
    if tableRows > 0 {
      do {
        let table = try PulseTable.firstDetections(link: link, seed: c.seed, rows: tableRows)
        for line in table.lines { Narration.say(line) }
        Narration.say(
          "Bob detected \(table.lines.count - 2) of the first \(Narration.count(table.pulsesSent)) "
            + "pulses; the others were lost in the fibre or missed by his detectors.")
      } catch {
        Narration.say("(the exact-path table is unavailable: \(error))")
      }
    }

    let result: BB84SessionResult
    do {
      result = try BB84Session(configuration: c).run()
    } catch {
      Narration.say("The session could not run: \(error)")
      return
    }
    let r = result.report

    Narration.step(3, "The whole run (\(Narration.count(r.pulses)) pulses, compiled fast path)")
    let rows = link.source.intensities.indices.map { i -> [String] in
      [
        link.source.intensities[i].name,
        r.pulsesPerIntensity.indices.contains(i) ? Narration.count(r.pulsesPerIntensity[i]) : "–",
        r.detectionsPerIntensity.indices.contains(i)
          ? Narration.count(r.detectionsPerIntensity[i]) : "–",
        r.gains.indices.contains(i) ? Narration.scientific(r.gains[i]) : "–",
      ]
    }
    for line in Narration.table(["intensity", "sent", "detected", "gain"], rows) {
      Narration.say(line)
    }
    Narration.say("Double clicks (both detectors): \(Narration.count(r.doubleClicks)).")

    Narration.step(4, "Sifting: keep only the pulses where the bases match")
    Narration.say(
      "Bob announces his basis for each detection (never his bit); Alice says which match. "
        + "Sifted bits: \(Narration.count(r.siftedBits)), of which \(Narration.count(r.siftedBitsSignal)) "
        + "from signal pulses carry the key.")

    Narration.step(5, "Looking for errors")
    Narration.say(
      "They disclose and compare \(Narration.count(r.sampleBits)) random signal bits (then discard them)."
    )
    Narration.say(
      "QBER \(Narration.percent(r.qber)) (H/V \(Narration.percent(r.qberZ)), D/A "
        + "\(Narration.percent(r.qberX))); with finite-sample confidence it is at most "
        + "\(Narration.percent(r.qberUpperBound)).")
    if let y1 = r.y1LowerBound {
      Narration.say(
        "Decoy-state check: single photons reach Bob with yield Y1 ≥ \(Narration.scientific(y1)) "
          + "and error rate e1 ≤ \(Narration.percent(r.e1UpperBound)); at least "
          + "\(Narration.percent(r.singlePhotonFraction)) of the key bits come from single photons."
      )
    }

    if result.abortReason != nil || r.aborted {
      Narration.step(6, "The session ABORTED")
      Narration.say("Reason: \(r.abortDetail ?? r.abortReason ?? "unknown").")
      Narration.say(AttackStory.explainAbort(code: r.abortReason))
      Narration.say(
        "Eve's actual knowledge (simulator ground truth, unknown to Alice and Bob): "
          + "\(Narration.percent(r.eveInformationPerSiftedBit)) of the sifted bits.")
      Narration.say("No key, no message. Result: aborted.")
      return
    }

    Narration.step(6, "Error correction (\(r.cascadeVariant) Cascade)")
    Narration.say(
      "Cascade compares parities of blocks over the public channel and fixes "
        + "\(r.ecCorrectedErrors.map { Narration.count($0) } ?? "–") errors in "
        + "\(r.reconciledBits.map { Narration.count($0) } ?? "–") bits.")
    Narration.say(
      "Leaked to anyone listening: \(r.ecLeakedBits.map { Narration.count($0) } ?? "–") bits "
        + "(efficiency f = \(Narration.fixed(r.ecEfficiency)); 1.0 is the Shannon limit).")

    Narration.step(7, "Verification and privacy amplification")
    Narration.say(
      "A \(r.verificationBits.map(String.init) ?? "–")-bit universal hash confirms the keys agree "
        + "(failure probability \(Narration.scientific(r.verificationFailureProbability))).")
    Narration.say(
      "Toeplitz hashing then shrinks the key to \(Narration.count(r.finalKeyBits)) bits, "
        + "removing everything Eve could know (security ε = \(Narration.scientific(r.epsilonSecurity)))."
    )
    Narration.say(
      "Eve's actual knowledge before hashing (simulator ground truth): "
        + "\(Narration.percent(r.eveInformationPerSiftedBit)) of the sifted bits.")
    Narration.say(
      "Key rate \(Narration.scientific(r.keyRatePerPulse)) bits per pulse (theory for this link "
        + "\(Narration.scientific(r.theoryKeyRatePerPulse)), PLOB bound "
        + "\(Narration.scientific(r.plobBound))).")

    Narration.step(8, "The final key")
    guard let alice = result.aliceKey, let bob = result.bobKey else {
      Narration.say("No key was returned.")
      return
    }
    Narration.say(
      "Of the \(Narration.count(r.finalKeyBits)) secret bits, "
        + "\(Narration.count(r.authenticationReplenishedBits)) refill the pool that authenticates "
        + "the next session, leaving \(Narration.count(alice.count)) bits to use. Alice's and "
        + "Bob's keys are "
        + (result.keysMatch ? "identical." : "DIFFERENT."))
    Narration.say(
      "Key prefix (shown for teaching only — a real key is a secret and is never printed): "
        + HexPreview.keyPrefix(alice.bits))

    Narration.step(9, "Using the key")
    let ok = MessageDemo.run(message: message, aliceKey: alice.bits, bobKey: bob.bits)
    Narration.say(ok ? "Result: key distilled and message delivered." : "Result: key distilled.")
  }
}
