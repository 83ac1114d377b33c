import ArgumentParser
import Foundation
import QKD

/// `qkdlab transcript`: the classic classroom table of a BB84 run, one row per pulse, on the
/// exact path (every photon an engine density matrix).
struct TranscriptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "transcript",
    abstract: "Print a step-by-step table of the first pulses of a BB84 run (exact path).",
    discussion: """
      Columns: Alice's intensity, photon number, bit and basis (+ is H/V, × is D/A), the \
      polarization she sent, what Eve did (her basis and result, a stored photon or a blocked \
      pulse), Bob's basis, which of his detectors clicked, whether sifting kept the bit and \
      whether it is an error. Bits are kept when Bob detected the pulse and the bases match.
      At the default 25 km most pulses are lost in the fibre: add --only-detected to list the \
      first pulses Bob detected, or shorten the link (--distance-km 0 --detector-efficiency 1).
      """)

  @OptionGroup var link: LinkFlags

  @Option(help: "Source: decoy, weak-coherent or single-photon.")
  var source: String = "decoy"

  @Option(help: "Number of pulses to show (1…10000).")
  var pulses: Int = 20

  @Option(help: "Attack: none, intercept-resend:P, breidbart:P, beam-splitting:F or pns.")
  var eve: String = "none"

  @Option(help: "Seed for every random choice of the run.")
  var seed: UInt64 = 1

  @Flag(help: "List the first pulses Bob detected instead of the first pulses sent.")
  var onlyDetected = false

  @Option(help: "Colour: auto (only when standard output is a terminal), always or never.")
  var color: String = "auto"

  @Flag(help: "Print one JSON object per pulse line instead of the table.")
  var json = false

  /// The largest number of rows, and of pulses simulated while looking for detections.
  static let maximumRows = 10_000
  static let maximumSimulatedPulses = 1 << 20

  func validate() throws {
    guard (1...Self.maximumRows).contains(pulses) else {
      throw ValidationError("--pulses must be between 1 and \(Self.maximumRows), got \(pulses)")
    }
    guard TranscriptColor(rawValue: color) != nil else {
      throw ValidationError("--color must be auto, always or never, got '\(color)'")
    }
  }

  func run() throws {
    let configuration: BB84Configuration
    do {
      var options = link.options()
      guard let kind = BB84LinkOptions.Source(rawValue: source) else {
        throw ValidationError(
          "--source must be decoy, weak-coherent or single-photon, got '\(source)'")
      }
      options.source = kind
      options.eve = try EavesdropperOption(parsing: eve)
      options.quantumPath = .exact
      options.pulses = pulses
      options.seed = seed
      configuration = try options.makeConfiguration()
    } catch let error as ValidationError {
      throw error
    } catch {
      throw refuse(error)
    }
    let rows: [TranscriptRow]
    do {
      rows = try TranscriptRow.simulate(
        link: configuration.link, seed: seed, count: pulses, onlyDetected: onlyDetected,
        pulseLimit: Self.maximumSimulatedPulses)
    } catch {
      throw refuse(error)
    }
    if json {
      for row in rows { try Output.printJSON(row) }
      return
    }
    let useColor = (TranscriptColor(rawValue: color) ?? .auto).enabled
    print(TranscriptTable(rows: rows, colored: useColor).text)
    if !onlyDetected && !rows.contains(where: { $0.bobBit != nil }) {
      print(
        "(no pulse reached Bob's detectors: most photons are lost at this distance; "
          + "add --only-detected to list the first pulses he detected)")
    }
    if onlyDetected && rows.count < pulses {
      print(
        "(only \(rows.count) of \(pulses) requested detections within "
          + "\(Self.maximumSimulatedPulses) pulses)")
    }
  }
}

/// The `--color` choice.
enum TranscriptColor: String {
  case auto, always, never

  /// Whether to emit ANSI colour codes.
  var enabled: Bool {
    switch self {
    case .always: return true
    case .never: return false
    case .auto: return isatty(STDOUT_FILENO) != 0
    }
  }
}
