import ArgumentParser
import Foundation
import QKD

/// `qkdlab theory`: closed-form key rates against distance, with the PLOB bound.
struct TheoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "theory",
    abstract: "Print closed-form key rates per pulse over a range of distances.",
    discussion: """
      bb84: Shor–Preskill with an ideal single-photon source. gllp: weak coherent pulses without \
      decoys (GLLP 2004). decoy: asymptotic decoy-state BB84 (Lo, Ma, Chen 2005). μ is optimised \
      per distance unless --mu is given. plob_bound is −log2(1 − η) (Pirandola et al. 2017).
      """)

  @Option(help: "bb84, gllp or decoy.")
  var `protocol`: String = "decoy"

  @Option(name: .customLong("distance-km"), help: "FROM:TO:STEP in km, e.g. 0:150:10.")
  var distanceRange: String = "0:150:10"

  @Option(help: "Fibre attenuation in dB/km.")
  var attenuationDbPerKm: Double = 0.2
  @Option(help: "Bob's transmittance times detector efficiency (η_Bob).")
  var detectorEfficiency: Double = 0.045
  @Option(help: "Dark-count probability per gate per detector.")
  var darkCount: Double = 8.5e-7
  @Option(help: "Misalignment error e_d.")
  var misalignment: Double = 0.033
  @Option(help: "Error-correction efficiency f.")
  var ecEfficiency: Double = 1.22
  @Option(help: "Fixed signal intensity μ (default: optimised).")
  var mu: Double?

  @Flag(help: "Print one JSON object per line.")
  var json = false

  func run() throws {
    guard let kind = KeyRateProtocol(rawValue: `protocol`) else {
      throw ValidationError("--protocol must be bb84, gllp or decoy, got '\(`protocol`)'")
    }
    let parts = distanceRange.split(separator: ":").map { Double($0) }
    guard parts.count == 3, let from = parts[0], let to = parts[1], let step = parts[2] else {
      throw ValidationError(
        "--distance-km must be FROM:TO:STEP (e.g. 0:150:10), got '\(distanceRange)'")
    }
    var options = BB84LinkOptions()
    options.distanceKm = from
    options.attenuationDbPerKm = attenuationDbPerKm
    options.detectorEfficiency = detectorEfficiency
    options.darkCount = darkCount
    options.misalignment = misalignment
    options.ecEfficiency = ecEfficiency
    let rows: [KeyRateRow]
    do {
      let link = try options.keyRateParameters()
      rows = try KeyRateTheory.rows(
        protocol: kind, link: link, from: from, to: to, step: step, mu: mu)
    } catch {
      throw refuse(error)
    }
    if json {
      for row in rows { try Output.printJSON(row) }
      return
    }
    print("protocol \(kind.rawValue): key rate per pulse against distance")
    print("distance_km        mu   key_rate_per_pulse   plob_bound")
    for r in rows {
      print(
        String(
          format: "%11.1f  %8.4f   %18.4e   %10.4e", r.distanceKm, r.mu, r.keyRatePerPulse,
          r.plobBound))
    }
  }
}
