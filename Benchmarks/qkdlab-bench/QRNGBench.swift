import ClassicalCrypto
import Foundation
import QRNG
import QuantumEngine

/// QRNG throughput on two threads (issue 6 target: ≥ 10^8 extracted bits/s): raw bits from the
/// simulated beam-splitter source, the health monitor, the entropy estimators, each extractor on
/// pre-generated raw bits, the end-to-end generator, and the SP 800-22 battery on 10^6 bits.
/// The yardstick is xoshiro256** filling bits in the same run. Every line carries a checksum
/// (popcount of the output), identical for any thread count at a fixed seed.
let qrngArea = BenchArea(
  name: "qrng",
  run: {
    do {
      try qrngBenchmarks()
    } catch {
      emit([("bench", "qrng_error"), ("message", "\(error)")])
    }
  })

private func qrngBenchmarks() throws {
  let threads = 2
  let seed: UInt64 = 2026
  let configuration = try BeamSplitterSourceConfiguration.typical()

  // Yardstick: a fast PRNG writing bits.
  var xoshiro = Xoshiro256StarStar(seed: seed)
  var yardstickBits = BitVector([])
  let yardstickSeconds = bestTime {
    yardstickBits = BitVector(randomCount: 1 << 26, using: &xoshiro)
  }
  let yardstick = Double(1 << 26) / yardstickSeconds
  emit([
    ("bench", "qrng_yardstick"), ("generator", "xoshiro256**"), ("threads", 1),
    ("bits_per_s", yardstick), ("checksum", yardstickBits.popcount),
  ])

  // Raw source.
  let rawCount = 1 << 23
  var raw = BitVector([])
  var statistics = SourceStatistics()
  let rawSeconds = bestTime(minRepeats: 2) {
    if let run = try? BeamSplitterSource.generate(
      count: rawCount, configuration: configuration, seed: seed, chunks: 16, threads: threads)
    {
      raw = run.bits
      statistics = run.statistics
    }
  }
  emit([
    ("bench", "qrng_raw"), ("source", "single_photon_typical"), ("threads", threads),
    ("bits", rawCount), ("seconds", rawSeconds), ("bits_per_s", Double(rawCount) / rawSeconds),
    ("gates_per_s", Double(statistics.gates) / rawSeconds), ("checksum", raw.popcount),
  ])

  // Health monitor (one thread: it is sequential by definition).
  let h = try MinEntropyEstimators.estimate(raw.slice(0..<1_000_000))
  let healthSeconds = bestTime {
    var monitor = try? HealthMonitor(
      minEntropyPerBit: h.minEntropyPerBit, falsePositiveExponent: 40)
    try? monitor?.check(raw)
  }
  emit([
    ("bench", "qrng_health"), ("threads", 1), ("bits", rawCount),
    ("bits_per_s", Double(rawCount) / healthSeconds),
  ])

  // Entropy assessment of 10^6 raw bits.
  let estimateSeconds = bestTime {
    _ = try? MinEntropyEstimators.estimate(raw.slice(0..<1_000_000))
  }
  emit([
    ("bench", "qrng_entropy_estimate"), ("bits", 1_000_000),
    ("bits_per_s", 1e6 / estimateSeconds), ("min_entropy_per_bit", h.minEntropyPerBit),
    ("most_common_value", h.mostCommonValue), ("collision", h.collision),
    ("markov", h.markov), ("compression", h.compression),
  ])

  // Extractors on the same raw bits.
  var seedStream = Xoshiro256StarStar(seed: seed).jumped()
  let toeplitz = try ToeplitzExtractor(
    inputLength: 1 << 20, minEntropyPerBit: h.minEntropyPerBit, epsilon: 1e-12,
    using: &seedStream)
  let conditioner = try SHA256Conditioner(minEntropyPerBit: h.minEntropyPerBit)
  let extractors: [(String, () -> BitVector)] = [
    ("toeplitz", { (try? toeplitz.extract(raw, threads: threads)) ?? BitVector([]) }),
    ("sha256", { (try? conditioner.condition(raw, threads: threads)) ?? BitVector([]) }),
    ("von_neumann", { VonNeumannExtractor.extract(raw) }),
  ]
  for (name, extract) in extractors {
    var out = BitVector([])
    let seconds = bestTime(minRepeats: 2) { out = extract() }
    let rate = Double(out.count) / seconds
    emit([
      ("bench", "qrng_extract"), ("extractor", name),
      ("threads", name == "von_neumann" ? 1 : threads),
      ("input_bits", raw.count), ("output_bits", out.count),
      ("min_entropy_per_bit", h.minEntropyPerBit), ("seconds", seconds),
      ("raw_bits_per_s", Double(raw.count) / seconds), ("extracted_bits_per_s", rate),
      ("target_extracted_bits_per_s", 1e8), ("vs_xoshiro", rate / yardstick),
      ("checksum", out.popcount),
    ])
  }

  // End to end: source, health tests, extraction (start-up assessment excluded).
  for kind in [ExtractorKind.sha256, .toeplitz] {
    let config = try QRNGConfiguration(source: configuration, extractor: kind)
    var qrng = try QRNG(configuration: config, seed: seed)
    let count = 1 << 22
    var out = BitVector([])
    let seconds = bestTime(minRepeats: 2) { out = (try? qrng.nextBits(count)) ?? BitVector([]) }
    emit([
      ("bench", "qrng_pipeline"), ("extractor", kind.rawValue), ("output_bits", count),
      ("seconds", seconds), ("extracted_bits_per_s", Double(count) / seconds),
      ("min_entropy_per_bit", qrng.assessment.minEntropyPerBit), ("checksum", out.popcount),
    ])
  }

  // The SP 800-22 battery on 10^6 extracted bits.
  let sample = try conditioner.condition(raw, threads: threads).slice(0..<1_000_000)
  let battery = try TestBattery(threads: threads)
  var results: [StatisticalTestResult] = []
  let batterySeconds = bestTime(minRepeats: 2) { results = (try? battery.run(sample)) ?? [] }
  emit([
    ("bench", "qrng_battery"), ("threads", threads), ("bits", 1_000_000),
    ("seconds", batterySeconds), ("bits_per_s", 1e6 / batterySeconds),
    ("passed", results.allSatisfy(\.passed)), ("tests", results.count),
  ])
}
