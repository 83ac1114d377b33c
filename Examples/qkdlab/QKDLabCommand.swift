import ArgumentParser

/// `qkdlab`: the lab bench. Each subcommand runs one experiment and prints a readable summary, or
/// JSON lines with `--json`.
@main
struct QKDLabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "qkdlab",
    abstract: "Quantum key distribution lab: simulate links, protocols and attacks.",
    discussion: """
      Every random process takes --seed; the same seed gives the same result on any number of \
      threads. JSON output is one object per line.
      """,
    subcommands: QKDLabCommand.available)
}
