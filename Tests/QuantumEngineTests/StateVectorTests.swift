import ComplexModule
import QuantumEngine
import RealModule
import Testing

/// |Φ+⟩ = (|00⟩ + |11⟩)/√2 built by H and CNOT.
func bellState() throws -> StateVector {
  var psi = try StateVector(qubitCount: 2)
  try psi.apply(.h, to: 0)
  try psi.apply(.cnot, to: [0, 1])
  return psi
}

/// (|0…0⟩ + |1…1⟩)/√2 on `n` qubits, built by H and a CNOT chain.
func ghzState(_ n: Int) throws -> StateVector {
  var psi = try StateVector(qubitCount: n)
  try psi.apply(.h, to: 0)
  for q in 1..<n { try psi.apply(.cnot, to: [q - 1, q]) }
  return psi
}

@Suite struct StateVectorTests {
  @Test func basisStatesPutQubitZeroInTheLowestBit() throws {
    let zero = try StateVector(qubitCount: 3)
    #expect(zero.amplitudes == [1, 0, 0, 0, 0, 0, 0, 0])
    #expect(zero.qubitCount == 3 && zero.dimension == 8)
    // X on qubit 1 of |000⟩ gives index 2 = |010⟩.
    var psi = zero
    try psi.apply(.x, to: 1)
    #expect(psi == (try StateVector(basisState: 2, qubitCount: 3)))
    #expect(psi.probabilities() == [0, 0, 1, 0, 0, 0, 0, 0])
    #expect(psi.description == "1.0|010⟩")
  }

  @Test func customAmplitudesAndNormalizing() throws {
    let a: [C] = [C(0.6), C(0, 0.8)]
    let psi = try StateVector(amplitudes: a)
    #expect(psi.amplitudes == a && psi.qubitCount == 1)
    let scaled = try StateVector(normalizing: [C(3), C(0, 4)])
    #expect(maxDeviation(scaled.amplitudes, a) < 1e-15)
    #expect(abs(psi.norm - 1) < 1e-15)
  }

  /// a ⊗ b keeps a's qubits low: amplitude index i + 2^na·j is a_i·b_j.
  @Test func tensorProductOrder() throws {
    var g = Xoshiro256StarStar(seed: 31)
    let a = try randomState(qubits: 2, &g)
    let b = try randomState(qubits: 1, &g)
    let ab = try a.tensor(b)
    #expect(ab.qubitCount == 3)
    for j in 0..<2 {
      for i in 0..<4 {
        #expect((ab.amplitudes[i + 4 * j] - a.amplitudes[i] * b.amplitudes[j]).length < 1e-16)
      }
    }
    // X on qubit 2 of a ⊗ b acts on b.
    var flipped = ab
    try flipped.apply(.x, to: 2)
    var bx = b
    try bx.apply(.x, to: 0)
    #expect(maxDeviation(flipped.amplitudes, try a.tensor(bx).amplitudes) == 0)
  }

  @Test func innerProductAndFidelity() throws {
    var g = Xoshiro256StarStar(seed: 32)
    let a = try randomState(qubits: 3, &g)
    let b = try randomState(qubits: 3, &g)
    var expected = C.zero
    for i in 0..<8 { expected += a.amplitudes[i].conjugate * b.amplitudes[i] }
    #expect((try a.inner(b) - expected).length < 1e-15)
    #expect((try b.inner(a) - expected.conjugate).length < 1e-15)
    #expect(abs(try a.fidelity(with: b) - expected.lengthSquared) < 1e-15)
    #expect(abs(try a.fidelity(with: a) - 1) < 1e-14)
    // Orthogonal states.
    #expect(
      try StateVector(basisState: 1, qubitCount: 2).fidelity(with: StateVector(qubitCount: 2)) == 0)
  }

  @Test func bellStateAmplitudesCorrelationsAndReducedStates() throws {
    let bell = try bellState()
    let r = 0.5.squareRoot()
    #expect(maxDeviation(bell.amplitudes, [C(r), 0, 0, C(r)]) < 1e-15)
    #expect(abs(try bell.expectation(of: PauliString("ZZ")) - 1) < 1e-14)
    #expect(abs(try bell.expectation(of: PauliString("XX")) - 1) < 1e-14)
    #expect(abs(try bell.expectation(of: PauliString("YY")) + 1) < 1e-14)
    #expect(abs(try bell.expectation(of: PauliString("IZ"))) < 1e-14)
    for keep in [[0], [1]] {
      let half = try bell.reducedDensityMatrix(keeping: keep)
      #expect(half.matrix.maxDeviation(from: ComplexMatrix.identity(2).scaled(by: C(0.5))) < 1e-15)
      #expect(abs(try half.entropy() - 1) < 1e-12)
      #expect(abs(half.purity - 0.5) < 1e-15)
    }
    #expect(abs(try bell.reducedDensityMatrix(keeping: [0, 1]).purity - 1) < 1e-14)
  }

  @Test(arguments: [3, 5])
  func ghzStateAndItsMarginals(n: Int) throws {
    let ghz = try ghzState(n)
    let r = 0.5.squareRoot()
    var expected = [C](repeating: .zero, count: 1 << n)
    expected[0] = C(r)
    expected[(1 << n) - 1] = C(r)
    #expect(maxDeviation(ghz.amplitudes, expected) < 1e-15)
    #expect(abs(try ghz.expectation(of: PauliString(String(repeating: "X", count: n))) - 1) < 1e-14)
    // Every proper subset of k qubits is (|0…0⟩⟨0…0| + |1…1⟩⟨1…1|)/2: one bit of entropy.
    for keep in [[0], [n - 1], [0, n - 1], Array(0..<(n - 1))] {
      let rho = try ghz.reducedDensityMatrix(keeping: keep)
      let d = 1 << keep.count
      var diag = [C](repeating: .zero, count: d)
      diag[0] = C(0.5)
      diag[d - 1] = C(0.5)
      #expect(rho.matrix.maxDeviation(from: .diagonal(diag)) < 1e-15)
      #expect(abs(try rho.entropy() - 1) < 1e-12)
    }
    for q in 1..<n {
      #expect(abs(try ghz.expectation(of: PauliString(operators: [0: .z, q: .z])) - 1) < 1e-14)
    }
  }

  /// ⟨ψ|P|ψ⟩ for all 64 Pauli strings on three qubits against P written as a Kronecker product.
  @Test func pauliExpectationsMatchExplicitMatrices() throws {
    var g = Xoshiro256StarStar(seed: 33)
    let psi = try randomState(qubits: 3, &g)
    let ket = try column(psi.amplitudes)
    for label in allPauliLabels(3) {
      let p = try pauliMatrix(label: label)
      let expected = (ket.adjoint * p * ket)[0, 0]
      #expect(abs(expected.imaginary) < 1e-14)
      #expect(abs(try psi.expectation(of: PauliString(label)) - expected.real) < 1e-14, "\(label)")
    }
  }

  /// The reduced state of `keeping` in the listed order, against a partial trace written out here.
  @Test func reducedDensityMatrixOfChosenQubitsInOrder() throws {
    var g = Xoshiro256StarStar(seed: 34)
    let n = 4
    let psi = try randomState(qubits: n, &g)
    for keep in [[2, 0], [1], [3, 1, 2], [0, 1, 2, 3]] {
      let rest = (0..<n).filter { !keep.contains($0) }
      let da = 1 << keep.count
      var expected = try zeros(da, da)
      for i in 0..<(1 << n) {
        for j in 0..<(1 << n) {
          // Only pairs that agree on the traced-out qubits contribute.
          guard rest.allSatisfy({ i & (1 << $0) == j & (1 << $0) }) else { continue }
          var a = 0
          var b = 0
          for (k, q) in keep.enumerated() {
            if i & (1 << q) != 0 { a |= 1 << k }
            if j & (1 << q) != 0 { b |= 1 << k }
          }
          expected[a, b] += psi.amplitudes[i] * psi.amplitudes[j].conjugate
        }
      }
      let rho = try psi.reducedDensityMatrix(keeping: keep)
      #expect(rho.qubitCount == keep.count)
      #expect(rho.matrix.maxDeviation(from: expected) < 1e-15, "\(keep)")
      // Same answer through the density matrix.
      let viaDM = try DensityMatrix(psi).reduced(keeping: keep)
      #expect(viaDM.matrix.maxDeviation(from: expected) < 1e-15)
    }
  }

  @Test func probabilitiesOfChosenQubits() throws {
    var g = Xoshiro256StarStar(seed: 35)
    let psi = try randomState(qubits: 3, &g)
    let full = psi.probabilities()
    #expect(abs(full.reduce(0, +) - 1) < 1e-14)
    let p = try psi.probabilities(of: [2, 0])
    for outcome in 0..<4 {
      var expected = 0.0
      for i in 0..<8 where (i >> 2) & 1 == outcome & 1 && i & 1 == (outcome >> 1) & 1 {
        expected += full[i]
      }
      #expect(abs(p[outcome] - expected) < 1e-15)
    }
  }
}
