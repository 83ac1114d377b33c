import Foundation
import Testing

/// End-to-end tests of `qkdlab transcript`.
@Suite("qkdlab transcript")
struct TranscriptCommandTests {
  @Test("prints the classroom table of the first pulses")
  func table() throws {
    let r = try ExecutableRunner.run("qkdlab", ["transcript", "--pulses", "12", "--seed", "4"])
    #expect(r.exitCode == 0, "stderr: \(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 12 + 3)  // header, rule, 12 pulses, tally
    for column in ["A bit", "A basis", "sent", "Eve", "B basis", "click", "sifting", "error"] {
      #expect(lines.first?.contains(column) == true, "missing column \(column)")
    }
    #expect(!r.stdout.contains("\u{1B}["), "colour on a pipe with --color auto")
  }

  @Test("--json prints one object per pulse with every column")
  func json() throws {
    let r = try ExecutableRunner.run(
      "qkdlab",
      [
        "transcript", "--pulses", "6", "--json", "--only-detected", "--eve",
        "intercept-resend:1", "--distance-km", "0", "--seed", "5",
      ])
    #expect(r.exitCode == 0, "stderr: \(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 6)
    for line in lines {
      let row = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      for key in [
        "pulse", "alice_bit", "alice_basis", "polarization", "eve", "eve_basis", "eve_result",
        "bob_basis", "bob_click", "bob_bit", "kept", "error",
      ] {
        #expect(row.keys.contains(key), "missing \(key) in \(line)")
      }
      // Every row was detected, and Eve measured every non-empty pulse.
      #expect(row["bob_bit"] is Int)
      #expect(["H/V", "D/A"].contains(row["eve_basis"] as? String ?? "") || row["photons"] as? Int == 0)
      // Sifting keeps exactly the rows whose bases match.
      #expect((row["kept"] as? Bool) == ((row["alice_basis"] as? String) == (row["bob_basis"] as? String)))
    }
  }

  @Test("--color always colours the rows, never does not")
  func color() throws {
    let always = try ExecutableRunner.run("qkdlab", ["transcript", "--pulses", "5", "--color", "always"])
    let never = try ExecutableRunner.run("qkdlab", ["transcript", "--pulses", "5", "--color", "never"])
    #expect(always.exitCode == 0 && never.exitCode == 0)
    #expect(always.stdout.contains("\u{1B}["))
    #expect(!never.stdout.contains("\u{1B}["))
  }
}
