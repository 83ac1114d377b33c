import ArgumentParser
import QKD

/// The link flags of the BB84 demos (the same names as `qkdlab bb84`). The defaults are a
/// metropolitan decoy-state link that distils a key from a few million pulses in seconds.
public struct DemoLinkFlags: ParsableArguments {
  /// Fibre length in km.
  @Option(help: "Fibre length in km.")
  public var distanceKm: Double = 10

  /// Fibre loss in dB/km.
  @Option(help: "Fibre attenuation in dB/km.")
  public var attenuationDbPerKm: Double = 0.2

  /// η_Bob: Bob's internal transmittance times detector efficiency.
  @Option(help: "Bob's transmittance inside his lab times detector efficiency (η_Bob).")
  public var detectorEfficiency: Double = 0.1

  /// Dark-count probability per gate of each of Bob's detectors.
  @Option(help: "Probability per gate that each of Bob's detectors fires with no photon.")
  public var darkCount: Double = 1e-6

  /// Misalignment error e_d.
  @Option(help: "Misalignment error e_d: the chance a photon lands in the wrong detector.")
  public var misalignment: Double = 0.015

  /// The source kind in `--source` spelling.
  @Option(help: "Source: decoy, weak-coherent or single-photon.")
  public var source: String = "decoy"

  /// Signal mean photon number μ.
  @Option(help: "Signal intensity μ (mean photon number).")
  public var mu: Double = 0.5

  /// Weak decoy mean photon number ν.
  @Option(help: "Weak decoy intensity ν.")
  public var decoyMu: Double = 0.1

  /// Creates the flags with their defaults.
  public init() {}

  /// The protocol options for these flags, with `pulses`, `eve` (in `--eve` spelling) and `seed`.
  /// - Throws: `ValidationError` with the library's message for a bad value.
  public func options(pulses: Int, eve: String, seed: UInt64) throws -> BB84LinkOptions {
    var o = BB84LinkOptions()
    o.distanceKm = distanceKm
    o.attenuationDbPerKm = attenuationDbPerKm
    o.detectorEfficiency = detectorEfficiency
    o.darkCount = darkCount
    o.misalignment = misalignment
    guard let kind = BB84LinkOptions.Source(rawValue: source) else {
      throw ValidationError(
        "--source must be decoy, weak-coherent or single-photon, got '\(source)'")
    }
    o.source = kind
    o.mu = mu
    o.decoyMu = decoyMu
    o.pulses = pulses
    o.seed = seed
    do {
      o.eve = try EavesdropperOption(parsing: eve)
    } catch {
      throw ValidationError("--eve: \(error)")
    }
    return o
  }

  /// The validated configuration for these flags.
  /// - Throws: `ValidationError` naming the bad flag.
  public func configuration(pulses: Int, eve: String, seed: UInt64) throws -> BB84Configuration {
    let o = try options(pulses: pulses, eve: eve, seed: seed)
    do {
      return try o.makeConfiguration()
    } catch {
      throw ValidationError("\(error)")
    }
  }
}
