import Foundation
import Testing

/// Each example executable runs to completion with its defaults and a fixed seed and prints
/// the lines that tell its story.
@Suite("Example executables")
struct DemoTests {
  @Test("bb84-demo narrates a session from pulses to an encrypted message")
  func bb84Demo() throws {
    let r = try ExecutableRunner.run("bb84-demo", ["--seed", "7"])
    #expect(r.exitCode == 0, "stderr: \(r.stderr)")
    for line in [
      "Step 1 — The link", "first detected pulses", "Sifting", "QBER", "Cascade",
      "privacy amplification", "shown for teaching only", "AES-256-GCM",
      "Bob checks the tag and decrypts with his copy of the key: \"Meet at the bridge at noon.\"",
      "Alice's and Bob's keys are identical.",
    ] {
      #expect(r.stdout.contains(line), "missing '\(line)' in:\n\(r.stdout)")
    }
  }

  @Test("bb84-demo under full intercept-resend explains the abort")
  func bb84DemoAborts() throws {
    let r = try ExecutableRunner.run(
      "bb84-demo", ["--seed", "7", "--pulses", "1000000", "--eve", "intercept-resend:1"])
    #expect(r.exitCode == 0, "stderr: \(r.stderr)")
    #expect(r.stdout.contains("ABORTED"))
    #expect(r.stdout.contains("Reason: QBER"), "the abort should blame the error rate")
    #expect(r.stdout.contains("measured"))  // Eve's column of the pulse table
    #expect(!r.stdout.contains("AES-256-GCM"))
  }

  @Test("eavesdropper-demo compares the five attacks")
  func eavesdropperDemo() throws {
    let r = try ExecutableRunner.run("eavesdropper-demo", ["--seed", "7"])
    #expect(r.exitCode == 0, "stderr: \(r.stderr)")
    for line in [
      "Summary", "intercept-resend:1", "breidbart:1", "beam-splitting:0.5", "pns", "Eve knows",
      "bound allows", "ABORT",
    ] {
      #expect(r.stdout.contains(line), "missing '\(line)' in:\n\(r.stdout)")
    }
    // The summary rows: no attack keeps a key, full intercept-resend is caught by the QBER.
    let summary = r.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    let none = summary.last { $0.hasPrefix("none ") } ?? ""
    let interceptResend = summary.last { $0.hasPrefix("intercept-resend:1 ") } ?? ""
    #expect(none.hasSuffix("bits") && none.contains("key"), "\(none)")
    #expect(interceptResend.hasSuffix("ABORT (qber_too_high)"), "\(interceptResend)")
  }

  @Test("qrng-demo measures bias, entropy, extraction and the battery")
  func qrngDemo() throws {
    let r = try ExecutableRunner.run("qrng-demo", ["--seed", "7"])
    #expect(r.exitCode == 0, "stderr: \(r.stderr)")
    for line in [
      "raw bias", "most common value", "Markov", "Toeplitz hash", "frequency", "cumulative_sums",
      "Ten dice rolled",
    ] {
      #expect(r.stdout.contains(line), "missing '\(line)' in:\n\(r.stdout)")
    }
  }

  @Test("e91-demo shows the Bell violation and its loss under attack")
  func e91Demo() throws {
    let r = try ExecutableRunner.run("e91-demo", ["--seed", "7"])
    #expect(r.exitCode == 0, "stderr: \(r.stderr)")
    for line in [
      "CHSH S =", "The honest run", "The same link with Eve", "S fell from",
      "above the classical limit", "BELOW the classical limit", "Entanglement says hello.",
    ] {
      #expect(r.stdout.contains(line), "missing '\(line)' in:\n\(r.stdout)")
    }
  }

  @Test(
    "demos refuse bad flags with a message and a non-zero exit",
    arguments: [
      ("bb84-demo", ["--eve", "foo"], "eve"),
      ("bb84-demo", ["--distance-km=-1"], "distance-km"),
      ("bb84-demo", ["--pulses", "0"], "pulses"),
      ("eavesdropper-demo", ["--attacks", "none,teleport"], "eve"),
      ("qrng-demo", ["--bits", "10"], "bits"),
      ("e91-demo", ["--visibility", "2"], "visibility"),
      ("e91-demo", ["--no-such-flag"], "no-such-flag"),
    ])
  func demosRefuseBadFlags(name: String, arguments: [String], mention: String) throws {
    let r = try ExecutableRunner.run(name, arguments)
    #expect(r.exitCode != 0)
    #expect(r.stderr.lowercased().contains(mention), "stderr: \(r.stderr)")
  }
}
