import ArgumentParser
import DemoSupport
import Foundation
import QKDLab

/// `bb84-demo`: one decoy-state BB84 session told step by step, from Alice's pulses to a message
/// encrypted with the key.
@main
struct BB84Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bb84-demo",
    abstract: "Watch BB84 make a secret key, step by step, and use it to encrypt a message.",
    discussion: """
      The first pulses are shown from the exact path (each photon an engine density matrix); the \
      whole session then runs on the compiled fast path with the same link. Try --eve \
      intercept-resend:1 to watch the protocol catch an eavesdropper, or --distance-km 120 to \
      run out of photons.
      """)

  @OptionGroup var link: DemoLinkFlags

  @Option(help: "Pulses Alice sends.")
  var pulses: Int = 4_000_000

  @Option(help: "Attack: none, intercept-resend:P, breidbart:P, beam-splitting:F or pns.")
  var eve: String = "none"

  @Option(help: "Seed for every random choice (same seed, same story).")
  var seed: UInt64 = 7

  @Option(help: "Detected pulses to show in the opening table.")
  var tableRows: Int = 10

  @Option(help: "The message to encrypt with the key.")
  var message: String = "Meet at the bridge at noon."

  func validate() throws {
    guard pulses >= 1 else { throw ValidationError("--pulses must be ≥ 1, got \(pulses)") }
    guard (0...100).contains(tableRows) else {
      throw ValidationError("--table-rows must be between 0 and 100, got \(tableRows)")
    }
  }

  func run() throws {
    let configuration = try link.configuration(pulses: pulses, eve: eve, seed: seed)
    BB84Story(configuration: configuration, linkFlags: link, eve: eve, tableRows: tableRows)
      .tell(message: message)
  }
}
