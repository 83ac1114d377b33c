import Foundation
import Photonics
import Testing

@testable import QKD

@Suite("EavesdropperOption")
struct EavesdropperOptionTests {
  @Test("every accepted spelling maps to the Photonics eavesdropper and round-trips")
  func parses() throws {
    let cases: [(String, Eavesdropper)] = [
      ("none", .none),
      ("pns", .photonNumberSplitting),
      ("intercept-resend:0.5", .interceptResend(fraction: 0.5, strategy: .random)),
      ("breidbart:1", .interceptResend(fraction: 1, strategy: .breidbart)),
      ("beam-splitting:0.25", .beamSplitting(tapFraction: 0.25)),
      (" Intercept-Resend:0 ", .interceptResend(fraction: 0, strategy: .random)),
    ]
    for (text, expected) in cases {
      let option = try EavesdropperOption(parsing: text)
      #expect(option.eavesdropper == expected, "\(text)")
      #expect(try EavesdropperOption(parsing: option.description) == option)
    }
  }

  @Test(
    "bad spellings and fractions are refused with a typed error naming the accepted forms",
    arguments: [
      "", "eve", "intercept-resend", "intercept-resend:", "intercept-resend:1.5",
      "breidbart:-0.1", "beam-splitting:nan", "pns:1", "none:0", "intercept-resend:abc",
    ])
  func refuses(text: String) {
    do {
      _ = try EavesdropperOption(parsing: text)
      Issue.record("'\(text)' was accepted")
    } catch {
      guard case .invalidEavesdropper = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(error.description.contains("[0, 1]"))
    }
  }

  @Test("it encodes as its command-line string and refuses bad JSON strings")
  func codable() throws {
    let option = try EavesdropperOption(parsing: "breidbart:0.3")
    let data = try JSONEncoder().encode([option])
    #expect(String(decoding: data, as: UTF8.self) == #"["breidbart:0.3"]"#)
    #expect(try JSONDecoder().decode([EavesdropperOption].self, from: data) == [option])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([EavesdropperOption].self, from: Data(#"["eve:2"]"#.utf8))
    }
  }
}
