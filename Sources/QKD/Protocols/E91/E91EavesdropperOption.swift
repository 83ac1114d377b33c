import Foundation
import Photonics

/// The command-line spelling of an attack on an entangled-pair link, as accepted by
/// `qkdlab e91 --eve`: `none` or `intercept-resend:P[:ARM[:BASES]]`.
///
/// `P` in [0, 1] is the fraction of pairs whose photon Eve intercepts on arm `ARM` (`bob`, the
/// default, or `alice`), measuring in `BASES`: `random` (H/V or D/A with probability 1/2, the
/// default), `hv`, `da` (a fixed basis) or `breidbart` (π/8), and resending the state she
/// found. The value round-trips through ``description`` and encodes as that string in JSON.
public struct E91EavesdropperOption: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The Photonics attack this option stands for.
  public let eavesdropper: PairEavesdropper

  /// Wraps an attack after validating its parameters.
  /// - Throws: ``E91ConfigurationError/invalidEavesdropper(_:reason:)`` for a fraction outside
  ///   [0, 1].
  public init(_ eavesdropper: PairEavesdropper) throws(E91ConfigurationError) {
    do {
      try eavesdropper.validate()
    } catch {
      throw .invalidEavesdropper("\(eavesdropper)", reason: error.description)
    }
    self.eavesdropper = eavesdropper
  }

  /// No eavesdropper.
  public static let none = E91EavesdropperOption(trusted: .none)

  init(trusted eavesdropper: PairEavesdropper) { self.eavesdropper = eavesdropper }

  /// The accepted spellings, for error and help messages.
  public static let acceptedForms =
    "expected none or intercept-resend:P[:alice|bob[:random|hv|da|breidbart]] with P in [0, 1]"

  /// Parses the command-line spelling (case-insensitive, surrounding spaces ignored).
  /// - Throws: ``E91ConfigurationError/invalidEavesdropper(_:reason:)`` naming the accepted
  ///   forms.
  public init(parsing text: String) throws(E91ConfigurationError) {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    if parts == ["none"] {
      self = .none
      return
    }
    guard parts[0] == "intercept-resend", (2...4).contains(parts.count) else {
      throw .invalidEavesdropper(text, reason: Self.acceptedForms)
    }
    guard let p = Double(parts[1]), p.isFinite, (0...1).contains(p) else {
      throw .invalidEavesdropper(
        text,
        reason: "intercept-resend needs a fraction in [0, 1] after the colon, e.g. "
          + "intercept-resend:0.5")
    }
    var arm = PairArm.bob
    if parts.count >= 3 {
      guard let a = PairArm(rawValue: parts[2]) else {
        throw .invalidEavesdropper(text, reason: "the arm must be alice or bob")
      }
      arm = a
    }
    var strategy = EveBasisStrategy.random
    if parts.count == 4 {
      switch parts[3] {
      case "random": strategy = .random
      case "hv": strategy = .fixed(.rectilinear)
      case "da": strategy = .fixed(.diagonal)
      case "breidbart": strategy = .breidbart
      default:
        throw .invalidEavesdropper(text, reason: "the bases must be random, hv, da or breidbart")
      }
    }
    self.init(trusted: .interceptResend(fraction: p, strategy: strategy, arm: arm))
  }

  /// The command-line spelling, e.g. `intercept-resend:0.5` or
  /// `intercept-resend:1.0:alice:hv`.
  public var description: String {
    guard case .interceptResend(let p, let strategy, let arm) = eavesdropper else { return "none" }
    let bases: String
    switch strategy {
    case .random: bases = "random"
    case .fixed(let b): bases = b == .rectilinear ? "hv" : "da"
    case .breidbart: bases = "breidbart"
    }
    if arm == .bob && bases == "random" { return "intercept-resend:\(p)" }
    if bases == "random" { return "intercept-resend:\(p):\(arm.rawValue)" }
    return "intercept-resend:\(p):\(arm.rawValue):\(bases)"
  }

  /// Decodes the command-line spelling.
  /// - Throws: `DecodingError.dataCorrupted` with the parse error's message.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      try self.init(parsing: text)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }

  /// Encodes the command-line spelling.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
