import ArgumentParser
import Foundation
import QKD

/// `qkdlab e91`: one E91 session on entangled pairs, with the CHSH test.
struct E91Command: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "e91",
    abstract: "Run an E91 session: entangled pairs, the CHSH test, and key distillation.",
    discussion: """
      Alice measures at 0°, 22.5°, 45° and Bob at 22.5°, 45°, 67.5° (Ekert 1991). Matched settings \
      give the key; mismatched ones the CHSH value S, which must exceed 2 by --chsh-abort-sigmas \
      standard deviations. The final length uses the device-independent bound of Acín et al. \
      (2007); the BBM92-style bound from the QBER is reported beside it.
      """)

  @Option(help: "Number of pairs the source emits.")
  var pairs: Int = 1_000_000
  @Option(help: "Total fibre length in km, split evenly between the arms.")
  var distanceKm: Double = 10
  @Option(help: "Length of Alice's arm in km (overrides the even split).")
  var distanceAKm: Double?
  @Option(help: "Length of Bob's arm in km (overrides the even split).")
  var distanceBKm: Double?
  @Option(help: "Fibre attenuation in dB/km.")
  var attenuationDbPerKm: Double = 0.2
  @Option(help: "Source visibility V (S = 2√2·V for an otherwise ideal link).")
  var visibility: Double = 0.98
  @Option(help: "Probability that one gate emits two pairs.")
  var multiPairProbability: Double = 0
  @Option(help: "Detector efficiency of each station.")
  var detectorEfficiency: Double = 0.5
  @Option(help: "Dark-count probability per gate per detector.")
  var darkCount: Double = 1e-6
  @Option(help: "Misalignment error of each station.")
  var misalignment: Double = 0.01
  @Option(help: "Attack: none or intercept-resend:P[:alice|bob[:random|hv|da|breidbart]].")
  var eve: String = "none"
  @Option(help: "Standard deviations by which S must exceed 2.")
  var chshAbortSigmas: Double = 3
  @Option(help: "Quantum phase: compiled or exact.")
  var path: String = "compiled"
  @Option(help: "Seed for every random choice of the run.")
  var seed: UInt64 = 1
  @Option(help: "Threads for the compiled quantum phase (results do not depend on it).")
  var threads: Int?
  @Flag(help: "Print the report as one JSON object.")
  var json = false

  func run() throws {
    var o = E91LinkOptions()
    guard pairs > 0 else { throw ValidationError("--pairs must be ≥ 1, got \(pairs)") }
    guard let p = BB84QuantumPath(rawValue: path) else {
      throw ValidationError("--path must be compiled or exact, got '\(path)'")
    }
    if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1, got \(threads)") }
    o.pairs = pairs
    o.distanceKm = distanceKm
    o.distanceAKm = distanceAKm
    o.distanceBKm = distanceBKm
    o.attenuationDbPerKm = attenuationDbPerKm
    o.visibility = visibility
    o.multiPairProbability = multiPairProbability
    o.detectorEfficiency = detectorEfficiency
    o.darkCount = darkCount
    o.misalignment = misalignment
    o.chshAbortSigmas = chshAbortSigmas
    o.quantumPath = p
    o.seed = seed
    let result: E91SessionResult
    do {
      o.eve = try E91EavesdropperOption(parsing: eve)
      let configuration = try o.makeConfiguration()
      let bar = ProgressBar("e91")
      result = try E91Session(configuration: configuration).run(threads: threads) {
        bar.update($0.fraction)
      }
      bar.finish()
    } catch {
      throw refuse(error)
    }
    if json {
      try Output.printJSON(result.report)
      return
    }
    let r = result.report
    func f(_ x: Double?, _ fmt: String) -> String { x.map { String(format: fmt, $0) } ?? "–" }
    print(
      "E91 over \(r.distanceAKm) + \(r.distanceBKm) km, V = \(r.visibility), eve: \(r.eve), seed \(r.seed), \(r.pairs) pairs"
    )
    print(
      "  coincidences      \(r.coincidences) (sifted key \(r.siftedBits), CHSH test \(r.testCoincidences))"
    )
    print(
      "  CHSH S            \(f(r.chshS, "%.4f")) ± \(f(r.chshSigma, "%.4f"))  (classical bound 2, Tsirelson 2√2 ≈ 2.8284)"
    )
    print("  QBER              \(f(r.qber.map { 100 * $0 }, "%.3f")) %")
    print(
      "  key rate bounds   device-independent \(f(r.keyRateDeviceIndependent, "%.4f")), BBM92 \(f(r.keyRateBBM92, "%.4f")) per sifted bit"
    )
    print("  final key         \(r.finalKeyBits) bits")
    if r.aborted { print("  ABORTED: \(r.abortDetail ?? r.abortReason ?? "unknown")") }
  }
}
