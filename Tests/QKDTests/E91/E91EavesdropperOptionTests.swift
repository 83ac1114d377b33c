import Foundation
import Photonics
import Testing

@testable import QKD

@Suite struct E91EavesdropperOptionTests {
  @Test(
    "accepted spellings parse and round-trip through description",
    arguments: [
      "none", "intercept-resend:0.5", "intercept-resend:1.0:alice",
      "intercept-resend:0.25:bob:hv", "intercept-resend:1.0:alice:da",
      "intercept-resend:0.5:bob:breidbart",
    ])
  func roundTrip(text: String) throws {
    let option = try E91EavesdropperOption(parsing: text)
    #expect(try E91EavesdropperOption(parsing: option.description) == option)
  }

  @Test("defaults: Bob's arm, random H/V or D/A basis")
  func defaults() throws {
    let option = try E91EavesdropperOption(parsing: " Intercept-Resend:0.3 ")
    #expect(option.eavesdropper == .interceptResend(fraction: 0.3, strategy: .random, arm: .bob))
  }

  @Test(
    "malformed spellings are refused with the accepted forms",
    arguments: [
      "", "pns", "intercept-resend", "intercept-resend:2", "intercept-resend:x",
      "intercept-resend:0.5:carol", "intercept-resend:0.5:bob:zz", "none:1",
    ])
  func refuses(text: String) {
    #expect(throws: E91ConfigurationError.self) { try E91EavesdropperOption(parsing: text) }
  }
}
