import Foundation

/// Output conventions shared by every `qkdlab` subcommand: JSON is one object per line with
/// snake_case keys; progress goes to standard error, and only when it is a terminal.
enum Output {
  /// Encodes `value` as one line of JSON with sorted keys.
  static func jsonLine<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// Prints `value` as one JSON line on standard output.
  static func printJSON<T: Encodable>(_ value: T) throws {
    print(try jsonLine(value))
  }

  /// Writes a line to standard error.
  static func warn(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }

  /// Whether standard error is a terminal (progress bars only then).
  static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

/// A progress bar on standard error, drawn only when standard error is a terminal.
final class ProgressBar: @unchecked Sendable {
  private let label: String
  private let enabled: Bool
  private let lock = NSLock()
  private var lastDrawn = -1

  /// A bar with a label; disabled when standard error is not a terminal.
  init(_ label: String) {
    self.label = label
    self.enabled = Output.stderrIsTerminal
  }

  /// Redraws the bar for a fraction in [0, 1].
  func update(_ fraction: Double) {
    guard enabled else { return }
    let percent = Int((max(0, min(1, fraction)) * 100).rounded(.down))
    lock.lock()
    defer { lock.unlock() }
    guard percent != lastDrawn else { return }
    lastDrawn = percent
    let width = 30
    let filled = width * percent / 100
    let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)%".utf8))
  }

  /// Ends the bar with a newline.
  func finish() {
    guard enabled else { return }
    update(1)
    FileHandle.standardError.write(Data("\n".utf8))
  }
}
