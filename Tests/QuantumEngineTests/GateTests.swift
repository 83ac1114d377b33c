import ComplexModule
import QuantumEngine
import RealModule
import Testing

@Suite struct GateTests {
  static let fixed: [Gate] = [
    .i, .x, .y, .z, .h, .s, .sdg, .t, .tdg, .sx, .cnot, .cz, .swap, .toffoli,
  ]
  static let angles: [Double] = [0, 0.3, -1.7, .pi, 2.5 * .pi]

  @Test func everyStandardGateIsUnitaryOfTheRightSize() throws {
    var gates = GateTests.fixed
    for a in GateTests.angles {
      gates += [.rx(a), .ry(a), .rz(a), .phase(a), .u(a, 0.7 * a, -0.4), .u(0.2, a, a / 3)]
    }
    gates.append(try Gate.h.controlled(by: 2))
    for g in gates {
      #expect(g.matrix.rows == 1 << g.qubitCount, "\(g)")
      #expect(g.matrix.unitarityDeviation < 1e-14, "\(g)")
      #expect(g.isFinite)
      #expect((g.inverse.matrix * g.matrix).maxDeviation(from: .identity(g.matrix.rows)) < 1e-14)
    }
    #expect(Gate.cnot.qubitCount == 2 && Gate.toffoli.qubitCount == 3)
  }

  @Test func paulisByHand() throws {
    #expect(Gate.x.matrix == (try pauliMatrix("X")))
    #expect(Gate.y.matrix == (try pauliMatrix("Y")))
    #expect(Gate.z.matrix == (try pauliMatrix("Z")))
    // XY = iZ
    #expect(
      (Gate.x.matrix * Gate.y.matrix).maxDeviation(from: Gate.z.matrix.scaled(by: C(0, 1))) == 0)
  }

  @Test func cliffordAndTIdentities() throws {
    let h = Gate.h.matrix
    #expect((h * Gate.z.matrix * h).maxDeviation(from: Gate.x.matrix) < 1e-15)
    #expect((h * Gate.x.matrix * h).maxDeviation(from: Gate.z.matrix) < 1e-15)
    #expect((h * h).maxDeviation(from: .identity(2)) < 1e-15)
    #expect((Gate.s.matrix * Gate.s.matrix).maxDeviation(from: Gate.z.matrix) < 1e-15)
    #expect((Gate.t.matrix * Gate.t.matrix).maxDeviation(from: Gate.s.matrix) < 1e-15)
    #expect((Gate.s.matrix * Gate.sdg.matrix).maxDeviation(from: .identity(2)) < 1e-15)
    #expect((Gate.t.matrix * Gate.tdg.matrix).maxDeviation(from: .identity(2)) < 1e-15)
    #expect((Gate.sx.matrix * Gate.sx.matrix).maxDeviation(from: Gate.x.matrix) < 1e-15)
    // Y = i·X·Z
    let ixz = (Gate.x.matrix * Gate.z.matrix).scaled(by: C(0, 1))
    #expect(ixz.maxDeviation(from: Gate.y.matrix) < 1e-15)
  }

  @Test func rotationsAtSpecialAngles() throws {
    // Rx(π) = −iX, Ry(π) = −iY, Rz(π) = −iZ.
    let minusI = C(0, -1)
    #expect(Gate.rx(.pi).matrix.maxDeviation(from: Gate.x.matrix.scaled(by: minusI)) < 1e-15)
    #expect(Gate.ry(.pi).matrix.maxDeviation(from: Gate.y.matrix.scaled(by: minusI)) < 1e-15)
    #expect(Gate.rz(.pi).matrix.maxDeviation(from: Gate.z.matrix.scaled(by: minusI)) < 1e-15)
    // Rx(π/2) equals √X up to a global phase; rotations by 2π are −I.
    #expect(equalUpToPhase(Gate.rx(.pi / 2).matrix, Gate.sx.matrix))
    for g in [Gate.rx(2 * .pi), .ry(2 * .pi), .rz(2 * .pi)] {
      #expect(g.matrix.maxDeviation(from: ComplexMatrix.identity(2).scaled(by: C(-1))) < 1e-15)
    }
    // Rotations compose additively.
    for r in [Gate.rx, Gate.ry, Gate.rz] {
      #expect((r(0.4).matrix * r(1.1).matrix).maxDeviation(from: r(1.5).matrix) < 1e-15)
    }
  }

  @Test(arguments: [0.0, 0.37, -2.2, .pi])
  func rzEqualsPhaseUpToGlobalPhase(theta: Double) throws {
    let expected = Gate.phase(theta).matrix.scaled(by: Complex(length: 1, phase: -theta / 2))
    #expect(Gate.rz(theta).matrix.maxDeviation(from: expected) < 1e-15)
    #expect(equalUpToPhase(Gate.rz(theta).matrix, Gate.phase(theta).matrix))
  }

  @Test func uSpecialCases() throws {
    // OpenQASM 3: U(θ,0,0) = Ry(θ), U(0,0,λ) = P(λ), U(π/2,0,π) = H, U(π,0,π) = X,
    // U(π,π/2,π/2) = Y, and U(θ,−π/2,π/2) = Rx(θ).
    for theta in [0.3, 1.9] {
      #expect(Gate.u(theta, 0, 0).matrix.maxDeviation(from: Gate.ry(theta).matrix) < 1e-15)
      #expect(Gate.u(0, 0, theta).matrix.maxDeviation(from: Gate.phase(theta).matrix) < 1e-15)
      #expect(
        Gate.u(theta, -.pi / 2, .pi / 2).matrix.maxDeviation(from: Gate.rx(theta).matrix) < 1e-15)
      // U(0, φ, λ) = e^{i(φ+λ)/2}·Rz(φ+λ)
      #expect(equalUpToPhase(Gate.u(0, theta, 0.5).matrix, Gate.rz(theta + 0.5).matrix))
    }
    #expect(Gate.u(.pi / 2, 0, .pi).matrix.maxDeviation(from: Gate.h.matrix) < 1e-15)
    #expect(Gate.u(.pi, 0, .pi).matrix.maxDeviation(from: Gate.x.matrix) < 1e-15)
    #expect(Gate.u(.pi, .pi / 2, .pi / 2).matrix.maxDeviation(from: Gate.y.matrix) < 1e-15)
  }

  /// CNOT with local qubit 0 as control: |c t⟩ ↦ |c, t ⊕ c⟩, index = c + 2t.
  @Test func cnotCzSwapMatricesByHand() throws {
    for c in 0..<2 {
      for t in 0..<2 {
        let input = c + 2 * t
        let output = c + 2 * (t ^ c)
        for r in 0..<4 { #expect(Gate.cnot.matrix[r, input] == (r == output ? 1 : 0)) }
        let swapped = t + 2 * c
        for r in 0..<4 { #expect(Gate.swap.matrix[r, input] == (r == swapped ? 1 : 0)) }
        #expect(Gate.cz.matrix[input, input] == (c == 1 && t == 1 ? -1 : 1))
      }
    }
  }

  @Test func cnotConjugatedByHadamardOnTargetIsCZ() throws {
    let hTarget = Gate.h.matrix.kron(.identity(2))  // H on local qubit 1 (the high factor)
    let m = hTarget * Gate.cnot.matrix * hTarget
    #expect(m.maxDeviation(from: Gate.cz.matrix) < 1e-15)
    // Also on states, through the kernels, with control and target in both orders.
    var g = Xoshiro256StarStar(seed: 21)
    let psi = try randomState(qubits: 4, &g)
    for (c, t) in [(0, 3), (3, 0), (1, 2)] {
      var a = psi
      try a.apply(.h, to: t)
      try a.apply(.cnot, to: [c, t])
      try a.apply(.h, to: t)
      var b = psi
      try b.apply(.cz, to: [c, t])
      #expect(maxDeviation(a.amplitudes, b.amplitudes) < 1e-14)
    }
  }

  @Test func threeCnotsMakeASwap() throws {
    var g = Xoshiro256StarStar(seed: 22)
    let psi = try randomState(qubits: 3, &g)
    var a = psi
    try a.apply(.cnot, to: [0, 2])
    try a.apply(.cnot, to: [2, 0])
    try a.apply(.cnot, to: [0, 2])
    var b = psi
    try b.apply(.swap, to: [0, 2])
    #expect(maxDeviation(a.amplitudes, b.amplitudes) < 1e-14)
    #expect(
      maxDeviation(b.amplitudes, naiveApply(Gate.swap.matrix, on: [0, 2], to: psi.amplitudes)) == 0)
  }

  @Test func controlledXIsCNOTAndControlledControlledXIsToffoli() throws {
    #expect(try Gate.x.controlled().matrix == Gate.cnot.matrix)
    #expect(try Gate.x.controlled(by: 2).matrix == Gate.toffoli.matrix)
    #expect(try Gate.z.controlled().matrix == Gate.cz.matrix)
    #expect(try Gate.h.controlled(by: 0).matrix == Gate.h.matrix)
  }

  /// controlled(U) = |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ U with the control as local qubit 0.
  @Test func controlledOfRandomGateHasTheBlockForm() throws {
    var g = Xoshiro256StarStar(seed: 23)
    let u = try randomGate(qubits: 1, &g)
    let cu = try u.controlled()
    let p0 = ComplexMatrix.diagonal([1, 0])
    let p1 = ComplexMatrix.diagonal([0, 1])
    let expected = try ComplexMatrix.identity(2).kron(p0).adding(u.matrix.kron(p1))
    #expect(cu.matrix.maxDeviation(from: expected) < 1e-15)
    // A controlled two-qubit gate: identity unless the control is set.
    let u2 = try randomGate(qubits: 2, &g)
    let cu2 = try u2.controlled()
    let expected2 = try ComplexMatrix.identity(4).kron(p0).adding(u2.matrix.kron(p1))
    #expect(cu2.matrix.maxDeviation(from: expected2) < 1e-15)
  }

  @Test func toffoliTruthTableOnScatteredQubits() throws {
    // Controls on qubits 3 and 0, target on qubit 2, spectator qubit 1, in a 4-qubit register.
    for input in 0..<16 {
      var psi = try StateVector(basisState: input, qubitCount: 4)
      try psi.apply(.toffoli, to: [3, 0, 2])
      let fire = input & 0b1001 == 0b1001
      let expected = fire ? input ^ 0b0100 : input
      #expect(psi.amplitudes[expected] == 1, "input \(input)")
      #expect(psi.probabilities().reduce(0, +) == 1)
    }
  }

  @Test func customGateFromMatrix() throws {
    var g = Xoshiro256StarStar(seed: 24)
    let u = try randomUnitary(8, &g)
    let gate = try Gate(name: "W", matrix: u)
    #expect(gate.qubitCount == 3 && gate.name == "W" && gate.description == "W")
    #expect(gate.matrix == u)
    expectError(.notUnitary) { try Gate(matrix: u.scaled(by: C(1.01))) }
    expectError(.dimensionNotPowerOfTwo) { try Gate(matrix: .identity(3)) }
    expectError(.dimensionMismatch) { try Gate(matrix: try zeros(2, 4)) }
    expectError(.invalidParameter) { try Gate.x.controlled(by: -1) }
    expectError(.invalidParameter) { try Gate.x.controlled(by: 12) }
  }
}
