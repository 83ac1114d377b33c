// Projective measurement and sampling, for state vectors and density matrices: outcome order,
// statistics of many shots within 5σ binomial bounds, and the collapsed post-measurement states.
import ComplexModule
import Foundation
import QuantumEngine
import RealModule
import Testing

/// The normalised projection of `psi` onto `qubits` reading `outcome` (bit j ↔ qubits[j]).
func projected(_ psi: StateVector, qubits: [Int], outcome: Int) -> [C] {
  var out = psi.amplitudes
  var norm = 0.0
  for i in out.indices {
    let agrees = qubits.enumerated().allSatisfy { j, q in (i >> q) & 1 == (outcome >> j) & 1 }
    if agrees { norm += out[i].lengthSquared } else { out[i] = .zero }
  }
  return out.map { $0.divided(by: norm.squareRoot()) }
}

@Suite struct MeasurementTests {
  @Test func outcomeBitsFollowTheQubitList() throws {
    var g = Xoshiro256StarStar(seed: 41)
    // |q2 q1 q0⟩ = |101⟩.
    let psi = try StateVector(basisState: 0b101, qubitCount: 3)
    var a = psi
    #expect(try a.measure(qubits: [2, 1, 0], using: &g) == 0b101)
    var b = psi
    #expect(try b.measure(qubits: [1, 0], using: &g) == 0b10)
    var c = psi
    #expect(try c.measure(qubits: [0], using: &g) == 1)
    #expect(c == psi)
    #expect(try psi.sample(shots: 10, qubits: [1, 2], using: &g) == [0b10: 10])
    var rho = try DensityMatrix(psi)
    #expect(try rho.measure(qubits: [1, 0, 2], using: &g) == 0b110)
    #expect(try rho.probabilities(of: [2, 1]) == [0, 1, 0, 0])
  }

  /// sample(): each outcome count within 5σ of shots·p, and the state is untouched.
  @Test func sampleCountsWithinBinomialBounds() throws {
    var g = Xoshiro256StarStar(seed: 42)
    let psi = try randomState(qubits: 4, &g)
    let shots = 200_000
    let counts = try psi.sample(shots: shots, using: &g)
    let p = psi.probabilities()
    #expect(counts.values.reduce(0, +) == shots)
    for (outcome, prob) in p.enumerated() {
      let k = Double(counts[outcome] ?? 0)
      #expect(abs(k - Double(shots) * prob) <= fiveSigma(trials: shots, probability: prob))
    }
    // A subset of qubits.
    let marginal = try psi.probabilities(of: [3, 1])
    let sub = try psi.sample(shots: shots, qubits: [3, 1], using: &g)
    for (outcome, prob) in marginal.enumerated() {
      let k = Double(sub[outcome] ?? 0)
      #expect(abs(k - Double(shots) * prob) <= fiveSigma(trials: shots, probability: prob))
    }
    // Same seed, same counts.
    var g1 = Xoshiro256StarStar(seed: 7)
    var g2 = Xoshiro256StarStar(seed: 7)
    #expect(try psi.sample(shots: 1000, using: &g1) == psi.sample(shots: 1000, using: &g2))
    #expect(try psi.sample(shots: 0, using: &g) == [:])
  }

  /// Ry(π)|0⟩ leaves a rounding-level amplitude (≈ 6e-17) on |0⟩: sampling must not trap on
  /// the resulting probability of ≈ 4e-33.
  @Test()
  func sampleWithRoundingLevelProbabilities() async {
    // In a child process (exit test), so a trap fails this test instead of ending the run.
    await #expect(processExitsWith: .success) {
      var g = Xoshiro256StarStar(seed: 47)
      var psi = try StateVector(qubitCount: 1)
      try psi.apply(.ry(.pi), to: 0)
      guard psi.probabilities()[0] > 0, psi.probabilities()[0] < 1e-30 else { exit(2) }
      guard try psi.sample(shots: 1000, using: &g) == [1: 1000] else { exit(1) }
    }
  }

  /// measure(): frequencies within 5σ and every post-state equal to the normalised projection.
  @Test func stateVectorMeasureStatisticsAndCollapse() throws {
    var g = Xoshiro256StarStar(seed: 43)
    let psi = try randomState(qubits: 3, &g)
    let qubits = [2, 0]
    let p = try psi.probabilities(of: qubits)
    let runs = 4000
    var counts = [Int](repeating: 0, count: 4)
    var worst = 0.0
    for _ in 0..<runs {
      var s = psi
      let o = try s.measure(qubits: qubits, using: &g)
      counts[o] += 1
      worst = max(worst, maxDeviation(s.amplitudes, projected(psi, qubits: qubits, outcome: o)))
      // Measuring again gives the same outcome with certainty.
      #expect(try s.measure(qubits: qubits, using: &g) == o)
    }
    #expect(worst < 1e-14)
    for o in 0..<4 {
      #expect(
        abs(Double(counts[o]) - Double(runs) * p[o]) <= fiveSigma(trials: runs, probability: p[o]))
    }
  }

  /// Measuring one half of a Bell pair fixes the other: outcomes always agree.
  @Test func bellPairOutcomesAreCorrelated() throws {
    var g = Xoshiro256StarStar(seed: 44)
    var zeros = 0
    let runs = 2000
    for _ in 0..<runs {
      var bell = try bellState()
      let first = try bell.measure(qubits: [1], using: &g)
      let second = try bell.measure(qubits: [0], using: &g)
      #expect(first == second)
      if first == 0 { zeros += 1 }
    }
    #expect(abs(Double(zeros) - Double(runs) / 2) <= fiveSigma(trials: runs, probability: 0.5))
  }

  @Test func densityMatrixMeasureStatisticsAndCollapse() throws {
    var g = Xoshiro256StarStar(seed: 45)
    let rho = try randomDensityMatrix(qubits: 3, &g)
    let qubits = [1, 2]
    let p = try rho.probabilities(of: qubits)
    #expect(abs(p.reduce(0, +) - 1) < 1e-14)
    let runs = 3000
    var counts = [Int](repeating: 0, count: 4)
    var worst = 0.0
    for _ in 0..<runs {
      var s = rho
      let o = try s.measure(qubits: qubits, using: &g)
      counts[o] += 1
      // Post-state: Π ρ Π / p with Π the projector onto the outcome.
      var proj = [C](repeating: .zero, count: 8)
      for i in 0..<8 where (i >> 1) & 1 == o & 1 && (i >> 2) & 1 == (o >> 1) & 1 { proj[i] = 1 }
      let pi = ComplexMatrix.diagonal(proj)
      let expected = (pi * rho.matrix * pi).scaled(by: C(1 / p[o]))
      worst = max(worst, s.matrix.maxDeviation(from: expected))
      #expect(abs(s.trace - 1) < 1e-14)
    }
    #expect(worst < 1e-14)
    for o in 0..<4 {
      #expect(
        abs(Double(counts[o]) - Double(runs) * p[o]) <= fiveSigma(trials: runs, probability: p[o]))
    }
  }

  /// The diagonal of ρ = |ψ⟩⟨ψ| gives the same outcome distribution as ψ.
  @Test func densityMatrixAndStateVectorProbabilitiesAgree() throws {
    var g = Xoshiro256StarStar(seed: 46)
    let psi = try randomState(qubits: 4, &g)
    let rho = try DensityMatrix(psi)
    for (a, b) in zip(rho.probabilities(), psi.probabilities()) { #expect(abs(a - b) < 1e-15) }
    for (a, b) in zip(try rho.probabilities(of: [3, 0]), try psi.probabilities(of: [3, 0])) {
      #expect(abs(a - b) < 1e-15)
    }
  }
}
