// Quantum teleportation: a random input state on qubit 0 arrives on qubit 2 after a Bell
// measurement of qubits 0 and 1 and the classically controlled corrections X^{m1} Z^{m0}.
import ComplexModule
import QuantumEngine
import Testing

@Suite struct TeleportationTests {
  /// With mid-circuit measurement and collapse: every seed reproduces the input exactly, and all
  /// four measurement records occur over the seeds.
  @Test func teleportationWithMeasurementAndCorrections() throws {
    var seen = Set<Int>()
    for seed in UInt64(0)..<24 {
      var g = Xoshiro256StarStar(seed: seed)
      let input = try randomState(qubits: 1, &g)
      var psi = try input.tensor(bellState())  // qubit 0: input; qubits 1, 2: |Φ+⟩
      try psi.apply(.cnot, to: [0, 1])
      try psi.apply(.h, to: 0)
      let record = try psi.measure(qubits: [0, 1], using: &g)
      seen.insert(record)
      if record & 0b10 != 0 { try psi.apply(.x, to: 2) }
      if record & 0b01 != 0 { try psi.apply(.z, to: 2) }
      let received = try psi.reducedDensityMatrix(keeping: [2])
      #expect(abs(try received.fidelity(with: DensityMatrix(input)) - 1) < 1e-12, "seed \(seed)")
      // Qubits 0 and 1 hold the classical record.
      #expect(try psi.probabilities(of: [0, 1])[record] > 1 - 1e-12)
    }
    #expect(seen == [0, 1, 2, 3])
  }

  /// Each measurement record leaves qubit 2 in X^{m1}Z^{m0}|ψ⟩ before correction, with
  /// probability 1/4 each.
  @Test func recordsAreUniformAndUncorrectedStatesArePaulis() throws {
    var g = Xoshiro256StarStar(seed: 131)
    let input = try randomState(qubits: 1, &g)
    var psi = try input.tensor(bellState())
    try psi.apply(.cnot, to: [0, 1])
    try psi.apply(.h, to: 0)
    let p = try psi.probabilities(of: [0, 1])
    for record in 0..<4 {
      #expect(abs(p[record] - 0.25) < 1e-14)
      // The branch of this record, projected by hand.
      let branch = try StateVector(amplitudes: projected(psi, qubits: [0, 1], outcome: record))
      let received = try branch.reducedDensityMatrix(keeping: [2])
      var expected = input
      if record & 0b01 != 0 { try expected.apply(.z, to: 0) }
      if record & 0b10 != 0 { try expected.apply(.x, to: 0) }
      #expect(abs(try received.fidelity(with: DensityMatrix(expected)) - 1) < 1e-12)
    }
  }

  /// The same protocol on a density matrix with deferred measurement: corrections as CNOT(1→2)
  /// and CZ(0→2), then tracing out qubits 0 and 1, under noise on the shared pair the output is
  /// the depolarized input.
  @Test func deferredMeasurementOnDensityMatrixWithNoisyPair() throws {
    var g = Xoshiro256StarStar(seed: 132)
    let input = try randomState(qubits: 1, &g)
    for p in [0.0, 0.3] {
      var rho = try DensityMatrix(input.tensor(bellState()))
      try rho.apply(try QuantumChannel.depolarizing(p), to: 2)
      try rho.apply(.cnot, to: [0, 1])
      try rho.apply(.h, to: 0)
      try rho.apply(.cnot, to: [1, 2])
      try rho.apply(.cz, to: [0, 2])
      let out = try rho.partialTrace(over: [0, 1])
      var expected = try DensityMatrix(input)
      try expected.apply(try QuantumChannel.depolarizing(p), to: 0)
      #expect(out.matrix.maxDeviation(from: expected.matrix) < 1e-13, "p = \(p)")
    }
  }
}
