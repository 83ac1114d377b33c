import ArgumentParser
import Foundation
import QKD
import QKDLabPlot

/// `qkdlab sweep`: runs one parameter over a range, writing CSV/JSON and an SVG plot.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Sweep a link parameter over a range, simulate each point, and plot it.",
    discussion: """
      PARAMETER is one of: distance (km), intercept (fraction of pulses Eve intercept-resends), \
      mu (signal intensity), dark-count (per gate per detector), visibility (E91 source). Each point \
      is a full simulated session with --pulses pulses (or pairs) next to the closed-form theory.
      Example: qkdlab sweep distance --from 0 --to 150 --step 10 --plot keyrate.svg
      """)

  @Argument(help: "distance, intercept, mu, dark-count or visibility.")
  var parameter: String

  @Option(help: "First value.")
  var from: Double
  @Option(help: "Last value (inclusive).")
  var to: Double
  @Option(help: "Step between values (> 0).")
  var step: Double

  @OptionGroup var link: LinkFlags

  @Option(help: "Pulses (or pairs) per simulated point.")
  var pulses: Int = 20_000_000

  @Option(help: "Seed; point k uses seed + k.")
  var seed: UInt64 = 1

  @Option(help: "Write an SVG plot to this file.")
  var plot: String?

  @Option(help: "Write a CSV table to this file.")
  var csv: String?

  @Flag(help: "Print one JSON object per point.")
  var json = false

  func validate() throws {
    guard ["distance", "intercept", "mu", "dark-count", "visibility"].contains(parameter) else {
      throw ValidationError(
        "PARAMETER must be distance, intercept, mu, dark-count or visibility, got '\(parameter)'")
    }
    guard from.isFinite, to.isFinite, step.isFinite, step > 0, to >= from else {
      throw ValidationError(
        "need finite --from ≤ --to and --step > 0 (got \(from), \(to), \(step))")
    }
    guard (to - from) / step <= 1000 else {
      throw ValidationError("at most 1001 points: (to − from)/step = \((to - from) / step)")
    }
    guard pulses >= 1000 else { throw ValidationError("--pulses must be ≥ 1000, got \(pulses)") }
  }

  func run() throws {
    let count = Int(((to - from) / step + 1e-9).rounded(.down)) + 1
    let values = (0..<count).map { from + Double($0) * step }
    let bar = ProgressBar("sweep \(parameter)")
    var rows: [SweepRow] = []
    for (k, v) in values.enumerated() {
      let row: SweepRow
      do {
        row =
          try parameter == "visibility"
          ? SweepPoint.e91(visibility: v, link: link, pairs: pulses, seed: seed &+ UInt64(k))
          : SweepPoint.bb84(
            parameter: parameter, value: v, link: link, pulses: pulses, seed: seed &+ UInt64(k))
      } catch let e as ValidationError {
        throw e
      } catch {
        throw refuse(error)
      }
      rows.append(row)
      if json { try Output.printJSON(row) }
      bar.update(Double(k + 1) / Double(count))
    }
    bar.finish()
    if !json { print(SweepRow.table(rows)) }
    if let csv {
      try SweepRow.csv(rows).write(toFile: csv, atomically: true, encoding: .utf8)
    }
    if let plot {
      let chart = try SweepPlot.chart(parameter: parameter, rows: rows, link: link)
      try chart.svg().write(toFile: plot, atomically: true, encoding: .utf8)
    }
  }
}
