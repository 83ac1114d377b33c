// E91 benchmarks: entangled pairs per second on the compiled fast path (counts only, and with
// the per-detection records the protocol sifts), and a whole session from pairs to key, each
// against the raw Xoshiro256StarStar draw rate measured in the same run (one draw per gate is
// the ceiling of the direct sampler).
import Dispatch
import Foundation
import Photonics
import QKD
import QuantumEngine

/// Raw generator draws per second on `threads` threads (independent streams).
private func e91GeneratorDrawsPerSecond(threads: Int) -> Double {
  let perThread = 1 << 26
  let sink = UnsafeMutablePointer<UInt64>.allocate(capacity: threads)
  defer { sink.deallocate() }
  let address = UInt(bitPattern: sink)
  let time = bestTime(minRepeats: 3, minSeconds: 0.5) {
    DispatchQueue.concurrentPerform(iterations: threads) { t in
      var rng = Xoshiro256StarStar.stream(seed: 7, index: UInt64(t))
      var acc: UInt64 = 0
      for _ in 0..<perThread { acc ^= rng.next() }
      UnsafeMutablePointer<UInt64>(bitPattern: address)?[t] = acc
    }
  }
  return Double(perThread * threads) / time
}

/// The default `qkdlab e91` link (5 km + 5 km, V = 0.98, η = 0.5, e_d = 1 %, Ekert angles)
/// with `pairs` gates.
private func e91BenchConfiguration(pairs: Int) -> E91Configuration? {
  var options = E91LinkOptions()
  options.pairs = pairs
  return try? options.makeConfiguration()
}

/// The `e91` area.
let e91Area = BenchArea(
  name: "e91",
  run: {
    for threads in [1, 2] {
      let g = e91GeneratorDrawsPerSecond(threads: threads)
      // Fast path, counts only.
      let gates = 1 << 27
      if let config = e91BenchConfiguration(pairs: gates),
        let simulator = try? PairLinkSimulator(configuration: config.link)
      {
        var coincidences: UInt64 = 0
        let time = bestTime(minRepeats: 2, minSeconds: 1) {
          if let run = try? simulator.run(gates: gates, seed: 42, threads: threads) {
            coincidences = run.statistics.coincidences(aliceSetting: 1, bobSetting: 0).total
          }
        }
        let rate = Double(gates) / time
        emit([
          ("bench", "e91-fast-path-counts"), ("pairs", gates), ("threads", threads),
          ("pairs_per_s", rate), ("generator_draws_per_s", g), ("ratio_to_generator", rate / g),
          ("key_coincidences_22.5_22.5", Int(coincidences)),
        ])
      }
      // Fast path with the per-detection records the protocol sifts (quantum phase).
      let recorded = 1 << 24
      if let config = e91BenchConfiguration(pairs: recorded),
        let phase = try? E91QuantumPhase(configuration: config)
      {
        var detections = 0
        let time = bestTime(minRepeats: 2, minSeconds: 1) {
          if let run = try? phase.run(threads: threads) { detections = run.bob.count }
        }
        let rate = Double(recorded) / time
        emit([
          ("bench", "e91-quantum-phase-records"), ("pairs", recorded), ("threads", threads),
          ("pairs_per_s", rate), ("generator_draws_per_s", g), ("ratio_to_generator", rate / g),
          ("bob_detections", detections),
        ])
      }
      // A whole session: quantum phase, sifting, CHSH, estimation, Cascade, verification,
      // privacy amplification (the classical stages run on one thread).
      let sessionPairs = 1 << 22
      if let config = e91BenchConfiguration(pairs: sessionPairs),
        let session = try? E91Session(configuration: config)
      {
        var report = E91Report()
        let t0 = now()
        if let result = try? session.run(threads: threads) { report = result.report }
        let time = now() - t0
        emit([
          ("bench", "e91-session"), ("pairs", sessionPairs), ("threads", threads),
          ("pairs_per_s", Double(sessionPairs) / time), ("seconds", time),
          ("chsh_s", report.chshS ?? .nan), ("chsh_sigma", report.chshSigma ?? .nan),
          ("qber", report.qber ?? .nan), ("sifted_bits", report.siftedBits),
          ("final_key_bits", report.finalKeyBits), ("aborted", report.aborted),
        ])
      }
    }
  })
