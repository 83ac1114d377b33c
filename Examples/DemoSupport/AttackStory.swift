import Photonics

/// One-sentence descriptions of attacks and aborts for the demos.
public enum AttackStory {
  /// What the eavesdropper does, in plain language.
  public static func describe(_ eve: Eavesdropper) -> String {
    switch eve {
    case .none:
      return "Nobody listens: the only errors come from the equipment."
    case .interceptResend(let p, let strategy):
      let how: String
      switch strategy {
      case .random: how = "in a basis she picks at random (H/V or D/A)"
      case .fixed(let b): how = "always in the \(b == .rectilinear ? "H/V" : "D/A") basis"
      case .breidbart: how = "in the Breidbart basis, halfway between H/V and D/A"
      }
      return "Eve intercepts \(Narration.percent(p, digits: 0)) of the pulses, measures each "
        + "\(how), and sends Bob a fresh photon in the state she found."
    case .beamSplitting(let f):
      return "Eve taps each photon with probability \(Narration.fixed(f, digits: 2)) and keeps "
        + "it until the bases are announced; the rest continue to Bob untouched."
    case .photonNumberSplitting:
      return "Photon-number splitting: Eve counts the photons of every pulse, keeps one photon "
        + "of each multi-photon pulse, blocks single photons, and sends the rest over a "
        + "lossless line so that Bob sees the usual signal rate."
    }
  }

  /// Why an abort code ends a session, in plain language.
  public static func explainAbort(code: String?) -> String {
    switch code {
    case "qber_too_high":
      return "Too many of the disclosed bits disagree: the errors could all be Eve's doing, so "
        + "no secret key can be guaranteed. Alice and Bob throw everything away."
    case "too_few_sifted_bits":
      return "Too few photons got through to estimate the error rate and distil a key: send "
        + "more pulses or shorten the fibre."
    case "no_single_photon_key":
      return "The decoy-state check cannot prove that enough bits came from single photons: "
        + "multi-photon pulses may all be known to Eve."
    case "no_secret_key":
      return "After subtracting what Eve may know and what error correction leaked, nothing "
        + "secret is left for this many pulses."
    case "authentication_failure", "authentication_key_exhausted", "inconsistent_messages":
      return "The classical channel was tampered with or ran out of authentication key."
    case "verification_failure":
      return "Bob's corrected key still differs from Alice's; they discard it."
    default:
      return "The protocol could not certify a secret key."
    }
  }
}
