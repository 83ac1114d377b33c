import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// End-to-end tests of the `qkdlab` lab bench: bad flags are refused, JSON has its keys, and
/// plots are well-formed SVG.
@Suite("qkdlab command")
struct QKDLabCommandTests {
  /// The subcommands `qkdlab --help` lists.
  static func subcommands() throws -> [String] {
    let r = try ExecutableRunner.run("qkdlab", ["--help"])
    guard let start = r.stdout.range(of: "SUBCOMMANDS:") else { return [] }
    return r.stdout[start.upperBound...].split(separator: "\n").compactMap { line in
      let words = line.split(separator: " ")
      // Subcommand names sit at two spaces; wrapped abstracts are indented further.
      guard line.hasPrefix("  "), !line.hasPrefix("   "), let first = words.first, first != "See"
      else { return nil }
      return first == "help" ? nil : String(first)
    }
  }

  @Test("every subcommand refuses an unknown flag")
  func everySubcommandRefusesUnknownFlags() throws {
    let names = try Self.subcommands()
    #expect(Set(["bb84", "theory", "sweep", "transcript"]).isSubset(of: Set(names)), "\(names)")
    for name in names {
      // Required arguments first, so the unknown flag is the only thing wrong.
      let required = ["sweep": ["distance", "--from", "0", "--to", "10", "--step", "10"]]
      let r = try ExecutableRunner.run(
        "qkdlab", [name] + (required[name] ?? []) + ["--no-such-flag"])
      #expect(r.exitCode != 0, "qkdlab \(name) accepted --no-such-flag")
      #expect(r.stderr.contains("no-such-flag"), "qkdlab \(name): \(r.stderr)")
    }
  }

  @Test(
    "bad flag values are refused with a message naming the flag",
    arguments: [
      (["bb84", "--pulses", "-5"], "pulses"),
      (["bb84", "--pulses=0"], "pulses"),
      (["bb84", "--eve", "foo"], "intercept-resend"),
      (["bb84", "--eve", "intercept-resend:2"], "[0, 1]"),
      (["bb84", "--distance-km=-1"], "distance-km"),
      (["bb84", "--source", "laser"], "source"),
      (["theory", "--protocol", "foo"], "protocol"),
      (["theory", "--distance-km", "0:abc"], "distance-km"),
      (["sweep", "distance", "--from", "0", "--to", "10", "--step", "0"], "step"),
      (["sweep", "teleport", "--from", "0", "--to", "10", "--step", "1"], "parameter"),
      (
        ["sweep", "intercept", "--from", "0", "--to", "1", "--step", "0.5", "--pulses=-5"], "pulses"
      ),
      (["transcript", "--pulses=-5"], "pulses"),
      (["transcript", "--eve", "foo"], "intercept-resend"),
      (["transcript", "--distance-km=-1"], "distance-km"),
      (["transcript", "--color", "purple"], "color"),
      (["theory", "--distance-km=-1:10:1"], "distance"),
      (["theory", "--attenuation-db-per-km=-1"], "attenuation"),
      (["qrng", "--bits=-5"], "bits"),
      (["qrng", "--extractor", "magic"], "extractor"),
    ])
  func refusesBadValues(arguments: [String], mention: String) throws {
    let r = try ExecutableRunner.run("qkdlab", arguments)
    #expect(r.exitCode != 0, "accepted \(arguments): \(r.stdout)")
    #expect(r.stderr.lowercased().contains(mention.lowercased()), "\(arguments): \(r.stderr)")
  }

  @Test("bb84 --json prints one object with the report keys")
  func bb84JSON() throws {
    let r = try ExecutableRunner.run(
      "qkdlab", ["bb84", "--pulses", "200000", "--distance-km", "5", "--seed", "3", "--json"])
    #expect(r.exitCode == 0, "stderr: \(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
    for key in [
      "sifted_bits", "gain_signal", "error_rate_signal", "qber", "qber_z", "qber_x",
      "final_key_bits", "key_rate_per_pulse", "theory_key_rate_per_pulse", "ec_leaked_bits",
      "ec_efficiency", "aborted", "abort_reason",
    ] {
      #expect(object.keys.contains(key), "missing \(key)")
    }
    #expect((object["sifted_bits"] as? Int ?? 0) > 0)
  }

  @Test("theory --json prints one row per distance with the rate keys")
  func theoryJSON() throws {
    let r = try ExecutableRunner.run("qkdlab", ["theory", "--distance-km", "0:50:10", "--json"])
    #expect(r.exitCode == 0, "stderr: \(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 6)
    for line in lines {
      let row = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      for key in ["distance_km", "mu", "key_rate_per_pulse", "plob_bound"] {
        #expect(row.keys.contains(key), "missing \(key) in \(line)")
      }
    }
  }

  @Test(
    "sweep --plot writes well-formed SVG with axes and series",
    arguments: [
      (["distance", "--from", "0", "--to", "20", "--step", "10"], "fibre length (km)"),
      (["intercept", "--from", "0", "--to", "1", "--step", "0.5"], "QBER"),
    ])
  func sweepPlot(arguments: [String], label: String) throws {
    let svg = ExecutableRunner.temporaryFile(".svg")
    defer { try? FileManager.default.removeItem(at: svg) }
    let r = try ExecutableRunner.run(
      "qkdlab", ["sweep"] + arguments + ["--pulses", "20000", "--seed", "2", "--plot", svg.path])
    #expect(r.exitCode == 0, "stderr: \(r.stderr)")
    let document = try XMLDocument(contentsOf: svg, options: [])
    let root = try #require(document.rootElement())
    #expect(root.name == "svg")
    let text = try String(contentsOf: svg, encoding: .utf8)
    #expect(text.contains(label), "axis label '\(label)' missing")
    let xLabel = try document.nodes(forXPath: "//*[@id='x-label']")
    let yLabel = try document.nodes(forXPath: "//*[@id='y-label']")
    #expect(xLabel.count == 1 && yLabel.count == 1)
    let series = try document.nodes(forXPath: "//*[@class='series']")
    #expect(series.count >= 2, "expected simulated and theory series")
    let marks = try document.nodes(
      forXPath: "//*[local-name()='circle' or local-name()='polyline']")
    #expect(!marks.isEmpty)
  }
}
