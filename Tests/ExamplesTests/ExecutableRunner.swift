import Foundation

/// Runs a built example executable from the products directory and captures its output.
///
/// SwiftPM puts executables next to the test bundle (`.build/debug/`), as in
/// swift-argument-parser's `ArgumentParserExampleTests`; on Linux the test runner is itself an
/// executable in that directory, found through `/proc/self/exe`.
struct ExecutableRunner {
  /// The captured result of one run.
  struct Result {
    let exitCode: Int32
    let stdout: String
    let stderr: String
  }

  /// Errors while locating or starting an executable.
  enum RunnerError: Error, CustomStringConvertible {
    case executableNotFound(String, searched: String)

    var description: String {
      switch self {
      case .executableNotFound(let name, let dir):
        return "executable '\(name)' not found in \(dir); build it first (swift build)"
      }
    }
  }

  /// The directory holding the built products.
  static let productsDirectory: URL = {
    if let override = ProcessInfo.processInfo.environment["QKDLAB_PRODUCTS_DIR"] {
      return URL(fileURLWithPath: override)
    }
    #if os(macOS)
      for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        return bundle.bundleURL.deletingLastPathComponent()
      }
    #endif
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
      // The runner may sit inside an .xctest bundle directory.
      while dir.path.contains(".xctest") { dir.deleteLastPathComponent() }
      return dir
    }
    return Bundle.main.bundleURL
  }()

  /// Runs `name` with `arguments`, sending stdout and stderr to temporary files (so large
  /// outputs cannot fill a pipe and block the child).
  static func run(_ name: String, _ arguments: [String]) throws -> Result {
    let url = productsDirectory.appendingPathComponent(name)
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
      throw RunnerError.executableNotFound(name, searched: productsDirectory.path)
    }
    let tmp = FileManager.default.temporaryDirectory
    let id = UUID().uuidString
    let outURL = tmp.appendingPathComponent("qkdlab-e2e-\(id).out")
    let errURL = tmp.appendingPathComponent("qkdlab-e2e-\(id).err")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outURL)
      try? FileManager.default.removeItem(at: errURL)
    }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Result(
      exitCode: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }

  /// A fresh path in the temporary directory.
  static func temporaryFile(_ suffix: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "qkdlab-e2e-\(UUID().uuidString)\(suffix)")
  }
}
