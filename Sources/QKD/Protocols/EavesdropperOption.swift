import Foundation
import Photonics

/// The command-line spelling of an attack on the quantum channel, as accepted by `qkdlab bb84
/// --eve`: `none`, `intercept-resend:P`, `breidbart:P`, `beam-splitting:F` or `pns`.
///
/// `P` is the fraction of pulses Eve intercepts (random H/V or D/A basis for `intercept-resend`,
/// the Breidbart basis for `breidbart`), `F` the fraction of each photon's amplitude tapped by a
/// beam splitter; both lie in [0, 1]. `pns` is the photon-number-splitting attack. The value
/// round-trips through ``description``, and it encodes as that string in JSON.
public struct EavesdropperOption: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The Photonics eavesdropper this option stands for.
  public let eavesdropper: Eavesdropper

  /// Wraps an eavesdropper after validating its parameters.
  /// - Throws: ``BB84ConfigurationError/invalidEavesdropper(_:reason:)`` for a fraction outside
  ///   [0, 1].
  public init(_ eavesdropper: Eavesdropper) throws(BB84ConfigurationError) {
    do {
      try eavesdropper.validate()
    } catch {
      throw .invalidEavesdropper("\(eavesdropper)", reason: error.description)
    }
    self.eavesdropper = eavesdropper
  }

  /// No eavesdropper.
  public static let none = EavesdropperOption(trusted: .none)

  init(trusted eavesdropper: Eavesdropper) { self.eavesdropper = eavesdropper }

  /// Parses `none`, `intercept-resend:P`, `breidbart:P`, `beam-splitting:F` or `pns`
  /// (case-insensitive, surrounding spaces ignored).
  /// - Throws: ``BB84ConfigurationError/invalidEavesdropper(_:reason:)`` naming the accepted
  ///   forms when the text is not one of them or the number is not in [0, 1].
  public init(parsing text: String) throws(BB84ConfigurationError) {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    let parts = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
    let kind = String(parts[0])
    let argument = parts.count > 1 ? String(parts[1]) : nil

    func fraction(_ name: String) throws(BB84ConfigurationError) -> Double {
      guard let argument, let value = Double(argument), value.isFinite, (0...1).contains(value)
      else {
        throw .invalidEavesdropper(
          text, reason: "\(name) needs a fraction in [0, 1] after the colon, e.g. \(name):0.5")
      }
      return value
    }

    switch kind {
    case "none" where argument == nil:
      self = .none
    case "pns" where argument == nil:
      self.init(trusted: .photonNumberSplitting)
    case "intercept-resend":
      self.init(trusted: .interceptResend(fraction: try fraction(kind), strategy: .random))
    case "breidbart":
      self.init(trusted: .interceptResend(fraction: try fraction(kind), strategy: .breidbart))
    case "beam-splitting":
      self.init(trusted: .beamSplitting(tapFraction: try fraction(kind)))
    default:
      throw .invalidEavesdropper(text, reason: Self.acceptedForms)
    }
  }

  /// The accepted spellings, for error and help messages.
  public static let acceptedForms =
    "expected none, intercept-resend:P, breidbart:P, beam-splitting:F or pns (P, F in [0, 1])"

  /// The command-line spelling, e.g. `intercept-resend:0.5`.
  public var description: String {
    switch eavesdropper {
    case .none: return "none"
    case .photonNumberSplitting: return "pns"
    case .beamSplitting(let f): return "beam-splitting:\(f)"
    case .interceptResend(let p, .breidbart): return "breidbart:\(p)"
    case .interceptResend(let p, .random): return "intercept-resend:\(p)"
    case .interceptResend(let p, .fixed(let basis)):
      return "intercept-resend-\(basis == .rectilinear ? "hv" : "da"):\(p)"
    }
  }

  /// Decodes the command-line spelling.
  /// - Throws: `DecodingError.dataCorrupted` with the parse error's message.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      try self.init(parsing: text)
    } catch {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: error.description)
    }
  }

  /// Encodes the command-line spelling.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
