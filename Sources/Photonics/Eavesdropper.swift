import Foundation

/// How an intercept-resend eavesdropper chooses her measurement basis.
public enum EveBasisStrategy: Sendable, Hashable, Codable {
  /// H/V or D/A with probability 1/2 each.
  case random
  /// Always the same BB84 basis.
  case fixed(Basis)
  /// The Breidbart basis: linear polarization at π/8 and 5π/8, halfway between the BB84 bases,
  /// which maximises the probability of guessing the bit without knowing the basis,
  /// cos²(π/8) ≈ 0.854 (Bennett, Bessette, Brassard, Salvail & Smolin, J. Cryptology 5, 3 (1992)).
  case breidbart
}

/// An attack on the quantum channel, placed at Alice's output (before the fibre).
public enum Eavesdropper: Sendable, Hashable, Codable {
  /// No eavesdropper.
  case none
  /// Intercept-resend on a fraction of the pulses: Eve measures a non-empty pulse in her basis and
  /// re-prepares all of its photons in the state she found (photon number kept, so the detection
  /// rate does not change), sending them on through the fibre.
  case interceptResend(fraction: Double, strategy: EveBasisStrategy)
  /// Beam splitting: Eve taps each photon with probability `tapFraction` and stores it until the
  /// bases are announced; she learns the bit of every pulse from which she took a photon.
  case beamSplitting(tapFraction: Double)
  /// Photon-number splitting (Brassard, Lütkenhaus, Mor & Sanders, PRL 85, 1330 (2000)): Eve
  /// measures the photon number non-destructively, keeps one photon of every multi-photon pulse,
  /// blocks single photons, and forwards the rest over a line she controls whose transmittance she
  /// tunes so that the signal gain equals that of the honest link (blocking only part of the single
  /// photons when even a lossless line is not enough). She learns the bit of every multi-photon
  /// pulse.
  case photonNumberSplitting

  /// Checks the parameters.
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)``.
  public func validate() throws(PhotonicsError) {
    switch self {
    case .none, .photonNumberSplitting: return
    case .interceptResend(let p, _): try Check.probability(p, "intercept-resend fraction")
    case .beamSplitting(let f): try Check.probability(f, "beam-splitting tap fraction")
    }
  }
}

/// What Eve holds about one pulse, as recorded per detected pulse (compact code = raw value).
public enum EveObservation: UInt8, Sendable, Hashable, Codable, CaseIterable,
  CustomStringConvertible
{
  /// Eve did nothing to this pulse (or it was empty).
  case none = 0
  /// Intercept-resend in H/V, result 0 (H).
  case rectilinear0 = 1
  /// Intercept-resend in H/V, result 1 (V).
  case rectilinear1 = 2
  /// Intercept-resend in D/A, result 0 (D).
  case diagonal0 = 3
  /// Intercept-resend in D/A, result 1 (A).
  case diagonal1 = 4
  /// Intercept-resend in the Breidbart basis, result 0 (π/8).
  case breidbart0 = 5
  /// Intercept-resend in the Breidbart basis, result 1 (5π/8).
  case breidbart1 = 6
  /// Eve stores at least one photon in Alice's state and learns the bit once the basis is
  /// announced (beam splitting, photon-number splitting).
  case storedPhoton = 7
  /// Eve blocked this single-photon pulse (photon-number splitting); Bob can only see a dark count.
  case blocked = 8

  /// For a measurement: Eve's basis index (0 H/V, 1 D/A, 2 Breidbart) and her result bit.
  public var measurement: (basis: Int, bit: UInt8)? {
    switch self {
    case .rectilinear0: return (0, 0)
    case .rectilinear1: return (0, 1)
    case .diagonal0: return (1, 0)
    case .diagonal1: return (1, 1)
    case .breidbart0: return (2, 0)
    case .breidbart1: return (2, 1)
    default: return nil
    }
  }

  static func measured(basis: Int, bit: UInt8) -> EveObservation {
    EveObservation(rawValue: UInt8(1 + 2 * basis) + (bit & 1)) ?? .none
  }

  /// Eve's best guess of Alice's bit once Alice's basis is public (nil when she has nothing):
  /// her result for a measurement, Alice's bit itself for a stored photon.
  public func guess(aliceBit: UInt8, aliceBasis: Basis) -> UInt8? {
    switch self {
    case .none, .blocked: return nil
    case .storedPhoton: return aliceBit
    default: return measurement?.bit
    }
  }

  /// A short label.
  public var description: String {
    switch self {
    case .none: return "-"
    case .rectilinear0: return "Z0"
    case .rectilinear1: return "Z1"
    case .diagonal0: return "X0"
    case .diagonal1: return "X1"
    case .breidbart0: return "B0"
    case .breidbart1: return "B1"
    case .storedPhoton: return "stored"
    case .blocked: return "blocked"
    }
  }
}

extension EveBasisStrategy {
  /// (basis index 0 H/V, 1 D/A, 2 Breidbart; probability).
  var bases: [(index: Int, probability: Double)] {
    switch self {
    case .random: return [(0, 0.5), (1, 0.5)]
    case .fixed(let b): return [(Int(b.rawValue), 1)]
    case .breidbart: return [(2, 1)]
    }
  }

  /// The polarization of Eve's result `bit` in basis index `basis`.
  static func state(basis: Int, bit: UInt8) -> Polarization {
    switch basis {
    case 0: return Basis.rectilinear.state(bit: bit)
    case 1: return Basis.diagonal.state(bit: bit)
    default:
      let angle = Double.pi / 8 + (bit == 0 ? 0 : Double.pi / 2)
      return Polarization(trusted: .init(cos(angle)), .init(sin(angle)))
    }
  }
}
