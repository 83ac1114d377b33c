import ComplexModule
import QuantumEngine
import RealModule
import Testing

/// The trine POVM: E_k = (2/3)|ψ_k⟩⟨ψ_k| with ψ_k at 120° steps in the X–Z plane of the Bloch
/// sphere. Returns the elements and their square roots ((2/3)^{1/2}|ψ_k⟩⟨ψ_k|), known in closed form.
func trine() throws -> (elements: [ComplexMatrix], roots: [ComplexMatrix]) {
  var elements: [ComplexMatrix] = []
  var roots: [ComplexMatrix] = []
  for k in 0..<3 {
    let angle = 2 * Double.pi * Double(k) / 3
    let psi = [C(Double.cos(angle / 2)), C(Double.sin(angle / 2))]
    let proj = try outer(psi, psi)
    elements.append(proj.scaled(by: C(2.0 / 3)))
    roots.append(proj.scaled(by: C((2.0 / 3).squareRoot())))
  }
  return (elements, roots)
}

@Suite struct POVMTests {
  @Test func trineProbabilitiesAreTraceOfEρ() throws {
    var g = Xoshiro256StarStar(seed: 101)
    let povm = try POVM(elements: try trine().elements)
    #expect(povm.qubitCount == 1 && povm.elements.count == 3)
    let rho = try randomDensityMatrix(qubits: 3, &g)
    for q in 0..<3 {
      let reduced = try rho.reduced(keeping: [q]).matrix
      let p = try rho.outcomeProbabilities(of: povm, on: [q])
      #expect(abs(p.reduce(0, +) - 1) < 1e-14)
      for (m, e) in povm.elements.enumerated() {
        #expect(abs(p[m] - (e * reduced).trace.real) < 1e-15)
      }
    }
  }

  /// Lüders rule ρ ↦ √E ρ √E / p on the chosen qubit, with √E embedded as a full matrix, and
  /// outcome frequencies within 5σ of tr(Eρ).
  @Test func luedersUpdateAndStatistics() throws {
    var g = Xoshiro256StarStar(seed: 102)
    let (elements, roots) = try trine()
    let povm = try POVM(elements: elements)
    let rho = try randomDensityMatrix(qubits: 2, &g)
    let q = 1
    let p = try rho.outcomeProbabilities(of: povm, on: [q])
    var counts = [0, 0, 0]
    let runs = 3000
    var worst = 0.0
    for _ in 0..<runs {
      var s = rho
      let m = try s.measure(povm, on: [q], using: &g)
      counts[m] += 1
      let root = try embed(roots[m], on: [q], qubitCount: 2)
      let expected = (root * rho.matrix * root).scaled(by: C(1 / p[m]))
      worst = max(worst, s.matrix.maxDeviation(from: expected))
    }
    #expect(worst < 1e-12)
    for m in 0..<3 {
      #expect(
        abs(Double(counts[m]) - Double(runs) * p[m]) <= fiveSigma(trials: runs, probability: p[m]))
    }
  }

  /// A noisy two-outcome measurement whose elements are diagonal but not projectors, so √E is not E.
  @Test func unsharpMeasurementUsesTheSquareRoot() throws {
    var g = Xoshiro256StarStar(seed: 103)
    let eta = 0.3
    let e0 = ComplexMatrix.diagonal([C(1 - eta / 2), C(eta / 2)])
    let e1 = ComplexMatrix.diagonal([C(eta / 2), C(1 - eta / 2)])
    let povm = try POVM(elements: [e0, e1])
    let psi = try randomState(qubits: 1, &g)
    let rho = try DensityMatrix(psi)
    var s = rho
    let m = try s.measure(povm, on: [0], using: &g)
    let root =
      m == 0
      ? ComplexMatrix.diagonal([C((1 - eta / 2).squareRoot()), C((eta / 2).squareRoot())])
      : ComplexMatrix.diagonal([C((eta / 2).squareRoot()), C((1 - eta / 2).squareRoot())])
    let pm = ((m == 0 ? e0 : e1) * rho.matrix).trace.real
    let expected = (root * rho.matrix * root).scaled(by: C(1 / pm))
    #expect(s.matrix.maxDeviation(from: expected) < 1e-14)
    // The post-state stays pure: √E|ψ⟩ normalised.
    #expect(abs(s.purity - 1) < 1e-12)
  }

  /// Complex, full-rank elements E0 = U·diag(0.7, 0.2)·U†, E1 = I − E0 with their square roots in
  /// closed form: the update must conjugate √E correctly on the bra side.
  @Test func luedersUpdateWithComplexElements() throws {
    var g = Xoshiro256StarStar(seed: 107)
    let u = try randomUnitary(2, &g)
    func conj(_ d: [Double]) -> ComplexMatrix { u * .diagonal(d.map { C($0) }) * u.adjoint }
    let e = [conj([0.7, 0.2]), conj([0.3, 0.8])]
    let roots = [[0.7, 0.2], [0.3, 0.8]].map { d in conj(d.map { $0.squareRoot() }) }
    let povm = try POVM(elements: e)
    let rho = try randomDensityMatrix(qubits: 2, &g)
    let p = try rho.outcomeProbabilities(of: povm, on: [0])
    var seen = Set<Int>()
    for _ in 0..<20 {
      var s = rho
      let m = try s.measure(povm, on: [0], using: &g)
      seen.insert(m)
      let root = try embed(roots[m], on: [0], qubitCount: 2)
      let expected = (root * rho.matrix * root).scaled(by: C(1 / p[m]))
      #expect(s.matrix.maxDeviation(from: expected) < 1e-12)
    }
    #expect(seen == [0, 1])
  }

  /// A projective measurement in a random orthonormal basis of two qubits.
  @Test func projectiveMeasurementInRandomBasis() throws {
    var g = Xoshiro256StarStar(seed: 108)
    let u = try randomUnitary(4, &g)
    let basis = try (0..<4).map { c in try StateVector(amplitudes: (0..<4).map { u[$0, c] }) }
    let povm = try POVM.projective(basis: basis)
    let rho = try randomDensityMatrix(qubits: 3, &g)
    let qubits = [1, 2]
    let p = try rho.outcomeProbabilities(of: povm, on: qubits)
    var s = rho
    let m = try s.measure(povm, on: qubits, using: &g)
    let full = try embed(povm.elements[m], on: qubits, qubitCount: 3)
    #expect(abs(p[m] - (full * rho.matrix).trace.real) < 1e-14)
    let expected = (full * rho.matrix * full).scaled(by: C(1 / p[m]))
    #expect(s.matrix.maxDeviation(from: expected) < 1e-12)
  }

  /// A Bell-basis measurement on two chosen qubits of a three-qubit state.
  @Test func projectiveBellMeasurementOnChosenQubits() throws {
    var g = Xoshiro256StarStar(seed: 104)
    let r = 0.5.squareRoot()
    let bellBasis = try [
      [C(r), 0, 0, C(r)], [C(r), 0, 0, C(-r)], [0, C(r), C(r), 0], [0, C(r), C(-r), 0],
    ].map { try StateVector(amplitudes: $0) }
    let povm = try POVM.projective(basis: bellBasis)
    #expect(povm.qubitCount == 2)
    let rho = try randomDensityMatrix(qubits: 3, &g)
    let qubits = [2, 0]
    let p = try rho.outcomeProbabilities(of: povm, on: qubits)
    for (m, e) in povm.elements.enumerated() {
      let full = try embed(e, on: qubits, qubitCount: 3)
      #expect(abs(p[m] - (full * rho.matrix).trace.real) < 1e-14)
    }
    var s = rho
    let m = try s.measure(povm, on: qubits, using: &g)
    let full = try embed(povm.elements[m], on: qubits, qubitCount: 3)
    let expected = (full * rho.matrix * full).scaled(by: C(1 / p[m]))
    #expect(s.matrix.maxDeviation(from: expected) < 1e-12)
    // After the measurement the pair is in Bell state m.
    let pair = try s.reduced(keeping: qubits)
    #expect(abs(try pair.fidelity(with: DensityMatrix(bellBasis[m])) - 1) < 1e-10)
  }

  @Test func computationalPOVMMatchesProjectiveProbabilities() throws {
    var g = Xoshiro256StarStar(seed: 105)
    let rho = try randomDensityMatrix(qubits: 3, &g)
    let povm = try POVM.computational(qubits: 2)
    #expect(povm.elements.count == 4)
    let a = try rho.outcomeProbabilities(of: povm, on: [0, 2])
    let b = try rho.probabilities(of: [0, 2])
    for (x, y) in zip(a, b) { #expect(abs(x - y) < 1e-15) }
  }

  @Test func invalidPOVMsAreRejected() throws {
    // Not complete: the elements sum to diag(1, 0.9).
    expectError(.povmNotComplete) {
      try POVM(elements: [.diagonal([1, 0]), .diagonal([0, C(0.9)])])
    }
    // Not positive: sums to I but one element has eigenvalue −0.2.
    expectError(.notPositive) {
      try POVM(elements: [.diagonal([C(1.2), 0]), .diagonal([C(-0.2), 1])])
    }
    expectError(.notHermitian) {
      try POVM(elements: [try ComplexMatrix([[1, 1], [0, 0]]), .diagonal([0, 1])])
    }
    expectError(.empty) { try POVM(elements: []) }
    expectError(.dimensionMismatch) { try POVM(elements: [.identity(2), .identity(4)]) }
    expectError(.dimensionNotPowerOfTwo) { try POVM(elements: [.identity(3)]) }
    expectError(.invalidQubitCount) { try POVM.computational(qubits: 0) }
    // Not an orthonormal basis.
    expectError(.povmNotComplete) {
      try POVM.projective(basis: [try StateVector(qubitCount: 1), try StateVector(qubitCount: 1)])
    }
    // A two-qubit POVM on one qubit.
    var g = Xoshiro256StarStar(seed: 106)
    var rho = try randomDensityMatrix(qubits: 2, &g)
    let before = rho
    let povm = try POVM.computational(qubits: 2)
    expectError(.dimensionMismatch) { try rho.outcomeProbabilities(of: povm, on: [0]) }
    expectError(.dimensionMismatch) { try rho.measure(povm, on: [1], using: &g) }
    expectError(.invalidQubit) { try rho.measure(povm, on: [0, 2], using: &g) }
    expectError(.duplicateQubit) { try rho.measure(povm, on: [1, 1], using: &g) }
    #expect(rho == before)
  }
}
