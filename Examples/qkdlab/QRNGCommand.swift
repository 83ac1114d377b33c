import ArgumentParser
import ClassicalCrypto
import Foundation
import QKDLabPlot
import QRNG

/// `qkdlab qrng`: random bytes from a simulated beam-splitter QRNG, with its estimates and tests.
struct QRNGCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "qrng",
    abstract: "Generate random bits from a simulated quantum source, with health tests, "
      + "min-entropy estimation, extraction and the SP 800-22 battery.")

  @Option(help: "Number of output bits.")
  var bits: Int = 1_000_000

  @Option(help: "Write the bits to this file (packed bytes, least significant bit first).")
  var out: String?

  @Option(help: "Seed of the simulated source.")
  var seed: UInt64 = 1

  @Flag(help: "Output the raw (health-tested, unextracted) bits instead.")
  var raw = false

  @Flag(help: "Run the NIST SP 800-22 battery (α = 0.01) on the output.")
  var tests = false

  @Option(help: "Extractor: toeplitz, sha256, von_neumann.")
  var extractor: String = "toeplitz"

  @Option(help: "Relative efficiency mismatch between the two detectors (0.02 = 2 %).")
  var efficiencyMismatch: Double = 0.02

  @Option(
    help: "Write an SVG picture of raw bias and min-entropy against detector efficiency mismatch.")
  var plot: String?

  @Flag(help: "Print the report as one JSON object.")
  var json = false

  func validate() throws {
    guard bits >= 1 else { throw ValidationError("--bits must be ≥ 1, got \(bits)") }
    guard ExtractorKind(rawValue: extractor) != nil, extractor != "none" else {
      throw ValidationError(
        "--extractor must be toeplitz, sha256 or von_neumann, got '\(extractor)'")
    }
  }

  func run() throws {
    if let plot { try writeBiasPicture(to: plot) }
    let result: (bits: BitVector, report: QRNGReport)
    do {
      let source = try BeamSplitterSourceConfiguration.typical(
        efficiencyMismatch: efficiencyMismatch)
      let configuration = try QRNGConfiguration(
        source: source, extractor: ExtractorKind(rawValue: extractor) ?? .toeplitz)
      result = try QRNG.generate(
        bits: bits, seed: seed, raw: raw, runTests: tests, configuration: configuration)
    } catch {
      throw refuse(error)
    }
    if let out {
      do {
        try Data(result.bits.bytes).write(to: URL(fileURLWithPath: out))
      } catch {
        throw ValidationError("cannot write --out '\(out)': \(error.localizedDescription)")
      }
    }
    let r = result.report
    if json {
      try Output.printJSON(r)
      return
    }
    let ones = result.bits.popcount
    print(
      "QRNG: \(r.outputBits) \(raw ? "raw" : "extracted (\(r.extractor.rawValue))") bits from \(r.rawBits) raw bits, seed \(seed)"
    )
    print(
      String(
        format:
          "  min-entropy of the raw source: %.4f bits per bit (SP 800-90B, minimum of the estimators)",
        r.minEntropyPerBit))
    print(
      String(
        format: "  fraction of ones in the output: %.5f",
        Double(ones) / Double(max(1, r.outputBits))))
    if let t = r.tests {
      for test in t {
        let name = test.name.padding(toLength: 28, withPad: " ", startingAt: 0)
        print(
          "  \(name) " + String(format: "p = %.4f  ", test.pValue) + (test.passed ? "pass" : "FAIL")
        )
      }
    }
    if let out { print("  wrote \((r.outputBits + 7) / 8) bytes to \(out)") }
  }

  /// Raw bias and min-entropy of the source for detector efficiency mismatches 0–10 %, from
  /// 10^6 raw bits each, with the ideal −log₂ max(p, 1 − p) of the measured bias for comparison.
  func writeBiasPicture(to path: String) throws {
    let mismatches = stride(from: 0.0, through: 0.1, by: 0.01).map { $0 }
    var bias: [Double] = []
    var entropy: [Double] = []
    var ideal: [Double] = []
    do {
      for (k, m) in mismatches.enumerated() {
        var source = BeamSplitterSource(
          configuration: try .typical(efficiencyMismatch: m), seed: seed &+ UInt64(k))
        let raw = try source.nextBits(1_000_000)
        let p1 = Double(raw.popcount) / Double(raw.count)
        bias.append(p1 - 0.5)
        entropy.append(try MinEntropyEstimators.estimate(raw).minEntropyPerBit)
        ideal.append(-log2(max(p1, 1 - p1)))
      }
    } catch {
      throw refuse(error)
    }
    var chart = Chart(
      title: "QRNG raw bits: bias and min-entropy against detector mismatch",
      xLabel: "relative efficiency mismatch of the two detectors",
      yLabel: "bits per raw bit (bias: P(1) − 1/2)")
    chart.legendPosition = .middleRight
    chart.add(Series(name: "bias P(1) − 1/2", x: mismatches, y: bias, style: .points))
    chart.add(
      Series(
        name: "−log₂ max(p, 1 − p) of that bias (bias alone)", x: mismatches, y: ideal,
        style: .dashed))
    chart.add(
      Series(
        name: "SP 800-90B min-entropy estimate (bias and correlations)", x: mismatches,
        y: entropy, style: .line))
    do {
      try chart.svg().write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw ValidationError("cannot write --plot '\(path)': \(error.localizedDescription)")
    }
  }
}
