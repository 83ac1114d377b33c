import ArgumentParser
import EveDetection
import Foundation
import Photonics
import QKD

/// `qkdlab bb84`: one BB84 or decoy-state BB84 session, photons to final key.
struct BB84Command: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bb84",
    abstract: "Run a BB84 / decoy-state BB84 session and report every count and estimate.")

  @OptionGroup var link: LinkFlags

  @Option(help: "Source: decoy, weak-coherent or single-photon.")
  var source: String = "decoy"

  @Option(help: "Number of pulses Alice sends.")
  var pulses: Int = 100_000_000

  @Option(help: "Attack: none, intercept-resend:P, breidbart:P, beam-splitting:F or pns.")
  var eve: String = "none"

  @Option(help: "Seed for every random choice of the run.")
  var seed: UInt64 = 1

  @Option(help: "Quantum phase: compiled (fast path) or exact (per-pulse states, small runs).")
  var path: String = "compiled"

  @Option(help: "Cascade variant: original or improved.")
  var cascade: String = "improved"

  @Option(help: "Classical-channel authentication: wegman-carter, hmac-sha256 or none.")
  var authentication: String = "wegman-carter"

  @Option(help: "Fraction of sifted bits disclosed for parameter estimation.")
  var sampleFraction: Double = 0.1

  @Option(help: "Threads for the compiled quantum phase (results do not depend on it).")
  var threads: Int?

  @Option(
    help:
      "A detector saved by `qkdlab detect train`: adds eve_probability, eve_flagged, eve_attack.")
  var detector: String?

  @Flag(help: "Print the session report as one JSON object.")
  var json = false

  func options() throws -> BB84LinkOptions {
    var o = link.options()
    guard let s = BB84LinkOptions.Source(rawValue: source) else {
      throw ValidationError(
        "--source must be decoy, weak-coherent or single-photon, got '\(source)'")
    }
    guard let p = BB84QuantumPath(rawValue: path) else {
      throw ValidationError("--path must be compiled or exact, got '\(path)'")
    }
    guard let c = BB84CascadeVariant(rawValue: cascade) else {
      throw ValidationError("--cascade must be original or improved, got '\(cascade)'")
    }
    guard let a = BB84AuthenticationMode(rawValue: authentication) else {
      throw ValidationError(
        "--authentication must be wegman-carter, hmac-sha256 or none, got '\(authentication)'")
    }
    guard pulses > 0 else { throw ValidationError("--pulses must be ≥ 1, got \(pulses)") }
    if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1, got \(threads)") }
    o.source = s
    o.quantumPath = p
    o.cascade = c
    o.authentication = a
    o.pulses = pulses
    o.seed = seed
    o.sampleFraction = sampleFraction
    do {
      o.eve = try EavesdropperOption(parsing: eve)
    } catch {
      throw refuse(error)
    }
    return o
  }

  func run() throws {
    let configuration: BB84Configuration
    do {
      configuration = try options().makeConfiguration()
    } catch let e as ValidationError {
      throw e
    } catch {
      throw refuse(error)
    }
    let bar = ProgressBar("bb84")
    let result = try BB84Session(configuration: configuration).run(threads: threads) { p in
      bar.update(p.fraction)
    }
    bar.finish()
    let assessment = try detector.map { try assess(result, link: configuration.link, model: $0) }
    if json {
      guard let assessment else {
        try Output.printJSON(result.report)
        return
      }
      // One flat object: the report's keys plus the detector's.
      var object =
        try JSONSerialization.jsonObject(with: Data(Output.jsonLine(result.report).utf8))
        as? [String: Any] ?? [:]
      let extra =
        try JSONSerialization.jsonObject(with: Data(Output.jsonLine(assessment).utf8))
        as? [String: Any] ?? [:]
      object.merge(extra) { _, new in new }
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
      print(String(decoding: data, as: UTF8.self))
      return
    }
    print(SessionSummary(result.report).text)
    if let a = assessment {
      print(
        String(
          format: "  eavesdropper detector  P(Eve) = %.4f, %@ (most likely: %@)", a.eveProbability,
          a.flagged ? "FLAGGED" : "not flagged", "\(a.attack)"))
    }
  }

  /// Scores the session's link statistics with a saved detector against the nominal link.
  func assess(_ result: BB84SessionResult, link: LinkConfiguration, model: String) throws
    -> EveAssessment
  {
    do {
      let detector = try EveDetector(jsonData: Data(contentsOf: URL(fileURLWithPath: model)))
      var nominal = link
      nominal.eavesdropper = .none
      let features = try LinkFeatures(
        counts: SessionCounts(statistics: result.linkStatistics),
        calibration: LinkCalibration(configuration: nominal))
      return try detector.assess(features)
    } catch {
      throw ValidationError("--detector '\(model)': \(error)")
    }
  }
}
