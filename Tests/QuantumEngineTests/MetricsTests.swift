// Partial trace, purity, entropy, fidelity, trace distance and Bloch vectors
// (DensityMatrix+Metrics.swift).
import ComplexModule
import QuantumEngine
import RealModule
import Testing

/// The binary entropy h(p) in bits.
func binaryEntropy(_ p: Double) -> Double {
  (p == 0 || p == 1) ? 0 : -p * Double.log2(p) - (1 - p) * Double.log2(1 - p)
}

@Suite struct MetricsTests {
  /// ρ0 ⊗ ρ1 ⊗ ρ2 (qubit 0 = ρ0): tracing out any qubits leaves the product of the rest, in order.
  @Test func partialTraceOfProductStates() throws {
    var g = Xoshiro256StarStar(seed: 111)
    let f = try (0..<3).map { _ in try randomDensityMatrix(qubits: 1, &g).matrix }
    let product = try DensityMatrix(matrix: f[2].kron(f[1]).kron(f[0]))
    #expect(try product.partialTrace(over: [1]).matrix.maxDeviation(from: f[2].kron(f[0])) < 1e-15)
    #expect(try product.partialTrace(over: [0, 2]).matrix.maxDeviation(from: f[1]) < 1e-15)
    #expect(try product.partialTrace(over: [2]).matrix.maxDeviation(from: f[1].kron(f[0])) < 1e-15)
    // reduced(keeping:) follows the listed order: kept qubit j becomes qubit j.
    #expect(
      try product.reduced(keeping: [2, 0]).matrix.maxDeviation(from: f[0].kron(f[2])) < 1e-15)
    #expect(
      try product.reduced(keeping: [0, 1, 2]).matrix.maxDeviation(from: product.matrix) < 1e-16)
    expectError(.invalidQubitCount) { try product.partialTrace(over: [0, 1, 2]) }
  }

  @Test func partialTraceOfEntangledStateIsTheMarginal() throws {
    var g = Xoshiro256StarStar(seed: 112)
    let rho = try randomDensityMatrix(qubits: 3, &g)
    // Trace out qubit 2 by hand: ρ_A[i, j] = ρ[i, j] + ρ[i + 4, j + 4].
    var expected = try zeros(4, 4)
    for i in 0..<4 { for j in 0..<4 { expected[i, j] = rho[i, j] + rho[i + 4, j + 4] } }
    #expect(try rho.partialTrace(over: [2]).matrix.maxDeviation(from: expected) < 1e-16)
  }

  @Test func purity() throws {
    var g = Xoshiro256StarStar(seed: 113)
    #expect(abs(try DensityMatrix(randomState(qubits: 3, &g)).purity - 1) < 1e-14)
    let mixed = try DensityMatrix(matrix: ComplexMatrix.identity(8).scaled(by: C(1.0 / 8)))
    #expect(abs(mixed.purity - 1.0 / 8) < 1e-16)
    // p|0⟩⟨0| + (1 − p)|1⟩⟨1|: p² + (1 − p)².
    let p = 0.3
    let rho = try DensityMatrix(mixture: [
      (p, try StateVector(basisState: 0, qubitCount: 1)),
      (1 - p, try StateVector(basisState: 1, qubitCount: 1)),
    ])
    #expect(abs(rho.purity - (p * p + (1 - p) * (1 - p))) < 1e-15)
  }

  @Test func vonNeumannEntropy() throws {
    var g = Xoshiro256StarStar(seed: 114)
    #expect(try DensityMatrix(randomState(qubits: 3, &g)).entropy() < 1e-10)
    let mixed = try DensityMatrix(matrix: ComplexMatrix.identity(8).scaled(by: C(1.0 / 8)))
    #expect(abs(try mixed.entropy() - 3) < 1e-12)
    // A mixture of two non-orthogonal states: S = h(λ) with λ the eigenvalue of the 2×2 mixture,
    // invariant under a unitary change of basis.
    for p in [0.0, 0.1, 0.5, 0.9] {
      let diag = try DensityMatrix(matrix: .diagonal([C(p), C(1 - p)]))
      #expect(abs(try diag.entropy() - binaryEntropy(p)) < 1e-12)
      var rotated = diag
      try rotated.apply(try randomGate(qubits: 1, &g), to: 0)
      #expect(abs(try rotated.entropy() - binaryEntropy(p)) < 1e-12)
    }
    // Subadditivity and equal entropies of the two halves of a pure state.
    let psi = try randomState(qubits: 4, &g)
    let a = try psi.reducedDensityMatrix(keeping: [0, 1])
    let b = try psi.reducedDensityMatrix(keeping: [2, 3])
    #expect(abs(try a.entropy() - b.entropy()) < 1e-10)
  }

  /// Pure–pure fidelity is |⟨ψ|φ⟩|², and it is symmetric.
  @Test func fidelityOfPureStates() throws {
    var g = Xoshiro256StarStar(seed: 115)
    for _ in 0..<5 {
      let psi = try randomState(qubits: 3, &g)
      let phi = try randomState(qubits: 3, &g)
      let expected = try psi.inner(phi).lengthSquared
      let a = try DensityMatrix(psi)
      let b = try DensityMatrix(phi)
      #expect(abs(try a.fidelity(with: b) - expected) < 1e-12)
      #expect(abs(try b.fidelity(with: a) - expected) < 1e-12)
      #expect(abs(try a.fidelity(with: a) - 1) < 1e-12)
    }
  }

  /// Pure ψ against mixed σ: F = ⟨ψ|σ|ψ⟩ (the pure/mixed path), in either argument order.
  @Test func fidelityOfPureAndMixed() throws {
    var g = Xoshiro256StarStar(seed: 116)
    let psi = try randomState(qubits: 2, &g)
    let sigma = try randomDensityMatrix(qubits: 2, &g)
    let ket = try column(psi.amplitudes)
    let expected = (ket.adjoint * sigma.matrix * ket)[0, 0].real
    let pure = try DensityMatrix(psi)
    #expect(abs(try pure.fidelity(with: sigma) - expected) < 1e-13)
    #expect(abs(try sigma.fidelity(with: pure) - expected) < 1e-13)
  }

  /// Mixed–mixed fidelity: symmetric, 1 for equal states, (tr√(√ρσ√ρ))² for commuting states
  /// = (Σ √(p_i q_i))².
  @Test func fidelityOfMixedStates() throws {
    var g = Xoshiro256StarStar(seed: 117)
    let rho = try randomDensityMatrix(qubits: 2, &g)
    let sigma = try randomDensityMatrix(qubits: 2, &g)
    let f = try rho.fidelity(with: sigma)
    #expect(f > 0 && f < 1)
    #expect(abs(f - (try sigma.fidelity(with: rho))) < 1e-12)
    #expect(abs(try rho.fidelity(with: rho) - 1) < 1e-12)
    let p: [Double] = [0.1, 0.2, 0.3, 0.4]
    let q: [Double] = [0.25, 0.25, 0.4, 0.1]
    let a = try DensityMatrix(matrix: .diagonal(p.map { C($0) }))
    let b = try DensityMatrix(matrix: .diagonal(q.map { C($0) }))
    let bhattacharyya = zip(p, q).reduce(0) { $0 + ($1.0 * $1.1).squareRoot() }
    #expect(abs(try a.fidelity(with: b) - bhattacharyya * bhattacharyya) < 1e-13)
    // Unitary invariance.
    let u = try randomGate(qubits: 2, &g)
    var ru = rho
    var su = sigma
    try ru.apply(u, to: [0, 1])
    try su.apply(u, to: [0, 1])
    #expect(abs(try ru.fidelity(with: su) - f) < 1e-12)
  }

  /// Nearly pure ρ = (1 − ε)|ψ⟩⟨ψ| + ε|φ⟩⟨φ| (φ ⟂ ψ) is handled by the general path; against a
  /// full-rank σ the exact value is (1 − ε)a + εc + 2√(ε(1 − ε)(ac − |b|²)) with a = ⟨ψ|σ|ψ⟩,
  /// b = ⟨ψ|σ|φ⟩, c = ⟨φ|σ|φ⟩ (the 2×2 matrix √ρσ√ρ has trace and determinant in closed form).
  /// As ε → 0 it meets the pure path's ⟨ψ|σ|ψ⟩.
  @Test(arguments: [1e-3, 1e-6, 1e-9, 1e-11])
  func fidelityOfNearlyPureStatesMatchesClosedForm(epsilon: Double) throws {
    var g = Xoshiro256StarStar(seed: 118)
    let n = 3
    let psi = try randomState(qubits: n, &g)
    // φ: a random state with its ψ component removed.
    var phi = randomAmplitudes(1 << n, &g)
    var overlap = C.zero
    for i in phi.indices { overlap += psi.amplitudes[i].conjugate * phi[i] }
    for i in phi.indices { phi[i] -= overlap * psi.amplitudes[i] }
    let phiState = try StateVector(normalizing: phi)
    let rho = try DensityMatrix(mixture: [(1 - epsilon, psi), (epsilon, phiState)])
    let sigma = try randomDensityMatrix(qubits: n, &g)
    let k = try column(psi.amplitudes)
    let l = try column(phiState.amplitudes)
    let a = (k.adjoint * sigma.matrix * k)[0, 0].real
    let b = (k.adjoint * sigma.matrix * l)[0, 0]
    let c = (l.adjoint * sigma.matrix * l)[0, 0].real
    let exact =
      (1 - epsilon) * a + epsilon * c + 2
      * (epsilon * (1 - epsilon) * (a * c - b.lengthSquared)).squareRoot()
    #expect(abs(try rho.fidelity(with: sigma) - exact) < 1e-9)
    #expect(abs(try sigma.fidelity(with: rho) - exact) < 1e-9)
    let pure = try DensityMatrix(psi)
    #expect(abs(try pure.fidelity(with: sigma) - a) < 1e-13)
    // Continuity across the switch between the two paths.
    #expect(abs(try rho.fidelity(with: sigma) - a) < 3 * epsilon.squareRoot() + 1e-12)
  }

  @Test func traceDistance() throws {
    var g = Xoshiro256StarStar(seed: 119)
    // Pure states: T = √(1 − |⟨ψ|φ⟩|²).
    let psi = try randomState(qubits: 2, &g)
    let phi = try randomState(qubits: 2, &g)
    let a = try DensityMatrix(psi)
    let b = try DensityMatrix(phi)
    let expected = (1 - (try psi.fidelity(with: phi))).squareRoot()
    #expect(abs(try a.traceDistance(to: b) - expected) < 1e-12)
    #expect(abs(try b.traceDistance(to: a) - expected) < 1e-12)
    #expect(try a.traceDistance(to: a) < 1e-14)
    // Qubits: T = |r − s|/2 for Bloch vectors r, s.
    let r = try randomDensityMatrix(qubits: 1, &g)
    let s = try randomDensityMatrix(qubits: 1, &g)
    let vr = try r.blochVector(of: 0)
    let vs = try s.blochVector(of: 0)
    let dx = vr.x - vs.x
    let dy = vr.y - vs.y
    let dz = vr.z - vs.z
    let half = 0.5 * (dx * dx + dy * dy + dz * dz).squareRoot()
    #expect(abs(try r.traceDistance(to: s) - half) < 1e-13)
    // Orthogonal states are at distance 1; Fuchs–van de Graaf bounds hold for mixed states.
    let zero = try DensityMatrix(StateVector(basisState: 0, qubitCount: 1))
    let one = try DensityMatrix(StateVector(basisState: 1, qubitCount: 1))
    #expect(abs(try zero.traceDistance(to: one) - 1) < 1e-14)
    let rho = try randomDensityMatrix(qubits: 2, &g)
    let sigma = try randomDensityMatrix(qubits: 2, &g)
    let t = try rho.traceDistance(to: sigma)
    let f = try rho.fidelity(with: sigma)
    #expect(1 - f.squareRoot() <= t + 1e-12 && t <= (1 - f).squareRoot() + 1e-12)
  }

  @Test func blochVectors() throws {
    func bloch(_ amplitudes: [C]) throws -> (x: Double, y: Double, z: Double) {
      try DensityMatrix(StateVector(normalizing: amplitudes)).blochVector(of: 0)
    }
    let plus = try bloch([1, 1])
    #expect(abs(plus.x - 1) < 1e-15 && abs(plus.y) < 1e-15 && abs(plus.z) < 1e-15)
    let plusI = try bloch([1, C(0, 1)])
    #expect(abs(plusI.x) < 1e-15 && abs(plusI.y - 1) < 1e-15 && abs(plusI.z) < 1e-15)
    let one = try bloch([0, 1])
    #expect(one.x == 0 && one.y == 0 && one.z == -1)
    let minusI = try bloch([1, C(0, -1)])
    #expect(abs(minusI.y + 1) < 1e-15)
    // Inside a register: qubit 2 of |+i⟩ ⊗ |1⟩ ⊗ |+⟩ (qubit 0 = |+⟩), and the maximally mixed half
    // of a Bell pair has the zero vector.
    let r = 0.5.squareRoot()
    let product = try StateVector(amplitudes: [C(r), C(r)])
      .tensor(StateVector(basisState: 1, qubitCount: 1))
      .tensor(StateVector(amplitudes: [C(r), C(0, r)]))
    let rho = try DensityMatrix(product)
    let v0 = try rho.blochVector(of: 0)
    let v1 = try rho.blochVector(of: 1)
    let v2 = try rho.blochVector(of: 2)
    #expect(abs(v0.x - 1) < 1e-15 && abs(v1.z + 1) < 1e-15 && abs(v2.y - 1) < 1e-15)
    let half = try DensityMatrix(bellState()).blochVector(of: 1)
    #expect(abs(half.x) + abs(half.y) + abs(half.z) < 1e-15)
    // ⟨X⟩, ⟨Y⟩, ⟨Z⟩ of a random mixed qubit.
    var g = Xoshiro256StarStar(seed: 120)
    let m = try randomDensityMatrix(qubits: 2, &g)
    let v = try m.blochVector(of: 1)
    #expect(abs(v.x - (try m.expectation(of: PauliString("XI")))) < 1e-14)
    #expect(abs(v.y - (try m.expectation(of: PauliString("YI")))) < 1e-14)
    #expect(abs(v.z - (try m.expectation(of: PauliString("ZI")))) < 1e-14)
  }

  /// tr(ρP) for all 64 three-qubit Pauli strings against explicit Kronecker products.
  @Test func densityMatrixPauliExpectations() throws {
    var g = Xoshiro256StarStar(seed: 121)
    let rho = try randomDensityMatrix(qubits: 3, &g)
    for label in allPauliLabels(3) {
      let expected = (rho.matrix * (try pauliMatrix(label: label))).trace
      #expect(abs(expected.imaginary) < 1e-14)
      #expect(abs(try rho.expectation(of: PauliString(label)) - expected.real) < 1e-14, "\(label)")
    }
  }
}
