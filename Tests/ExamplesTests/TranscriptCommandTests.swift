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
    let pulseLines = lines.filter { $0.first?.isNumber == true }
    #expect(pulseLines.count == 12 + 1)  // 12 pulses and the tally line
    #expect(lines[1].allSatisfy { $0 == "-" })
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
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    for line in lines {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      for key in [
        "pulse", "alice_bit", "alice_basis", "polarization", "eve", "eve_basis", "eve_result",
        "bob_basis", "bob_click", "bob_bit", "kept", "error",
      ] {
        #expect(object.keys.contains(key), "missing \(key) in \(line)")
      }
      let row = try decoder.decode(Row.self, from: Data(line.utf8))
      // Every row was detected, and Eve measured every pulse that carried a photon.
      #expect(row.bobBit != nil)
      #expect(row.photons == 0 || ["H/V", "D/A"].contains(row.eveBasis ?? ""))
      // Sifting keeps exactly the rows whose bases match, and only kept rows have an error flag.
      #expect(row.kept == (row.aliceBasis == row.bobBasis))
      #expect((row.error != nil) == row.kept)
    }
  }

  /// The fields of a transcript JSON line that the checks use.
  private struct Row: Decodable {
    let photons: Int
    let aliceBasis: String
    let bobBasis: String
    let eveBasis: String?
    let bobBit: Int?
    let kept: Bool
    let error: Bool?
  }

  @Test("--color always colours the rows, never does not")
  func color() throws {
    let always = try ExecutableRunner.run(
      "qkdlab", ["transcript", "--pulses", "5", "--color", "always"])
    let never = try ExecutableRunner.run(
      "qkdlab", ["transcript", "--pulses", "5", "--color", "never"])
    #expect(always.exitCode == 0 && never.exitCode == 0)
    #expect(always.stdout.contains("\u{1B}["))
    #expect(!never.stdout.contains("\u{1B}["))
  }
}
