import ArgumentParser
import DemoSupport
import Foundation
import QKDLab

/// `qrng-demo`: random bits from photons on a beam splitter, from raw clicks to tested output.
@main
struct QRNGDemo: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "qrng-demo",
    abstract: "Make random bits from single photons and check how random they really are.",
    discussion: """
      A photon polarized at 45° meets a polarizing beam splitter: which detector clicks is a \
      quantum coin toss. Real detectors differ slightly in efficiency, so the raw bits are \
      biased; the demo measures the bias, estimates the min-entropy (NIST SP 800-90B), extracts \
      nearly uniform bits with a Toeplitz hash, and runs the SP 800-22 test battery on both.
      """)

  @Option(help: "Raw bits to generate (at least 65536).")
  var bits: Int = 1 << 18

  @Option(help: "Relative efficiency mismatch of the two detectors (0.02 = 2 %).")
  var efficiencyMismatch: Double = 0.02

  @Option(help: "Seed of the simulated source.")
  var seed: UInt64 = 7

  func validate() throws {
    guard (1 << 16...1 << 24).contains(bits) else {
      throw ValidationError("--bits must be between 65536 and 16777216, got \(bits)")
    }
    guard efficiencyMismatch.isFinite, (-0.5...0.5).contains(efficiencyMismatch) else {
      throw ValidationError(
        "--efficiency-mismatch must be between -0.5 and 0.5, got \(efficiencyMismatch)")
    }
  }

  func run() throws {
    do {
      try QRNGStory(rawBits: bits, mismatch: efficiencyMismatch, seed: seed).tell()
    } catch {
      throw ValidationError("\(error)")
    }
  }
}
