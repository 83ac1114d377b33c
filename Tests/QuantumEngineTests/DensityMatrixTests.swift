import ComplexModule
import QuantumEngine
import RealModule
import Testing

@Suite struct DensityMatrixTests {
  @Test func constructionFromStateMixtureAndMatrix() throws {
    var g = Xoshiro256StarStar(seed: 51)
    let a = try randomState(qubits: 2, &g)
    let b = try randomState(qubits: 2, &g)
    let rhoA = try DensityMatrix(a)
    #expect(rhoA.matrix.maxDeviation(from: try outer(a.amplitudes, a.amplitudes)) < 1e-16)
    #expect(abs(rhoA.trace - 1) < 1e-15)
    let mix = try DensityMatrix(mixture: [(0.3, a), (0.7, b)])
    let expected = try outer(a.amplitudes, a.amplitudes).scaled(by: C(0.3))
      .adding(outer(b.amplitudes, b.amplitudes).scaled(by: C(0.7)))
    #expect(mix.matrix.maxDeviation(from: expected) < 1e-15)
    let fromMatrix = try DensityMatrix(matrix: expected)
    #expect(fromMatrix.matrix == expected && fromMatrix.qubitCount == 2)
    let ground = try DensityMatrix(qubitCount: 3)
    #expect(ground.probabilities()[0] == 1 && abs(ground.purity - 1) < 1e-15)
    #expect(ground[0, 0] == 1 && ground.dimension == 8)
  }

  static let gateNames: [(String, Int)] = [
    ("X", 1), ("H", 1), ("Ry", 1), ("S", 1), ("Rz", 1), ("Y", 1), ("U", 1), ("random", 1),
    ("CNOT", 2), ("CZ", 2), ("CU", 2), ("SWAP", 2), ("dense", 2),
    ("Toffoli", 3), ("CCU", 3), ("dense", 3),
  ]

  /// ρ ↦ UρU† through the ket/bra kernels against full matrices, for every kernel path.
  @Test(arguments: [4, 8])
  func gatesMatchConjugationByFullMatrices(n: Int) throws {
    var g = Xoshiro256StarStar(seed: 52)
    let rho = try randomDensityMatrix(qubits: n, rank: 3, &g)
    let qubitSets: [[Int]] = [[n - 1], [0, n - 1], [n / 2, 0, n - 1]]
    for (name, k) in DensityMatrixTests.gateNames {
      let gate = try KernelGates.gate(name, qubits: k)
      var qubits = qubitSets[k - 1]
      if n == 8 && k == 2 { qubits = [5, 2] }
      var out = rho
      try out.apply(gate, to: qubits)
      let u = try embed(gate.matrix, on: qubits, qubitCount: n)
      let expected = u * rho.matrix * u.adjoint
      #expect(out.matrix.maxDeviation(from: expected) < 1e-13, "\(gate) on \(qubits)")
      #expect(abs(out.trace - 1) < 1e-12)
    }
  }

  /// The unitary part of a random 8-qubit circuit: DensityMatrix(ψ) evolved gate by gate equals
  /// |Uψ⟩⟨Uψ| to 1e-10.
  @Test func randomEightQubitCircuitUnitaryPart() throws {
    var g = Xoshiro256StarStar(seed: 53)
    let n = 8
    let psi0 = try randomState(qubits: n, &g)
    let circuit = try RandomCircuit(qubits: n, layers: 40, &g)
    var psi = psi0
    var rho = try DensityMatrix(psi0)
    for op in circuit.operations {
      try psi.apply(op.gate, to: op.qubits)
      try rho.apply(op.gate, to: op.qubits)
    }
    #expect(rho.matrix.maxDeviation(from: try outer(psi.amplitudes, psi.amplitudes)) < 1e-10)
    #expect(abs(rho.purity - 1) < 1e-10)
  }

  /// Every standard channel and random channels, on chosen qubits of a 3-qubit density matrix,
  /// against Σ K ρ K† with embedded Kraus operators.
  @Test func channelsMatchKrausSumOnChosenQubits() throws {
    var g = Xoshiro256StarStar(seed: 54)
    let n = 3
    let rho = try randomDensityMatrix(qubits: n, &g)
    var channels = try standardChannels()
    channels.append(try QuantumChannel(kraus: randomKraus(dimension: 2, count: 3, &g)))
    for ch in channels {
      for q in 0..<n {
        var out = rho
        try out.apply(ch, to: q)
        let expected = try naiveChannel(ch.kraus, on: [q], to: rho.matrix, qubitCount: n)
        #expect(out.matrix.maxDeviation(from: expected) < 1e-14, "\(ch) on \(q)")
      }
    }
    let two = try QuantumChannel(kraus: randomKraus(dimension: 4, count: 5, &g))
    for qubits in [[0, 2], [2, 1]] {
      var out = rho
      try out.apply(two, to: qubits)
      let expected = try naiveChannel(two.kraus, on: qubits, to: rho.matrix, qubitCount: n)
      #expect(out.matrix.maxDeviation(from: expected) < 1e-14, "two-qubit channel on \(qubits)")
    }
    let three = try QuantumChannel(kraus: randomKraus(dimension: 8, count: 2, &g))
    var out = rho
    try out.apply(three, to: [1, 2, 0])
    let expected = try naiveChannel(three.kraus, on: [1, 2, 0], to: rho.matrix, qubitCount: n)
    #expect(out.matrix.maxDeviation(from: expected) < 1e-14)
  }

  /// The closed-form kernels (depolarizing, dephasing, amplitude damping) against the general
  /// superoperator path of the same Kraus operators, on an 8-qubit register (above the parallel
  /// threshold) and on every qubit position class.
  @Test func closedFormChannelsAgreeWithGeneralPath() throws {
    var g = Xoshiro256StarStar(seed: 55)
    let n = 8
    let rho = try randomDensityMatrix(qubits: n, rank: 2, &g)
    for ch in [
      try QuantumChannel.depolarizing(0.3), try .dephasing(0.2), try .amplitudeDamping(0.35),
      .identity,
    ] {
      let general = try QuantumChannel(kraus: ch.kraus)
      for q in [0, 4, 7] {
        var a = rho
        try a.apply(ch, to: q)
        var b = rho
        try b.apply(general, to: q)
        #expect(a.matrix.maxDeviation(from: b.matrix) < 1e-14, "\(ch) on \(q)")
      }
    }
  }

  /// Channels listed together merge into one pass with the same result as one after another.
  @Test func mergedChannelListEqualsSequentialApplication() throws {
    var g = Xoshiro256StarStar(seed: 56)
    let rho = try randomDensityMatrix(qubits: 3, &g)
    let list = [
      try QuantumChannel.amplitudeDamping(0.2), try .depolarizing(0.1), .unitary(.h),
      try .bitFlip(0.05),
    ]
    var merged = rho
    try merged.apply(list, to: 1)
    var sequential = rho
    for ch in list { try sequential.apply(ch, to: 1) }
    #expect(merged.matrix.maxDeviation(from: sequential.matrix) < 1e-14)
  }

  /// Depolarizing p shrinks the Bloch vector by exactly (1 − p) per use and converges to I/2;
  /// on half of a Bell pair it converges to I/4.
  @Test(arguments: [false, true])
  func depolarizingReachesTheMaximallyMixedState(generalPath: Bool) throws {
    let p = 0.3
    let standard = try QuantumChannel.depolarizing(p)
    let ch = generalPath ? try QuantumChannel(kraus: standard.kraus) : standard
    var g = Xoshiro256StarStar(seed: 57)
    var rho = try DensityMatrix(randomState(qubits: 1, &g))
    let start = try rho.blochVector(of: 0)
    for k in 1...120 {
      try rho.apply(ch, to: 0)
      if k == 5 {
        let v = try rho.blochVector(of: 0)
        let f = Double.pow(1 - p, 5)
        #expect(abs(v.x - f * start.x) < 1e-14 && abs(v.y - f * start.y) < 1e-14)
        #expect(abs(v.z - f * start.z) < 1e-14)
      }
    }
    let mixed = try DensityMatrix(matrix: ComplexMatrix.identity(2).scaled(by: C(0.5)))
    #expect(try rho.traceDistance(to: mixed) < 1e-12)
    #expect(abs(try rho.entropy() - 1) < 1e-12)
    var bell = try DensityMatrix(bellState())
    for _ in 0..<120 {
      try bell.apply(ch, to: 0)
      try bell.apply(ch, to: 1)
    }
    #expect(bell.matrix.maxDeviation(from: ComplexMatrix.identity(4).scaled(by: C(0.25))) < 1e-12)
  }

  /// Amplitude damping γ: ρ11 decays as (1 − γ)^k, coherences as (1 − γ)^{k/2}; the fixed point is
  /// |0⟩⟨0|. Generalized amplitude damping converges to diag(1 − N, N).
  @Test(arguments: [false, true])
  func amplitudeDampingReachesTheGroundState(generalPath: Bool) throws {
    let gamma = 0.25
    let standard = try QuantumChannel.amplitudeDamping(gamma)
    let ch = generalPath ? try QuantumChannel(kraus: standard.kraus) : standard
    var g = Xoshiro256StarStar(seed: 58)
    let start = try randomDensityMatrix(qubits: 2, &g)
    var rho = start
    for _ in 0..<6 { try rho.apply(ch, to: 1) }
    // Reduced state of qubit 1 after six uses, by the closed form.
    let r0 = try start.reduced(keeping: [1])
    let r6 = try rho.reduced(keeping: [1])
    let decay = Double.pow(1 - gamma, 6)
    #expect(abs(r6[1, 1].real - decay * r0[1, 1].real) < 1e-14)
    #expect((r6[0, 1] - r0[0, 1].multiplied(by: decay.squareRoot())).length < 1e-14)
    for _ in 0..<200 { try rho.apply(ch, to: 1) }
    let ground = try rho.reduced(keeping: [1])
    #expect(ground.matrix.maxDeviation(from: .diagonal([1, 0])) < 1e-12)
    // Qubit 0 is untouched by channels on qubit 1.
    #expect(
      try rho.reduced(keeping: [0]).matrix.maxDeviation(from: start.reduced(keeping: [0]).matrix)
        < 1e-13)

    let thermal = try QuantumChannel.generalizedAmplitudeDamping(gamma: 0.3, excitedPopulation: 0.2)
    var t = try DensityMatrix(randomState(qubits: 1, &g))
    for _ in 0..<200 { try t.apply(thermal, to: 0) }
    #expect(t.matrix.maxDeviation(from: .diagonal([C(0.8), C(0.2)])) < 1e-12)
  }

  /// Depolarizing p on one half of |Φ+⟩: fidelity with |Φ+⟩ is 1 − 3p/4 and the CHSH value
  /// √2(⟨ZZ⟩ + ⟨XX⟩) is 2√2(1 − p).
  @Test(arguments: [0.0, 0.2, 0.5, 1.0])
  func depolarizedBellPairClosedForms(p: Double) throws {
    let bell = try DensityMatrix(bellState())
    var rho = bell
    try rho.apply(try QuantumChannel.depolarizing(p), to: 1)
    #expect(abs(try rho.fidelity(with: bell) - (1 - 0.75 * p)) < 1e-12)
    let s =
      2.0.squareRoot()
      * (try rho.expectation(of: PauliString("ZZ")) + rho.expectation(of: PauliString("XX")))
    #expect(abs(s - 2 * 2.0.squareRoot() * (1 - p)) < 1e-12)
  }

  @Test func gateAndChannelOnDifferentQubitsCommute() throws {
    var g = Xoshiro256StarStar(seed: 59)
    let rho = try randomDensityMatrix(qubits: 3, &g)
    let u = try randomGate(qubits: 1, &g)
    let ch = try QuantumChannel(kraus: randomKraus(dimension: 2, count: 2, &g))
    var a = rho
    try a.apply(u, to: 0)
    try a.apply(ch, to: 2)
    var b = rho
    try b.apply(ch, to: 2)
    try b.apply(u, to: 0)
    #expect(a.matrix.maxDeviation(from: b.matrix) < 1e-14)
  }
}

/// The standard one-qubit channels at representative parameters.
func standardChannels() throws -> [QuantumChannel] {
  [
    QuantumChannel.identity, try .depolarizing(0.2), try .depolarizing(1), try .depolarizing(4 / 3),
    try .dephasing(0.15), try .bitFlip(0.1), try .bitPhaseFlip(0.3),
    try .pauli(px: 0.1, py: 0.05, pz: 0.2), try .amplitudeDamping(0.4), try .amplitudeDamping(1),
    try .generalizedAmplitudeDamping(gamma: 0.3, excitedPopulation: 0.25),
    .unitary(.h), .unitary(.u(0.3, 1.2, -0.7)),
  ]
}
