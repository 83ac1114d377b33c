/// How an intercept-resend eavesdropper chooses her measurement basis.
public enum InterceptBasis: String, Sendable, Codable, CaseIterable {
  /// Z or X at random (Bennett & Brassard 1984).
  case random
  /// The intermediate Breidbart basis, at π/8 between Z and X (Bennett et al. 1992).
  case breidbart
}

/// The attack families the multi-class head names. Encoded in JSON by name (`none`,
/// `intercept_resend`, `beam_splitting`, `pns`); the raw value is the class index.
public enum AttackFamily: Int, Sendable, Codable, CaseIterable, CustomStringConvertible {
  /// No eavesdropper.
  case none = 0
  /// Intercept-resend (random or Breidbart basis).
  case interceptResend = 1
  /// Passive beam-splitting tap.
  case beamSplitting = 2
  /// Photon-number splitting.
  case photonNumberSplitting = 3

  /// The name used in CSV labels and JSON.
  public var description: String {
    switch self {
    case .none: return "none"
    case .interceptResend: return "intercept_resend"
    case .beamSplitting: return "beam_splitting"
    case .photonNumberSplitting: return "pns"
    }
  }

  /// The family with this name, or nil.
  public init?(name: String) {
    guard let match = AttackFamily.allCases.first(where: { $0.description == name }) else {
      return nil
    }
    self = match
  }

  /// Decodes a family from its name.
  public init(from decoder: any Decoder) throws {
    let name = try decoder.singleValueContainer().decode(String.self)
    guard let family = AttackFamily(name: name) else {
      throw EveDetectionError.malformedModel(
        reason:
          "unknown attack family '\(name)'; allowed: none, intercept_resend, beam_splitting, pns")
    }
    self = family
  }

  /// Encodes the family's name.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// An eavesdropping attack on the quantum channel, as modelled by ``SessionOutcomeModel``.
///
/// Eve sits at Alice's output. Intercept-resend: on a fraction of the pulses she measures one
/// photon (after a quantum non-demolition photon-number measurement) and resends the pulse's photon
/// number prepared in her result, so Bob's gain is unchanged. Beam splitting: she taps a fraction
/// of the light, which only adds loss. Photon-number splitting (Brassard et al. 2000): she blocks
/// a fraction of the single-photon pulses, keeps one photon of each multi-photon pulse and forwards
/// the rest over a lossless line, with the probability that restores Bob's signal gain.
public enum Attack: Sendable, Codable, Equatable {
  /// No eavesdropper.
  case none
  /// Intercept-resend on a fraction (0...1) of the pulses, in the given basis.
  case interceptResend(fraction: Double, basis: InterceptBasis)
  /// A tap removing a fraction (0...1) of the light.
  case beamSplitting(tapFraction: Double)
  /// Photon-number splitting blocking a fraction (0...1) of the single-photon pulses.
  case photonNumberSplitting(singlePhotonBlockFraction: Double)

  /// The attack's family.
  public var family: AttackFamily {
    switch self {
    case .none: return .none
    case .interceptResend: return .interceptResend
    case .beamSplitting: return .beamSplitting
    case .photonNumberSplitting: return .photonNumberSplitting
    }
  }

  /// The attack's strength parameter (0 for no attack).
  public var strength: Double {
    switch self {
    case .none: return 0
    case .interceptResend(let fraction, _): return fraction
    case .beamSplitting(let tap): return tap
    case .photonNumberSplitting(let block): return block
    }
  }

  /// A short name including the basis for intercept-resend: `none`, `intercept_resend`,
  /// `breidbart`, `beam_splitting`, `pns`.
  public var kindName: String {
    if case .interceptResend(_, .breidbart) = self { return "breidbart" }
    return family.description
  }

  /// Checks the strength parameter.
  public func validate() throws {
    let s = strength
    guard s.isFinite, s >= 0, s <= 1 else {
      throw EveDetectionError.invalidParameter(name: "attack strength", value: s, allowed: "0...1")
    }
  }
}
