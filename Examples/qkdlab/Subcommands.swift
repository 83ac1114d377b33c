import ArgumentParser

extension QKDLabCommand {
  /// Every subcommand, in the order `qkdlab --help` lists them.
  static let available: [any ParsableCommand.Type] = [
    BB84Command.self,
    E91Command.self,
    TheoryCommand.self,
    SweepCommand.self,
    TranscriptCommand.self,
    QRNGCommand.self,
    DetectCommand.self,
  ]
}
