// Photonics benchmarks: the compiled fast path for decoy BB84 against the raw throughput of the
// seeded generator (the practical ceiling of any per-pulse method), measured in the same run.
import Dispatch
import Foundation
import Photonics
import QuantumEngine

/// Raw Xoshiro256StarStar draws per second on `threads` threads (independent streams).
private func generatorDrawsPerSecond(threads: Int) -> Double {
  let perThread = 1 << 26
  let sink = UnsafeMutablePointer<UInt64>.allocate(capacity: threads)
  defer { sink.deallocate() }
  let sinkAddress = UInt(bitPattern: sink)
  let time = bestTime(minRepeats: 3, minSeconds: 0.5) {
    DispatchQueue.concurrentPerform(iterations: threads) { t in
      var rng = Xoshiro256StarStar.stream(seed: 1, index: UInt64(t))
      var acc: UInt64 = 0
      for _ in 0..<perThread { acc ^= rng.next() }
      UnsafeMutablePointer<UInt64>(bitPattern: sinkAddress)?[t] = acc
    }
  }
  return Double(perThread * threads) / time
}

private func photonicsLink(km: Double, deadTime: Int = 0, afterpulse: Double = 0) throws
  -> LinkConfiguration
{
  try LinkConfiguration(
    source: .decoy(
      signal: 0.5, decoy: 0.1, signalProbability: 0.7, decoyProbability: 0.2,
      vacuumProbability: 0.1),
    fibre: Fibre(lengthKm: km),
    eavesdropper: .interceptResend(fraction: 0.1, strategy: .random),
    receiver: Receiver(
      detector: Detector(
        efficiency: 0.1, darkCountProbability: 1e-6, deadTimeGates: deadTime,
        afterpulseProbability: afterpulse),
      misalignment: 0.01))
}

/// The `photonics` area: pulses per second of decoy BB84 (signal/decoy/vacuum, 50 km, 10%
/// intercept-resend, two detectors) on 1 and 2 threads, direct and skip-ahead sampling.
let photonicsArea = BenchArea(
  name: "photonics",
  run: {
    let cases: [(String, Double, Int, Double, SamplingMode, Int)] = [
      ("decoy-bb84-50km-ir10-direct", 50, 0, 0, .direct, 1 << 27),
      ("decoy-bb84-50km-ir10-skipahead", 50, 0, 0, .skipAhead, 1 << 32),
      ("decoy-bb84-50km-ir10-deadtime100-skipahead", 50, 100, 0.01, .skipAhead, 1 << 31),
      ("decoy-bb84-5km-ir10-direct", 5, 0, 0, .direct, 1 << 27),
    ]
    for threads in [1, 2] {
      let g = generatorDrawsPerSecond(threads: threads)
      for (name, km, dead, ap, mode, pulses) in cases {
        guard let config = try? photonicsLink(km: km, deadTime: dead, afterpulse: ap),
          let sim = try? LinkSimulator(configuration: config)
        else { continue }
        var detected: UInt64 = 0
        let time = bestTime(minRepeats: 2, minSeconds: 1) {
          if let run = try? sim.run(pulses: pulses, seed: 42, threads: threads, mode: mode) {
            detected = run.statistics.detected()
          }
        }
        let rate = Double(pulses) / time
        emit([
          ("bench", name), ("pulses", pulses), ("threads", threads), ("pulses_per_s", rate),
          ("generator_draws_per_s", g), ("ratio_to_generator", rate / g),
          ("detections", Int(detected)),
        ])
      }
      // Entangled pairs, Ekert settings, 10 km + 10 km, V = 0.95, 5% multi-pair emission.
      if let pairConfig = try? PairLinkConfiguration(
        source: EntangledPairSource(
          visibility: 0.95, pairProbability: 0.5, multiPairProbability: 0.05),
        fibreA: Fibre(lengthKm: 10), fibreB: Fibre(lengthKm: 10),
        receiverA: Receiver(
          detector: Detector(efficiency: 0.2, darkCountProbability: 1e-6), misalignment: 0.01),
        receiverB: Receiver(
          detector: Detector(efficiency: 0.2, darkCountProbability: 1e-6), misalignment: 0.01)),
        let pairSim = try? PairLinkSimulator(configuration: pairConfig)
      {
        let gates = 1 << 28
        let time = bestTime(minRepeats: 2, minSeconds: 1) {
          _ = try? pairSim.run(gates: gates, seed: 42, threads: threads)
        }
        emit([
          ("bench", "pairs-e91-10+10km"), ("pulses", gates), ("threads", threads),
          ("pulses_per_s", Double(gates) / time), ("generator_draws_per_s", g),
          ("ratio_to_generator", Double(gates) / time / g),
        ])
      }
    }
  })
