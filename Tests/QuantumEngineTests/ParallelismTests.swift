// Results are bit-identical for one and two threads: kernels use a fixed chunking and reduce
// partial sums in chunk order. Serialized, because the thread count is process-wide: this suite is
// the only place in the target that changes it.
import ComplexModule
import QuantumEngine
import Testing

@Suite(.serialized) struct ParallelismTests {
  @Test func withThreadsSetsAndRestoresTheCount() {
    let old = Parallelism.maxThreads
    let inside = Parallelism.withThreads(1) { Parallelism.maxThreads }
    #expect(inside == 1)
    #expect(Parallelism.maxThreads == old)
    #expect(Parallelism.withThreads(0) { Parallelism.maxThreads } == 1)
    #expect(old >= 1)
  }

  /// Every statevector kernel on 16 qubits (above the 2^15-amplitude threshold), and the
  /// reductions (norm, Pauli expectation, probabilities, sampling, measurement).
  @Test func stateVectorKernelsAreIdenticalForOneAndTwoThreads() throws {
    var g = Xoshiro256StarStar(seed: 151)
    let psi = try StateVector(amplitudes: randomAmplitudes(1 << 16, &g))
    var ops: [(Gate, [Int])] = []
    for name in KernelGates.oneQubit { ops.append((try KernelGates.gate(name, qubits: 1), [9])) }
    for name in KernelGates.twoQubit {
      ops.append((try KernelGates.gate(name, qubits: 2), [15, 3]))
    }
    for name in KernelGates.threeQubit {
      ops.append((try KernelGates.gate(name, qubits: 3), [0, 12, 6]))
    }
    ops.append((.h, [0]))
    func run(_ threads: Int) throws -> (StateVector, Double, Double, [Int: Int], Int, StateVector) {
      try Parallelism.withThreads(threads) {
        var s = psi
        for (gate, qubits) in ops { try s.apply(gate, to: qubits) }
        var rng = Xoshiro256StarStar(seed: 152)
        let counts = try s.sample(shots: 10_000, qubits: [1, 8, 15], using: &rng)
        var m = s
        let outcome = try m.measure(qubits: [15, 2, 7], using: &rng)
        return (
          s, s.norm, try s.expectation(of: PauliString("XYZIIIIIZIIIYIIX")), counts, outcome, m
        )
      }
    }
    let one = try run(1)
    let two = try run(2)
    #expect(one.0 == two.0)
    #expect(one.1 == two.1)
    #expect(one.2 == two.2)
    #expect(one.3 == two.3)
    #expect(one.4 == two.4)
    #expect(one.5 == two.5)
  }

  /// Density-matrix gates and channels on 8 qubits (4^8 = 2^16 entries): closed-form channels, the
  /// one-qubit superoperator kernel, a two-qubit channel through the dense kernel, and a noisy
  /// random circuit.
  @Test func densityMatrixKernelsAreIdenticalForOneAndTwoThreads() throws {
    var g = Xoshiro256StarStar(seed: 153)
    let rho = try randomDensityMatrix(qubits: 8, rank: 2, &g)
    let circuit = try RandomCircuit(qubits: 8, layers: 12, &g)
    let random1 = try QuantumChannel(kraus: randomKraus(dimension: 2, count: 3, &g))
    let random2 = try QuantumChannel(kraus: randomKraus(dimension: 4, count: 2, &g))
    func run(_ threads: Int) throws -> (DensityMatrix, Double) {
      try Parallelism.withThreads(threads) {
        var r = rho
        for op in circuit.operations { try r.apply(op.gate, to: op.qubits) }
        try r.apply(try QuantumChannel.depolarizing(0.2), to: 0)
        try r.apply(try QuantumChannel.dephasing(0.1), to: 4)
        try r.apply(try QuantumChannel.amplitudeDamping(0.3), to: 7)
        try r.apply(try QuantumChannel.pauli(px: 0.1, py: 0.2, pz: 0.05), to: 3)
        try r.apply(random1, to: 6)
        try r.apply(random2, to: [1, 5])
        return (r, try r.expectation(of: PauliString("ZZIXIIYI")))
      }
    }
    let one = try run(1)
    let two = try run(2)
    #expect(one.0 == two.0)
    #expect(one.1 == two.1)
  }

  /// Thread count changes speed only: a kernel result under two threads matches the reference.
  @Test func twoThreadResultMatchesReference() throws {
    var g = Xoshiro256StarStar(seed: 154)
    let psi = try StateVector(amplitudes: randomAmplitudes(1 << 16, &g))
    let u = try randomGate(qubits: 3, &g)
    let out = try Parallelism.withThreads(2) { try psi.applying(u, to: [14, 1, 8]) }
    #expect(
      maxDeviation(out.amplitudes, naiveApply(u.matrix, on: [14, 1, 8], to: psi.amplitudes)) < 1e-13
    )
  }
}
