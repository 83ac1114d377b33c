import Foundation
import Testing

@testable import QKD

@Suite("SessionReport")
struct SessionReportTests {
  static let requiredKeys = [
    "sifted_bits", "gain_signal", "error_rate_signal", "qber", "qber_z", "qber_x",
    "final_key_bits", "key_rate_per_pulse", "theory_key_rate_per_pulse", "ec_leaked_bits",
    "ec_efficiency", "aborted", "abort_reason",
  ]

  @Test("the JSON has every required key, for a key run and for an abort, and round-trips")
  func requiredKeys() throws {
    let ok = try bb84Run(bb84ShortOptions(pulses: 150_000)).report
    let aborted = try bb84Run(bb84ShortOptions(pulses: 2_000, distanceKm: 50)).report
    #expect(!ok.aborted && aborted.aborted)
    for report in [ok, aborted] {
      let data = try JSONEncoder().encode(report)
      let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      for key in Self.requiredKeys { #expect(object[key] != nil, "missing \(key)") }
      #expect(object.count == SessionReport.CodingKeys.allCases.count)
      #expect(try JSONDecoder().decode(SessionReport.self, from: data) == report)
    }
    let data = try JSONEncoder().encode(aborted)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["abort_reason"] as? String == "too_few_sifted_bits")
    #expect(object["ec_leaked_bits"] is NSNull)
  }
}
