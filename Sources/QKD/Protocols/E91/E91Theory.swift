import Foundation
import Photonics

/// Closed-form expectations for an E91 link, from the compiled outcome tables of the link (the
/// exact probabilities the simulation samples): the CHSH value, the matched-setting QBER and the
/// asymptotic rates they imply. Useful to check a run and to plot rates against distance.
public struct E91Theory: Sendable, Hashable, Codable {
  /// The expected CHSH value |S| over coincidences (double clicks squashed).
  public var chsh: Double
  /// The expected QBER over the key setting pairs (coincidences weighted by their probability).
  public var qber: Double
  /// The probability per gate of a coincidence at a key setting pair.
  public var siftedBitsPerGate: Double
  /// The device-independent rate per sifted bit at these values.
  public var deviceIndependentRate: Double
  /// The BBM92 rate per sifted bit at these values.
  public var bbm92Rate: Double

  /// Computes the expectations for `configuration` (without drift).
  /// - Throws: ``E91ConfigurationError/invalidLink(_:)`` if the Photonics layer refuses the link.
  public init(configuration: E91Configuration) throws(E91ConfigurationError) {
    let compiled: CompiledPairLink
    do {
      compiled = try CompiledPairLink(configuration: configuration.link)
    } catch {
      throw .invalidLink(error.description)
    }
    var s = 0.0
    for (k, p) in configuration.chsh.pairs.enumerated() {
      s += CHSHSettings.signs[k] * compiled.correlation(aliceSetting: p.alice, bobSetting: p.bob)
    }
    let link = configuration.link
    let pa =
      link.aliceSettingProbabilities
      ?? Array(
        repeating: 1 / Double(link.aliceAnglesDegrees.count), count: link.aliceAnglesDegrees.count)
    let pb =
      link.bobSettingProbabilities
      ?? Array(
        repeating: 1 / Double(link.bobAnglesDegrees.count), count: link.bobAnglesDegrees.count)
    var coincidences = 0.0
    var errors = 0.0
    let flip = configuration.bobFlipsKeyBits
    for p in configuration.keySettingPairs {
      var both = 0.0
      for mask in 0..<16 where mask & 3 != 0 && mask >> 2 != 0 {
        both += compiled.probability(ofMask: mask, aliceSetting: p.alice, bobSetting: p.bob)
      }
      let e = compiled.correlation(aliceSetting: p.alice, bobSetting: p.bob)
      let weight = pa[p.alice] * pb[p.bob] * both
      coincidences += weight
      errors += weight * (flip ? (1 + e) / 2 : (1 - e) / 2)
    }
    chsh = abs(s)
    qber = coincidences > 0 ? errors / coincidences : 0.5
    siftedBitsPerGate = coincidences
    deviceIndependentRate = E91KeyLength.deviceIndependentRate(chsh: chsh, qber: qber)
    bbm92Rate = E91KeyLength.bbm92Rate(qber: qber)
  }

  enum CodingKeys: String, CodingKey {
    case chsh = "chsh_s"
    case qber
    case siftedBitsPerGate = "sifted_bits_per_gate"
    case deviceIndependentRate = "device_independent_rate"
    case bbm92Rate = "bbm92_rate"
  }
}
