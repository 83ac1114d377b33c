// qkdlab-bench: release-mode benchmarks, one JSON object per line on standard output.
// Usage: swift run -c release qkdlab-bench AREA [AREA ...]   (no area: list them)
import Foundation

/// Every benchmark area, by the name used on the command line.
let areas: [BenchArea] = [
  qrngArea,
  photonicsArea,
  postprocessingArea,
  engineArea,
  detectArea,
  e91Area,
]

let requested = Array(CommandLine.arguments.dropFirst())
if requested.isEmpty || requested.contains("--help") {
  print("usage: qkdlab-bench AREA [AREA ...]\nareas: " + areas.map(\.name).joined(separator: " "))
  exit(requested.isEmpty ? 1 : 0)
}
for name in requested {
  guard let area = areas.first(where: { $0.name == name }) else {
    FileHandle.standardError.write(
      "qkdlab-bench: unknown area '\(name)'; areas: \(areas.map(\.name).joined(separator: " "))\n"
        .data(using: .utf8)!)
    exit(2)
  }
  area.run()
}
