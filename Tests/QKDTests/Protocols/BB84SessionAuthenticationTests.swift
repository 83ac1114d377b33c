import ClassicalCrypto
import Foundation
import Testing

@testable import QKD

/// Every kind of public message of a session, by label prefix, with a payload bit to flip.
///
/// Runs that alter Cascade messages use the original variant: the improved variant reuses
/// disclosed parities, and an altered (inconsistent) parity can then keep its search going
/// without asking anything, which the relay's exchange limit cannot stop.
struct BB84TamperTarget: Sendable, CustomTestStringConvertible {
  var label: String
  var bit: Int
  var testDescription: String { label }
}

private let tamperTargets: [BB84TamperTarget] = [
  BB84TamperTarget(label: BB84Sifting.bobLabel, bit: 8 * 12),
  BB84TamperTarget(label: BB84Sifting.aliceLabel, bit: 8 * 9),
  BB84TamperTarget(label: BB84ParameterEstimation.aliceLabel, bit: 8 * 60 + 3),
  BB84TamperTarget(label: BB84ParameterEstimation.bobLabel, bit: 8 * 8),
  BB84TamperTarget(label: BB84Reconciliation.seedLabel, bit: 5),
  BB84TamperTarget(label: BB84Reconciliation.queryLabel, bit: 8 * 4),
  BB84TamperTarget(label: BB84Reconciliation.answerLabel, bit: 0),
  BB84TamperTarget(label: BB84Reconciliation.transcriptLabel, bit: 8 * 12),
  BB84TamperTarget(label: BB84Verification.aliceLabel, bit: 8 * 20),
  BB84TamperTarget(label: BB84Verification.bobLabel, bit: 0),
  BB84TamperTarget(label: BB84PrivacyAmplification.label, bit: 8 * 20),
]

@Suite("BB84Session authentication")
struct BB84SessionAuthenticationTests {
  @Test(
    "altering any classical message is caught with authentication",
    arguments: [BB84AuthenticationMode.wegmanCarter, .hmacSHA256], tamperTargets)
  func tamperingIsCaught(mode: BB84AuthenticationMode, target: BB84TamperTarget) throws {
    do {
      var o = bb84ShortOptions(pulses: 150_000)
      o.cascade = .original
      o.authentication = mode
      let log = BB84TamperLog()
      let result = try bb84Run(o, adversary: bb84FlipFirst(target.label, bit: target.bit, log: log))
      #expect(log.count == 1, "\(target.label) was never sent")
      guard case .authenticationFailure = result.abortReason else {
        let got = String(describing: result.abortReason)
        Issue.record("\(mode) \(target.label): expected an authentication failure, got \(got)")
        return
      }
      #expect(result.report.abortReason == "authentication_failure")
      #expect(result.aliceKey == nil && result.bobKey == nil)
    }
  }

  @Test("without authentication the same alterations are accepted", arguments: tamperTargets)
  func tamperingSucceedsWithoutAuthentication(target: BB84TamperTarget) throws {
    do {
      var o = bb84ShortOptions(pulses: 150_000)
      o.cascade = .original
      o.authentication = .none
      let log = BB84TamperLog()
      let result = try bb84Run(o, adversary: bb84FlipFirst(target.label, bit: target.bit, log: log))
      #expect(log.count == 1, "\(target.label) was never sent")
      if case .authenticationFailure = result.abortReason {
        Issue.record("\(target.label): no authentication, yet an authentication failure")
      }
      // The altered frame was delivered as if genuine (Cascade frames bypass the transcript).
      let altered = result.channelTranscript.contains { entry in
        entry.event == .accepted
          && result.channelTranscript.contains {
            $0.event == .sent
              && $0.frame.message.sequenceNumber == entry.frame.message.sequenceNumber
              && $0.frame.message.payload != entry.frame.message.payload
          }
      }
      #expect(altered || target.label.hasPrefix("cascade: parity"), "\(target.label)")
    }
  }

  @Test(
    "without authentication an altered privacy-amplification seed leaves unequal keys unnoticed")
  func alteredSeedGivesUnequalKeys() throws {
    var o = bb84ShortOptions(pulses: 150_000)
    o.authentication = .none
    let log = BB84TamperLog()
    let result = try bb84Run(
      o, adversary: bb84FlipFirst(BB84PrivacyAmplification.label, bit: 8 * 20, log: log))
    #expect(result.abortReason == nil)
    let match = result.keysMatch
    #expect(!match)
    #expect(result.aliceKey?.count == result.bobKey?.count)
  }

  @Test("without authentication an altered verification hash aborts as a verification failure")
  func alteredVerificationHash() throws {
    var o = bb84ShortOptions(pulses: 150_000)
    o.authentication = .none
    let log = BB84TamperLog()
    let result = try bb84Run(
      o, adversary: bb84FlipFirst(BB84Verification.aliceLabel, bit: 8 * 20, log: log))
    #expect(result.abortReason == .verificationFailure)
  }

  @Test("without authentication a man in the middle can hide errors from parameter estimation")
  func hiddenErrors() throws {
    var o = bb84ShortOptions(pulses: 150_000)
    o.authentication = .none
    let honest = try bb84Run(o)
    // Zero every error count Bob reports (pairs of 64-bit compared/errors counts).
    let mitm = ManInTheMiddle { frame in
      var f = frame
      if f.message.label == BB84ParameterEstimation.bobLabel {
        for pair in stride(from: 8, to: f.message.payload.count, by: 16) {
          for i in pair..<(pair + 8) { f.message.payload[i] = 0 }
        }
      }
      return [f]
    }
    let fooled = try bb84Run(o, adversary: mitm)
    #expect((honest.report.qberZ ?? 0) > 0)
    #expect(fooled.report.qberZ == 0 && fooled.report.qberX == 0)
    #expect(fooled.report.errorRateDecoy == 0)
  }
}
