import Foundation
import QuantumEngine
import Testing

@testable import Photonics

/// Shared link builders and statistical helpers for the Photonics tests.
enum Links {
  /// A decoy link: μ = 0.5 signal, 0.1 decoy, vacuum; 0.2 dB/km fibre; η_det, dark d, e_d.
  static func decoy(
    km: Double, eta: Double = 0.1, dark: Double = 1e-5, misalignment: Double = 0.01,
    eve: Eavesdropper = .none, detector: Detector? = nil, batchSize: Int = 1 << 16
  ) throws -> LinkConfiguration {
    let det = try detector ?? Detector(efficiency: eta, darkCountProbability: dark)
    return try LinkConfiguration(
      source: .decoy(
        signal: 0.5, decoy: 0.1, signalProbability: 0.6, decoyProbability: 0.3,
        vacuumProbability: 0.1),
      fibre: Fibre(lengthKm: km), eavesdropper: eve,
      receiver: Receiver(detector: det, misalignment: misalignment), batchSize: batchSize)
  }

  /// |x − expected| within `sigmas` binomial standard deviations of n trials (plus a tiny slack
  /// for p near 0 or 1).
  static func withinBinomial(_ x: Double, _ p: Double, n: UInt64, sigmas: Double = 5) -> Bool {
    let sd = (p * (1 - p) / Double(max(n, 1))).squareRoot()
    return abs(x - p) <= sigmas * sd + 1e-12
  }
}

@Suite struct LinkSimulatorTests {
  @Test func gainAndErrorMatchDecoyClosedForms() throws {
    let c = try Links.decoy(km: 25, eta: 0.2, dark: 1e-4, misalignment: 0.02)
    let sim = try LinkSimulator(configuration: c)
    let eta = c.fibre.transmittance * 0.2
    let y0 = 1 - (1 - 1e-4) * (1 - 1e-4)
    for (i, mu) in [0.5, 0.1, 0.0].enumerated() {
      // Exact thinned-Poisson gain with independent dark counts: 1 − (1 − Y0)e^{−ημ}.
      let q = 1 - (1 - y0) * exp(-eta * mu)
      #expect(abs(sim.compiled.gain(intensity: i) - q) < 1e-12)
      // Lo–Ma–Chen form Q = Y0 + 1 − e^{−ημ}, exact up to Y0(1 − e^{−ημ}).
      #expect(
        abs(sim.compiled.gain(intensity: i) - (y0 + 1 - exp(-eta * mu)))
          <= y0 * (1 - exp(-eta * mu)) + 1e-12)
      // E·Q = e0·Y0 + e_d(1 − e^{−ημ}), up to O((ημ)²) from double clicks of independent photons.
      let eq = 0.5 * y0 + 0.02 * (1 - exp(-eta * mu))
      let e = sim.compiled.errorRate(intensity: i)
      #expect(abs(e * q - eq) < 1e-3 * eq + (eta * mu) * (eta * mu))
    }
    let run = try sim.run(pulses: 4_000_000, seed: 7, threads: 2)
    for i in 0..<3 {
      let n = run.statistics.pulses(intensity: i)
      #expect(
        Links.withinBinomial(
          run.statistics.gain(intensity: i), sim.compiled.gain(intensity: i), n: n))
    }
    let sifted = run.statistics.sifted(intensity: 0)
    #expect(
      Links.withinBinomial(
        run.statistics.qber(intensity: 0), sim.compiled.errorRate(intensity: 0), n: sifted))
  }
}

@Suite struct LinkSimulatorBatchingTests {
  @Test func resultsAreIdenticalForAnyThreadCountAndStreamInOrder() throws {
    let sim = try LinkSimulator(
      configuration: Links.decoy(
        km: 20, eta: 0.2, eve: .interceptResend(fraction: 0.2, strategy: .random),
        batchSize: 1 << 12))
    let one = try sim.run(pulses: 300_000, seed: 99, threads: 1, recordDetections: true)
    let two = try sim.run(pulses: 300_000, seed: 99, threads: 2, recordDetections: true)
    #expect(one.statistics == two.statistics)
    #expect(one.detections == two.detections)
    #expect(one.statistics.pulses() == 300_000)
    var streamed = LinkStatistics(intensityCount: 3)
    var detections = PulseBatch()
    var next: UInt64 = 0
    _ = try sim.run(
      pulses: 300_000, seed: 99, threads: 2, recordDetections: true, chunkPulses: 50_000
    ) { chunk in
      #expect(chunk.firstPulse == next)
      next += UInt64(chunk.pulseCount)
      streamed.add(chunk.statistics)
      if let d = chunk.detections { detections.append(contentsOf: d) }
    }
    #expect(next == 300_000)
    #expect(streamed == one.statistics)
    #expect(detections == one.detections)
    let d = try #require(one.detections)
    #expect(zip(d.pulseIndex, d.pulseIndex.dropFirst()).allSatisfy { $0 < $1 })
    #expect(UInt64(d.count) == one.statistics.detected())
    let data = try JSONEncoder().encode(one)
    #expect(try JSONDecoder().decode(LinkRun.self, from: data).statistics == one.statistics)
  }

  @Test func directAndSkipAheadSamplingAgree() throws {
    let sim = try LinkSimulator(configuration: Links.decoy(km: 5, eta: 0.3, dark: 1e-3))
    let direct = try sim.run(pulses: 500_000, seed: 3, mode: .direct).statistics
    let skip = try sim.run(pulses: 500_000, seed: 3, mode: .skipAhead).statistics
    for s in [direct, skip] {
      for i in 0..<3 {
        #expect(
          Links.withinBinomial(
            s.gain(intensity: i), sim.compiled.gain(intensity: i), n: s.pulses(intensity: i)))
      }
      #expect(
        Links.withinBinomial(
          s.qber(intensity: 0), sim.compiled.errorRate(intensity: 0), n: s.sifted(intensity: 0)))
    }
  }

  /// Dead time and afterpulsing on dark counts alone form a renewal process: after a click the
  /// detector is blind for τ gates, its first live gate fires with q₁ = 1 − (1 − d)(1 − a), and
  /// after that every gate with d, so the click rate is 1 / (1 + τ + 1 + (1 − q₁)/d).
  @Test(arguments: [SamplingMode.direct, .skipAhead])
  func deadTimeAndAfterpulsingFollowTheRenewalRate(mode: SamplingMode) throws {
    let d = 0.05
    let tau = 20
    let a = 0.2
    let config = try LinkConfiguration(
      source: .weakCoherent(mean: 0), fibre: Fibre(lengthKm: 0),
      receiver: Receiver(
        detector0: Detector(
          efficiency: 1, darkCountProbability: d, deadTimeGates: tau, afterpulseProbability: a),
        detector1: Detector(efficiency: 1)), batchSize: 1 << 20)
    let run = try LinkSimulator(configuration: config).run(pulses: 1 << 20, seed: 8, mode: mode)
    let q1 = 1 - (1 - d) * (1 - a)
    let rate = 1 / (2 + Double(tau) + (1 - q1) / d)
    let clicks = Double(run.statistics.detected())
    // Renewal counts have variance ≈ N·rate·(cycle-length CV²); the cycle is dominated by a
    // geometric wait, so the binomial bound with 6σ is conservative.
    #expect(abs(clicks / Double(1 << 20) - rate) < 6 * (rate / Double(1 << 20)).squareRoot())
    #expect(clicks / Double(1 << 20) < d * 0.7)
  }

  /// Drift rotates linear polarization by θ_b in batch b, so the expected QBER of an otherwise
  /// perfect link is the pulse-weighted mean of sin²θ_b; re-aligning the frame keeps it lower.
  @Test func driftWithoutAlignmentRaisesQberAsPredicted() throws {
    func config(_ alignment: Double?) throws -> LinkConfiguration {
      try LinkConfiguration(
        source: .singlePhoton,
        fibre: Fibre(
          lengthKm: 0,
          drift: PolarizationDrift(
            diffusionRadiansPerSqrtSecond: 0.5, alignmentIntervalSeconds: alignment)),
        receiver: .ideal, pulseRateHz: 1e6, batchSize: 1 << 12)
    }
    let pulses = 1 << 19
    let free = try LinkSimulator(configuration: config(nil))
    let angles = free.driftAngles(pulses: pulses, seed: 12)
    let predicted = angles.reduce(0) { $0 + pow(sin($1), 2) } / Double(angles.count)
    let run = try free.run(pulses: pulses, seed: 12).statistics
    #expect(predicted > 0.01)
    #expect(Links.withinBinomial(run.qber(), predicted, n: run.sifted()))
    let aligned = try LinkSimulator(configuration: config(0.01)).run(pulses: pulses, seed: 12)
    #expect(aligned.statistics.qber() < run.qber() / 2)
  }

  @Test func badRunParametersThrow() throws {
    let sim = try LinkSimulator(configuration: Links.decoy(km: 5))
    #expect(throws: PhotonicsError.self) { try sim.run(pulses: -1, seed: 0) }
    #expect(throws: PhotonicsError.self) { try sim.run(pulses: 10, seed: 0, threads: 0) }
    var bad = sim.configuration
    bad.bobRectilinearProbability = 2
    #expect(throws: PhotonicsError.self) { try LinkSimulator(configuration: bad) }
    bad = sim.configuration
    bad.eavesdropper = .interceptResend(fraction: -0.5, strategy: .random)
    #expect(throws: PhotonicsError.self) { try LinkSimulator(configuration: bad) }
    var drifting = sim.configuration
    drifting.fibre = try Fibre(
      lengthKm: 5, drift: PolarizationDrift(diffusionRadiansPerSqrtSecond: 0.1))
    drifting.batchSize = 1024
    let driftSim = try LinkSimulator(configuration: drifting)
    #expect(throws: PhotonicsError.self) { try driftSim.run(pulses: 1024 << 27, seed: 0) }
  }
}
