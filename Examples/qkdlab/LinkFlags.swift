import ArgumentParser
import QKD

/// The link flags shared by `qkdlab bb84`, `qkdlab theory`, `qkdlab sweep` and `qkdlab transcript`.
/// Defaults are the Gobby–Yuan–Shields link of the decoy-state papers (η_Bob = 4.5 %,
/// e_d = 3.3 %, f = 1.22) at 0.2 dB/km.
struct LinkFlags: ParsableArguments {
  @Option(help: "Fibre length in km.")
  var distanceKm: Double = 25

  @Option(help: "Fibre attenuation in dB/km.")
  var attenuationDbPerKm: Double = 0.2

  @Option(help: "Bob's transmittance inside his lab times detector efficiency (η_Bob).")
  var detectorEfficiency: Double = 0.045

  @Option(
    help:
      "Probability per gate that each of Bob's two detectors fires with no photon; Y0 = 1 − (1 − P)²."
  )
  var darkCount: Double = 8.5e-7

  @Option(help: "Misalignment error e_d: the chance a photon lands in the wrong detector.")
  var misalignment: Double = 0.033

  @Option(help: "Error-correction efficiency f assumed by theory (leaked = f·n·h(QBER)).")
  var ecEfficiency: Double = 1.22

  @Option(help: "Signal intensity μ (mean photon number); theory optimises μ unless given.")
  var mu: Double?

  @Option(help: "Weak decoy intensity ν.")
  var decoyMu: Double = 0.1

  @Option(help: "Probability of sending a signal pulse.")
  var signalProbability: Double = 0.8

  @Option(help: "Probability of sending a weak decoy pulse (the rest are vacuum).")
  var decoyProbability: Double = 0.1

  @Option(help: "Probability of the Z (H/V) basis for both parties (0.5 = symmetric BB84).")
  var zBasisProbability: Double = 0.5

  /// The protocol library's options with these flags applied.
  func options() -> BB84LinkOptions {
    var o = BB84LinkOptions()
    o.distanceKm = distanceKm
    o.attenuationDbPerKm = attenuationDbPerKm
    o.detectorEfficiency = detectorEfficiency
    o.darkCount = darkCount
    o.misalignment = misalignment
    o.ecEfficiency = ecEfficiency
    if let mu { o.mu = mu }
    o.decoyMu = decoyMu
    o.signalProbability = signalProbability
    o.decoyProbability = decoyProbability
    o.zBasisProbability = zBasisProbability
    return o
  }
}

/// Turns a library error into a validation failure: a message and a non-zero exit.
func refuse(_ error: any Error) -> ValidationError {
  ValidationError("\(error)")
}
