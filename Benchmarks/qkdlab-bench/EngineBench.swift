import ComplexModule
import Dispatch
import Foundation
import QKDLab

/// The `engine` area: memory-bound gate and channel kernels against the machine's bandwidth.
///
/// Each line reports `gbytes_per_s` (bytes read + written per op over the best time) next to two
/// yardsticks timed in the same run on the same size and thread count: a plain memory copy
/// (`copy_gbytes_per_s`) and an in-place stream x[i] = a·x[i] (`inplace_gbytes_per_s`).
@MainActor let engineArea = BenchArea(name: "engine") {
  for n in [16, 20, 22, 24, 26] {
    for threads in [1, 2] {
      Parallelism.withThreads(threads) { benchStatevector(qubits: n, threads: threads) }
    }
  }
  for n in [8, 10, 12, 13] {
    for threads in [1, 2] {
      Parallelism.withThreads(threads) { benchDepolarizing(qubits: n, threads: threads) }
    }
  }
}

/// Times the statevector gates on `n` qubits: H on qubits 0, n/2, n−1, Rz on n/2, CNOT 0 → n−1
/// and a dense random 3-qubit gate on qubits 0, n/2, n−1.
private func benchStatevector(qubits n: Int, threads: Int) {
  let bytes = 2 * 16 * (1 << n)
  let yardstick = MemoryYardstick(doubles: 2 << n, threads: threads)
  let copy = Double(bytes) / yardstick.copySeconds()
  let inPlace = Double(bytes) / yardstick.inPlaceSeconds()
  guard var state = try? StateVector(qubitCount: n), let dense = try? randomUnitary(qubits: 3)
  else {
    FileHandle.standardError.write(
      "engine bench: cannot build a \(n)-qubit state\n".data(using: .utf8)!)
    return
  }
  let cases: [(String, Gate, [Int])] = [
    ("h_low", .h, [0]),
    ("h_mid", .h, [n / 2]),
    ("h_high", .h, [n - 1]),
    ("diagonal_rz", .rz(0.3), [n / 2]),
    ("cnot", .cnot, [0, n - 1]),
    ("dense3", dense, [0, n / 2, n - 1]),
  ]
  for (name, gate, targets) in cases {
    let seconds = bestTime(minRepeats: 3, minSeconds: 0.25) { try? state.apply(gate, to: targets) }
    emitLine(name, n, threads, seconds, bytes, copy, inPlace)
  }
}

/// Times a depolarizing(0.1) channel on the middle qubit of an `n`-qubit density matrix.
private func benchDepolarizing(qubits n: Int, threads: Int) {
  let bytes = 2 * 16 * (1 << (2 * n))
  let yardstick = MemoryYardstick(doubles: 2 << (2 * n), threads: threads)
  let copy = Double(bytes) / yardstick.copySeconds()
  let inPlace = Double(bytes) / yardstick.inPlaceSeconds()
  guard var rho = try? DensityMatrix(qubitCount: n),
    let channel = try? QuantumChannel.depolarizing(0.1)
  else {
    FileHandle.standardError.write(
      "engine bench: cannot build a \(n)-qubit density matrix\n".data(using: .utf8)!)
    return
  }
  let seconds = bestTime(minRepeats: 3, minSeconds: 0.25) { try? rho.apply(channel, to: [n / 2]) }
  emitLine("depolarizing", n, threads, seconds, bytes, copy, inPlace)
}

private func emitLine(
  _ name: String, _ n: Int, _ threads: Int, _ seconds: Double, _ bytes: Int, _ copy: Double,
  _ inPlace: Double
) {
  emit([
    ("bench", name), ("qubits", n), ("threads", threads), ("seconds_per_op", seconds),
    ("bytes_per_op", bytes), ("gbytes_per_s", Double(bytes) / seconds / 1e9),
    ("copy_gbytes_per_s", copy / 1e9), ("inplace_gbytes_per_s", inPlace / 1e9),
  ])
}

/// A dense 2^k × 2^k unitary: Gram–Schmidt on columns of uniform random complex entries (fixed
/// seed, so every run times the same gate).
private func randomUnitary(qubits k: Int) throws -> Gate {
  let d = 1 << k
  var rng = Xoshiro256StarStar(seed: 2026)
  var columns: [[Complex<Double>]] = (0..<d).map { _ in
    (0..<d).map { _ in
      Complex(2 * rng.nextUnitDouble() - 1, 2 * rng.nextUnitDouble() - 1)
    }
  }
  for j in 0..<d {
    for i in 0..<j {
      // v_j -= ⟨v_i|v_j⟩ v_i
      var dot = Complex<Double>.zero
      for r in 0..<d { dot += columns[i][r].conjugate * columns[j][r] }
      for r in 0..<d { columns[j][r] -= dot * columns[i][r] }
    }
    let norm = columns[j].reduce(0) { $0 + $1.lengthSquared }.squareRoot()
    columns[j] = columns[j].map { $0.divided(by: norm) }
  }
  let matrix = try ComplexMatrix(rows: d, columns: d, columnMajor: columns.flatMap { $0 })
  return try Gate(name: "U3", matrix: matrix)
}

/// Memory-bandwidth yardsticks on `doubles` doubles, split into one contiguous part per thread.
private final class MemoryYardstick {
  private let source: UnsafeMutableBufferPointer<Double>
  private let destination: UnsafeMutableBufferPointer<Double>
  private let threads: Int

  init(doubles: Int, threads: Int) {
    source = .allocate(capacity: doubles)
    destination = .allocate(capacity: doubles)
    source.initialize(repeating: 1)
    destination.initialize(repeating: 0)
    self.threads = threads
  }

  deinit {
    source.deallocate()
    destination.deallocate()
  }

  /// Best time of a `memcpy` of the whole buffer (each thread copies its part).
  func copySeconds() -> Double {
    let src = UncheckedPointer(source.baseAddress!)
    let dst = UncheckedPointer(destination.baseAddress!)
    return bestTime(minRepeats: 3, minSeconds: 0.25) {
      parts { lo, hi in
        _ = memcpy(dst.value + lo, src.value + lo, (hi - lo) * MemoryLayout<Double>.stride)
      }
    }
  }

  /// Best time of x[i] = a·x[i] over the whole buffer (a = 1, so the values never drift).
  func inPlaceSeconds() -> Double {
    let x = UncheckedPointer(destination.baseAddress!)
    let a = Double(CommandLine.arguments.count > 1000 ? 2 : 1)  // opaque to the optimiser
    return bestTime(minRepeats: 3, minSeconds: 0.25) {
      parts { lo, hi in
        let p = x.value
        for i in lo..<hi { p[i] = a * p[i] }
      }
    }
  }

  private func parts(_ body: @Sendable (Int, Int) -> Void) {
    let total = source.count
    let t = threads
    if t == 1 {
      body(0, total)
      return
    }
    DispatchQueue.concurrentPerform(iterations: t) { part in
      // Parts are multiples of 8 doubles (one cache line) so threads never share a line.
      let per = (total / t) & ~7
      let lo = part * per
      let hi = part == t - 1 ? total : lo + per
      body(lo, hi)
    }
  }
}

/// A raw pointer shared by the yardstick's worker threads, which touch disjoint parts.
private struct UncheckedPointer: @unchecked Sendable {
  let value: UnsafeMutablePointer<Double>
  init(_ value: UnsafeMutablePointer<Double>) { self.value = value }
}
