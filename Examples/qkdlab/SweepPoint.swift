import ArgumentParser
import Foundation
import QKD

/// One point of a sweep: the simulated session next to the closed forms.
struct SweepRow: Codable {
  var parameter: String
  var value: Double
  var pulses: Int
  var siftedBits: Int
  var qber: Double?
  var qberSigma: Double?
  var finalKeyBits: Int
  var keyRatePerPulse: Double
  var measuredAsymptoticRate: Double?
  var measuredAsymptoticRateSigma: Double?
  var theoryKeyRatePerPulse: Double?
  var plobBound: Double?
  var chshS: Double?
  var chshSigma: Double?
  var aborted: Bool
  var abortReason: String?

  enum CodingKeys: String, CodingKey {
    case parameter, value, pulses, qber, aborted
    case siftedBits = "sifted_bits"
    case qberSigma = "qber_sigma"
    case finalKeyBits = "final_key_bits"
    case keyRatePerPulse = "key_rate_per_pulse"
    case measuredAsymptoticRate = "measured_asymptotic_rate"
    case measuredAsymptoticRateSigma = "measured_asymptotic_rate_sigma"
    case theoryKeyRatePerPulse = "theory_key_rate_per_pulse"
    case plobBound = "plob_bound"
    case chshS = "chsh_s"
    case chshSigma = "chsh_sigma"
    case abortReason = "abort_reason"
  }

  static let columns = CodingKeys.allColumns

  /// The rows as CSV with a header line.
  static func csv(_ rows: [SweepRow]) -> String {
    func cell(_ x: Double?) -> String { x.map { String($0) } ?? "" }
    var lines = [columns.joined(separator: ",")]
    for r in rows {
      lines.append(
        [
          r.parameter, String(r.value), String(r.pulses), String(r.siftedBits), cell(r.qber),
          cell(r.qberSigma), String(r.finalKeyBits), String(r.keyRatePerPulse),
          cell(r.measuredAsymptoticRate), cell(r.measuredAsymptoticRateSigma),
          cell(r.theoryKeyRatePerPulse), cell(r.plobBound), cell(r.chshS), cell(r.chshSigma),
          String(r.aborted), r.abortReason ?? "",
        ].joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A readable table.
  static func table(_ rows: [SweepRow]) -> String {
    func s(_ x: Double?) -> String { x.map { String(format: "%.3e", $0) } ?? "–" }
    func p(_ x: Double?) -> String { x.map { String(format: "%.3f%%", 100 * $0) } ?? "–" }
    var out =
      "     value   sifted      QBER   final_key   rate/pulse  measured_rate   theory      S"
    for r in rows {
      out +=
        "\n"
        + String(
          format: "%10.4g %8d %9@ %11d %12@ %14@ %8@ %6@", r.value, r.siftedBits, p(r.qber),
          r.finalKeyBits, s(r.keyRatePerPulse), s(r.measuredAsymptoticRate),
          s(r.theoryKeyRatePerPulse), r.chshS.map { String(format: "%.3f", $0) } ?? "–")
    }
    return out
  }
}

extension SweepRow.CodingKeys {
  static var allColumns: [String] {
    [
      "parameter", "value", "pulses", "sifted_bits", "qber", "qber_sigma", "final_key_bits",
      "key_rate_per_pulse", "measured_asymptotic_rate", "measured_asymptotic_rate_sigma",
      "theory_key_rate_per_pulse", "plob_bound", "chsh_s", "chsh_sigma", "aborted", "abort_reason",
    ]
  }
}

/// Runs the simulation for one sweep point.
enum SweepPoint {
  /// A BB84 session with `parameter` set to `value`.
  static func bb84(parameter: String, value: Double, link: LinkFlags, pulses: Int, seed: UInt64)
    throws -> SweepRow
  {
    var o = link.options()
    o.pulses = pulses
    o.seed = seed
    switch parameter {
    case "distance": o.distanceKm = value
    case "mu": o.mu = value
    case "dark-count": o.darkCount = value
    case "intercept": o.eve = try EavesdropperOption(parsing: "intercept-resend:\(value)")
    default: throw ValidationError("unknown sweep parameter '\(parameter)'")
    }
    let result = try BB84Session(configuration: o.makeConfiguration()).run()
    let r = result.report
    let n = Double(max(1, r.siftedBits))
    return SweepRow(
      parameter: parameter, value: value, pulses: pulses, siftedBits: r.siftedBits, qber: r.qber,
      qberSigma: r.qber.map { ($0 * (1 - $0) / n).squareRoot() }, finalKeyBits: r.finalKeyBits,
      keyRatePerPulse: r.keyRatePerPulse, measuredAsymptoticRate: r.asymptoticKeyRatePerPulse,
      measuredAsymptoticRateSigma: r.asymptoticKeyRateStandardError,
      theoryKeyRatePerPulse: r.theoryKeyRatePerPulse, plobBound: r.plobBound, chshS: nil,
      chshSigma: nil, aborted: r.aborted, abortReason: r.abortReason)
  }

  /// An E91 session at source visibility `visibility` (the link flags' detector values apply).
  static func e91(visibility: Double, link: LinkFlags, pairs: Int, seed: UInt64) throws -> SweepRow
  {
    var o = E91LinkOptions()
    o.visibility = visibility
    o.pairs = pairs
    o.seed = seed
    o.darkCount = link.darkCount
    o.misalignment = link.misalignment
    let r = try E91Session(configuration: o.makeConfiguration()).run().report
    let n = Double(max(1, r.sampleBits))
    return SweepRow(
      parameter: "visibility", value: visibility, pulses: pairs, siftedBits: r.siftedBits,
      qber: r.qber, qberSigma: r.qber.map { ($0 * (1 - $0) / n).squareRoot() },
      finalKeyBits: r.finalKeyBits, keyRatePerPulse: r.keyRatePerPair,
      measuredAsymptoticRate: nil, measuredAsymptoticRateSigma: nil,
      theoryKeyRatePerPulse: nil, plobBound: nil, chshS: r.chshS, chshSigma: r.chshSigma,
      aborted: r.aborted, abortReason: r.abortReason)
  }
}
