// Every listed bad input is rejected with the right QuantumError case, and the state is unchanged
// after a rejected call.
import ComplexModule
import QuantumEngine
import Testing

@Suite struct ValidationTests {
  @Test func invalidQubitIndices() throws {
    var g = Xoshiro256StarStar(seed: 141)
    var psi = try randomState(qubits: 3, &g)
    let before = psi
    expectError(.invalidQubit) { try psi.apply(.h, to: 3) }
    expectError(.invalidQubit) { try psi.apply(.h, to: -1) }
    expectError(.invalidQubit) { try psi.apply(.cnot, to: [0, 7]) }
    expectError(.invalidQubit) { try psi.apply(.toffoli, to: [0, 1, 3]) }
    expectError(.invalidQubit) { try psi.measure(qubits: [0, 3], using: &g) }
    expectError(.invalidQubit) { try psi.sample(shots: 10, qubits: [5], using: &g) }
    expectError(.invalidQubit) { try psi.probabilities(of: [-2]) }
    expectError(.invalidQubit) { try psi.reducedDensityMatrix(keeping: [3]) }
    #expect(psi == before)
    do {
      try psi.apply(.h, to: 3)
    } catch {
      #expect(error == .invalidQubit(index: 3, qubitCount: 3))
      #expect(error.description.contains("3"))
    }

    var rho = try randomDensityMatrix(qubits: 2, &g)
    let rhoBefore = rho
    expectError(.invalidQubit) { try rho.apply(.x, to: 2) }
    expectError(.invalidQubit) { try rho.apply(try QuantumChannel.depolarizing(0.1), to: 2) }
    expectError(.invalidQubit) { try rho.apply([try QuantumChannel.dephasing(0.1)], to: 5) }
    expectError(.invalidQubit) { try rho.measure(qubits: [2], using: &g) }
    expectError(.invalidQubit) { try rho.partialTrace(over: [2]) }
    expectError(.invalidQubit) { try rho.reduced(keeping: [-1]) }
    expectError(.invalidQubit) { try rho.blochVector(of: 2) }
    expectError(.invalidQubit) { try rho.probabilities(of: [4]) }
    #expect(rho == rhoBefore)
  }

  @Test func duplicateQubits() throws {
    var g = Xoshiro256StarStar(seed: 142)
    var psi = try randomState(qubits: 3, &g)
    let before = psi
    expectError(.duplicateQubit) { try psi.apply(.cnot, to: [1, 1]) }
    expectError(.duplicateQubit) { try psi.apply(.toffoli, to: [0, 2, 0]) }
    expectError(.duplicateQubit) { try psi.measure(qubits: [2, 2], using: &g) }
    expectError(.duplicateQubit) { try psi.reducedDensityMatrix(keeping: [0, 0]) }
    #expect(psi == before)
    var rho = try DensityMatrix(psi)
    let rhoBefore = rho
    expectError(.duplicateQubit) { try rho.apply(.swap, to: [2, 2]) }
    let two = try QuantumChannel.depolarizing(0.1).tensor(.dephasing(0.2))
    expectError(.duplicateQubit) { try rho.apply(two, to: [0, 0]) }
    expectError(.duplicateQubit) { try rho.reduced(keeping: [1, 1]) }
    #expect(rho == rhoBefore)
    do {
      try psi.apply(.cnot, to: [1, 1])
    } catch {
      #expect(error == .duplicateQubit(1))
    }
  }

  @Test func badStateVectors() throws {
    expectError(.notNormalized) { try StateVector(amplitudes: [1, 1]) }
    expectError(.notNormalized) { try StateVector(amplitudes: [C(0.5), 0]) }
    expectError(.dimensionNotPowerOfTwo) { try StateVector(amplitudes: [1, 0, 0]) }
    expectError(.dimensionNotPowerOfTwo) { try StateVector(amplitudes: [1]) }
    expectError(.dimensionNotPowerOfTwo) { try StateVector(amplitudes: []) }
    expectError(.nonFinite) { try StateVector(amplitudes: [C(.nan, 0), 0]) }
    expectError(.nonFinite) { try StateVector(amplitudes: [1, C(0, .infinity)]) }
    expectError(.nonFinite) { try StateVector(normalizing: [C(.nan, 0), 1]) }
    expectError(.zeroProbability) { try StateVector(normalizing: [0, 0]) }
    expectError(.invalidQubitCount) { try StateVector(qubitCount: 0) }
    expectError(.invalidQubitCount) { try StateVector(qubitCount: -3) }
    expectError(.invalidQubitCount) { try StateVector(qubitCount: StateVector.maxQubits + 1) }
    expectError(.invalidParameter) { try StateVector(basisState: 4, qubitCount: 2) }
    expectError(.invalidParameter) { try StateVector(basisState: -1, qubitCount: 2) }
    do {
      _ = try StateVector(amplitudes: [1, 0, 0])
    } catch {
      #expect(error == .dimensionNotPowerOfTwo(3))
    }
  }

  @Test func badDensityMatrices() throws {
    let half = ComplexMatrix.identity(2).scaled(by: C(0.5))
    expectError(.notNormalized) { try DensityMatrix(matrix: .identity(2)) }
    expectError(.notHermitian) {
      try DensityMatrix(matrix: try ComplexMatrix([[C(0.5), 1], [0, C(0.5)]]))
    }
    expectError(.notPositive) { try DensityMatrix(matrix: .diagonal([C(1.5), C(-0.5)])) }
    expectError(.dimensionNotPowerOfTwo) {
      try DensityMatrix(matrix: .identity(3).scaled(by: C(1.0 / 3)))
    }
    expectError(.dimensionMismatch) { try DensityMatrix(matrix: try zeros(2, 4)) }
    expectError(.invalidQubitCount) { try DensityMatrix(qubitCount: 0) }
    expectError(.invalidQubitCount) { try DensityMatrix(qubitCount: DensityMatrix.maxQubits + 1) }
    var nan = half
    nan[0, 1] = C(.nan, 0)
    #expect(throws: QuantumError.self) { try DensityMatrix(matrix: nan) }
    let zero = try StateVector(qubitCount: 1)
    let one = try StateVector(basisState: 1, qubitCount: 1)
    expectError(.empty) { try DensityMatrix(mixture: []) }
    expectError(.notNormalized) { try DensityMatrix(mixture: [(0.5, zero), (0.4, one)]) }
    expectError(.invalidParameter) { try DensityMatrix(mixture: [(1.2, zero), (-0.2, one)]) }
    expectError(.invalidParameter) { try DensityMatrix(mixture: [(.nan, zero), (1, one)]) }
    expectError(.dimensionMismatch) {
      try DensityMatrix(mixture: [(0.5, zero), (0.5, try bellState())])
    }
  }

  @Test func nonUnitaryAndMalformedGates() throws {
    expectError(.notUnitary) { try Gate(matrix: try ComplexMatrix([[1, 1], [0, 1]])) }
    expectError(.notUnitary) { try Gate(matrix: ComplexMatrix.identity(4).scaled(by: C(1 + 1e-6))) }
    expectError(.dimensionNotPowerOfTwo) { try Gate(matrix: .identity(6)) }
    var nan = ComplexMatrix.identity(2)
    nan[0, 1] = C(.nan, 0)
    #expect(throws: QuantumError.self) { try Gate(matrix: nan) }
    // Within tolerance is accepted.
    #expect(throws: Never.self) {
      try Gate(matrix: ComplexMatrix.identity(2).scaled(by: C(1 + 1e-12)))
    }
  }

  /// A gate built from a NaN angle is rejected when applied, and the state is left as it was.
  @Test(arguments: [Gate.rx(.nan), .ry(.nan), .rz(.infinity), .phase(.nan), .u(0.1, .nan, 0.2)])
  func nanAngleGateApplication(gate: Gate) throws {
    var g = Xoshiro256StarStar(seed: 143)
    var psi = try randomState(qubits: 2, &g)
    let before = psi
    #expect(!gate.isFinite)
    expectError(.nonFinite) { try psi.apply(gate, to: 1) }
    expectError(.nonFinite) { try psi.apply(try gate.controlled(), to: [0, 1]) }
    #expect(psi == before)
    var rho = try DensityMatrix(psi)
    let rhoBefore = rho
    expectError(.nonFinite) { try rho.apply(gate, to: 0) }
    #expect(rho == rhoBefore)
  }

  @Test func badKrausSets() throws {
    // Not trace preserving: Σ K†K = diag(1, 0.5).
    expectError(.notTracePreserving) {
      try QuantumChannel(kraus: [.diagonal([1, C(0.5.squareRoot())])])
    }
    expectError(.notTracePreserving) {
      try QuantumChannel(kraus: QuantumChannel.depolarizing(0.2).kraus + [.identity(2)])
    }
    expectError(.empty) { try QuantumChannel(kraus: []) }
    expectError(.dimensionMismatch) { try QuantumChannel(kraus: [.identity(2), .identity(4)]) }
    expectError(.dimensionNotPowerOfTwo) { try QuantumChannel(kraus: [.identity(3)]) }
    expectError(.dimensionMismatch) { try QuantumChannel(kraus: [.identity(2), try zeros(2, 4)]) }
  }

  @Test func probabilitiesOutsideTheUnitInterval() throws {
    for bad in [-0.1, 1.5, .nan, .infinity] {
      expectError(.invalidParameter) { try QuantumChannel.dephasing(bad) }
      expectError(.invalidParameter) { try QuantumChannel.bitFlip(bad) }
      expectError(.invalidParameter) { try QuantumChannel.bitPhaseFlip(bad) }
      expectError(.invalidParameter) { try QuantumChannel.amplitudeDamping(bad) }
      expectError(.invalidParameter) {
        try QuantumChannel.generalizedAmplitudeDamping(gamma: bad, excitedPopulation: 0.1)
      }
      expectError(.invalidParameter) {
        try QuantumChannel.generalizedAmplitudeDamping(gamma: 0.1, excitedPopulation: bad)
      }
      expectError(.invalidParameter) { try QuantumChannel.pauli(px: bad, py: 0, pz: 0) }
    }
    expectError(.invalidParameter) { try QuantumChannel.depolarizing(-0.01) }
    expectError(.invalidParameter) { try QuantumChannel.depolarizing(1.34) }
    expectError(.invalidParameter) { try QuantumChannel.depolarizing(.nan) }
    expectError(.invalidParameter) { try QuantumChannel.pauli(px: 0.5, py: 0.4, pz: 0.3) }
    var g = Xoshiro256StarStar(seed: 144)
    let psi = try randomState(qubits: 1, &g)
    expectError(.invalidParameter) { try psi.sample(shots: -1, using: &g) }
  }

  @Test func mismatchedDimensions() throws {
    var g = Xoshiro256StarStar(seed: 145)
    var psi = try randomState(qubits: 3, &g)
    let before = psi
    expectError(.dimensionMismatch) { try psi.apply(.cnot, to: [0]) }
    expectError(.dimensionMismatch) { try psi.apply(.h, to: [0, 1]) }
    expectError(.dimensionMismatch) { try psi.inner(randomState(qubits: 2, &g)) }
    expectError(.dimensionMismatch) { try psi.fidelity(with: randomState(qubits: 4, &g)) }
    #expect(psi == before)
    var rho = try DensityMatrix(psi)
    let rhoBefore = rho
    let small = try randomDensityMatrix(qubits: 2, &g)
    expectError(.dimensionMismatch) { try rho.apply(.toffoli, to: [0, 1]) }
    expectError(.dimensionMismatch) { try rho.apply(QuantumChannel.depolarizing(0.1), to: [0, 1]) }
    expectError(.dimensionMismatch) { try rho.fidelity(with: small) }
    expectError(.dimensionMismatch) { try rho.traceDistance(to: small) }
    expectError(.dimensionMismatch) {
      try rho.apply(
        [QuantumChannel.depolarizing(0.1), QuantumChannel.depolarizing(0.1).tensor(.identity)],
        to: 0)
    }
    #expect(rho == rhoBefore)
  }

  @Test func emptyQubitLists() throws {
    var g = Xoshiro256StarStar(seed: 146)
    var psi = try randomState(qubits: 2, &g)
    expectError(.empty) { try psi.measure(qubits: [], using: &g) }
    expectError(.empty) { try psi.reducedDensityMatrix(keeping: []) }
  }

  /// Every error message names what was wrong and what is allowed.
  @Test func messagesSayWhatIsAllowed() {
    let errors: [QuantumError] = [
      .invalidQubit(index: 5, qubitCount: 3), .duplicateQubit(2),
      .invalidQubitCount(0, allowed: "1...30"), .dimensionNotPowerOfTwo(3),
      .dimensionMismatch(expected: 4, actual: 2), .notNormalized(norm: 2), .nonFinite("amplitudes"),
      .notUnitary(deviation: 0.1), .notHermitian(deviation: 0.1), .notPositive(minEigenvalue: -0.1),
      .notTracePreserving(deviation: 0.1), .povmNotComplete(deviation: 0.1),
      .invalidParameter(name: "p", value: 2, allowed: "[0, 1]"), .empty("list"),
      .lapackFailure(routine: "zheevd", info: 3), .zeroProbability("outcome 1"),
    ]
    for e in errors { #expect(e.description.count > 15, "\(e)") }
    #expect(QuantumError.invalidQubit(index: 5, qubitCount: 3).description.contains("0...2"))
    #expect(QuantumError.dimensionNotPowerOfTwo(3).description.contains("power of two"))
  }
}
