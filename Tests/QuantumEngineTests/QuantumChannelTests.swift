import ComplexModule
import Foundation
import QuantumEngine
import RealModule
import Testing

/// vec(ρ) by column stacking, the engine's documented convention.
func vec(_ m: ComplexMatrix) throws -> ComplexMatrix { try column(m.elements) }

/// E(ρ) from the Choi matrix by its definition J = Σ |K⟩⟩⟨⟨K| with the input on the high index:
/// E(ρ)[i, i'] = Σ_{j, j'} J[i + d·j, i' + d·j'] · ρ[j, j'].
func applyChoi(_ j: ComplexMatrix, to rho: ComplexMatrix) throws -> ComplexMatrix {
  let d = rho.rows
  var out = try zeros(d, d)
  for i in 0..<d {
    for ip in 0..<d {
      var s = C.zero
      for a in 0..<d { for b in 0..<d { s += j[i + d * a, ip + d * b] * rho[a, b] } }
      out[i, ip] = s
    }
  }
  return out
}

/// Σ K ρ K† on the whole register.
func applyKraus(_ kraus: [ComplexMatrix], to rho: ComplexMatrix) throws -> ComplexMatrix {
  var out = try zeros(rho.rows, rho.columns)
  for k in kraus { out = try out.adding(k * rho * k.adjoint) }
  return out
}

@Suite struct QuantumChannelTests {
  /// Random channels from random isometries: the Kraus, superoperator and Choi forms give the
  /// same output on random density matrices.
  @Test(arguments: [(1, 1), (1, 3), (1, 4), (2, 2), (2, 6)])
  func krausSuperoperatorAndChoiAgree(qubits k: Int, krausCount r: Int) throws {
    var g = Xoshiro256StarStar(seed: UInt64(70 + 10 * k + r))
    let d = 1 << k
    let ch = try QuantumChannel(kraus: randomKraus(dimension: d, count: r, &g))
    #expect(ch.qubitCount == k && ch.kraus.count == r)
    let s = ch.superoperator
    let j = ch.choi
    #expect(s.rows == d * d && j.rows == d * d)
    for _ in 0..<3 {
      let rho = try randomDensityMatrix(qubits: k, &g).matrix
      let byKraus = try applyKraus(ch.kraus, to: rho)
      let bySuper = (s * (try vec(rho))).elements
      #expect(maxDeviation(bySuper, byKraus.elements) < 1e-14)
      #expect(try applyChoi(j, to: rho).maxDeviation(from: byKraus) < 1e-14)
      var dm = try DensityMatrix(matrix: rho)
      try dm.apply(ch, to: Array(0..<k))
      #expect(dm.matrix.maxDeviation(from: byKraus) < 1e-14)
    }
  }

  /// Kraus → superoperator → Kraus and Kraus → Choi → Kraus reproduce the channel's action (the
  /// Kraus sets themselves may differ by a unitary mixing).
  @Test(arguments: [1, 2])
  func roundTripsThroughSuperoperatorAndChoi(qubits k: Int) throws {
    var g = Xoshiro256StarStar(seed: UInt64(80 + k))
    let d = 1 << k
    let ch = try QuantumChannel(kraus: randomKraus(dimension: d, count: 3, &g))
    let fromSuper = try QuantumChannel(superoperator: ch.superoperator)
    let fromChoi = try QuantumChannel(choi: ch.choi)
    // The Choi rank is the minimal number of Kraus operators.
    #expect(fromChoi.kraus.count == 3)
    #expect(fromSuper.superoperator.maxDeviation(from: ch.superoperator) < 1e-12)
    #expect(fromChoi.choi.maxDeviation(from: ch.choi) < 1e-12)
    for _ in 0..<3 {
      let rho = try randomDensityMatrix(qubits: k, &g)
      let expected = try applyKraus(ch.kraus, to: rho.matrix)
      for other in [fromSuper, fromChoi] {
        #expect(try applyKraus(other.kraus, to: rho.matrix).maxDeviation(from: expected) < 1e-12)
        var dm = rho
        try dm.apply(other, to: Array(0..<k))
        #expect(dm.matrix.maxDeviation(from: expected) < 1e-12)
      }
    }
    // The reshuffle between superoperator and Choi orders is an involution.
    let back = try QuantumChannel(choi: fromSuper.choi)
    #expect(back.superoperator.maxDeviation(from: ch.superoperator) < 1e-12)
  }

  /// Every standard channel is completely positive (Choi matrix PSD) and trace preserving
  /// (Choi partial trace over the output = I, and Σ K†K = I).
  @Test func standardChannelsAreCPTP() throws {
    var g = Xoshiro256StarStar(seed: 90)
    var channels = try standardChannels()
    channels.append(try QuantumChannel.depolarizing(0.2).tensor(.amplitudeDamping(0.3)))
    channels.append(try QuantumChannel.bitFlip(0.2).composed(then: .dephasing(0.3)))
    channels.append(try QuantumChannel(kraus: randomKraus(dimension: 4, count: 3, &g)))
    for ch in channels {
      let d = ch.kraus[0].rows
      let j = ch.choi
      #expect(j.hermiticityDeviation < 1e-14, "\(ch)")
      let lowest = try j.hermitianEigenvalues().first ?? -1
      #expect(lowest > -1e-12, "\(ch) has Choi eigenvalue \(lowest)")
      var trOut = try zeros(d, d)
      for a in 0..<d {
        for b in 0..<d {
          var s = C.zero
          for i in 0..<d { s += j[i + d * a, i + d * b] }
          trOut[a, b] = s
        }
      }
      #expect(trOut.maxDeviation(from: .identity(d)) < 1e-14, "\(ch)")
      var sum = try zeros(d, d)
      for k in ch.kraus { sum = try sum.adding(k.adjoint * k) }
      #expect(sum.maxDeviation(from: .identity(d)) < 1e-14)
    }
  }

  /// The transpose map is positive but not completely positive: its Choi matrix (the swap) has a
  /// negative eigenvalue, so building it from the Choi matrix is rejected.
  @Test func notCompletelyPositiveChoiIsRejected() throws {
    var swap = try zeros(4, 4)
    swap[0, 0] = 1
    swap[3, 3] = 1
    swap[1, 2] = 1
    swap[2, 1] = 1
    expectError(.notPositive) { try QuantumChannel(choi: swap) }
    // A CP but not trace-preserving Choi matrix (twice a valid one).
    let ch = try QuantumChannel.amplitudeDamping(0.3)
    expectError(.notTracePreserving) { try QuantumChannel(choi: ch.choi.scaled(by: C(2))) }
  }

  /// Each standard channel does what its definition says on a random qubit state.
  @Test func standardChannelFormulas() throws {
    var g = Xoshiro256StarStar(seed: 91)
    let rho = try randomDensityMatrix(qubits: 1, &g).matrix
    let x = Gate.x.matrix
    let y = Gate.y.matrix
    let z = Gate.z.matrix
    func mix(_ terms: [(Double, ComplexMatrix)]) throws -> ComplexMatrix {
      var out = try zeros(2, 2)
      for (p, u) in terms { out = try out.adding((u * rho * u.adjoint).scaled(by: C(p))) }
      return out
    }
    func act(_ ch: QuantumChannel) throws -> ComplexMatrix {
      var dm = try DensityMatrix(matrix: rho)
      try dm.apply(ch, to: 0)
      return dm.matrix
    }
    let p = 0.3
    let depolarized = try rho.scaled(by: C(1 - p)).adding(
      ComplexMatrix.identity(2).scaled(by: C(p / 2)))
    #expect(try act(.depolarizing(p)).maxDeviation(from: depolarized) < 1e-15)
    #expect(
      try act(.dephasing(p)).maxDeviation(from: mix([(1 - p, .identity(2)), (p, z)])) < 1e-15)
    #expect(try act(.bitFlip(p)).maxDeviation(from: mix([(1 - p, .identity(2)), (p, x)])) < 1e-15)
    #expect(
      try act(.bitPhaseFlip(p)).maxDeviation(from: mix([(1 - p, .identity(2)), (p, y)])) < 1e-15)
    let pauli = try mix([(0.4, .identity(2)), (0.1, x), (0.2, y), (0.3, z)])
    #expect(try act(.pauli(px: 0.1, py: 0.2, pz: 0.3)).maxDeviation(from: pauli) < 1e-15)
    // Amplitude damping by hand: ρ00 + γρ11, √(1−γ)ρ01, (1−γ)ρ11.
    let gamma = 0.35
    let damped = try ComplexMatrix([
      [
        rho[0, 0] + rho[1, 1].multiplied(by: gamma),
        rho[0, 1].multiplied(by: (1 - gamma).squareRoot()),
      ],
      [rho[1, 0].multiplied(by: (1 - gamma).squareRoot()), rho[1, 1].multiplied(by: 1 - gamma)],
    ])
    #expect(try act(.amplitudeDamping(gamma)).maxDeviation(from: damped) < 1e-15)
    // Generalized amplitude damping with N = 0 is amplitude damping.
    let gad = try QuantumChannel.generalizedAmplitudeDamping(gamma: gamma, excitedPopulation: 0)
    #expect(try act(gad).maxDeviation(from: damped) < 1e-15)
    let u = Gate.u(0.3, 1.2, -0.7)
    #expect(try act(.unitary(u)).maxDeviation(from: u.matrix * rho * u.matrix.adjoint) < 1e-15)
    #expect(try act(.identity).maxDeviation(from: rho) == 0)
  }

  /// composed(then:) applies self first; its superoperator is S_next · S_self. tensor puts self on
  /// the low qubits.
  @Test func compositionAndTensorProduct() throws {
    var g = Xoshiro256StarStar(seed: 92)
    let a = try QuantumChannel(kraus: randomKraus(dimension: 2, count: 2, &g))
    let b = try QuantumChannel(kraus: randomKraus(dimension: 2, count: 3, &g))
    let ab = try a.composed(then: b)
    #expect(ab.superoperator.maxDeviation(from: b.superoperator * a.superoperator) < 1e-14)
    let rho = try randomDensityMatrix(qubits: 1, &g).matrix
    let expected = try applyKraus(b.kraus, to: applyKraus(a.kraus, to: rho))
    #expect(try applyKraus(ab.kraus, to: rho).maxDeviation(from: expected) < 1e-14)
    // Order matters for non-commuting channels.
    let ba = try b.composed(then: a)
    #expect(ba.superoperator.maxDeviation(from: ab.superoperator) > 1e-3)

    let t = try a.tensor(b)
    #expect(t.qubitCount == 2 && t.kraus.count == 6)
    let rho2 = try randomDensityMatrix(qubits: 2, &g)
    var viaTensor = rho2
    try viaTensor.apply(t, to: [0, 1])
    var separately = rho2
    try separately.apply(a, to: 0)
    try separately.apply(b, to: 1)
    #expect(viaTensor.matrix.maxDeviation(from: separately.matrix) < 1e-14)
    expectError(.dimensionMismatch) { try a.composed(then: t) }
  }

  @Test func depolarizingSuperoperatorByHand() throws {
    // vec order (ρ00, ρ10, ρ01, ρ11): populations mix, coherences scale by 1 − p.
    let p = 0.4
    let s = try QuantumChannel.depolarizing(p).superoperator
    let expected = try ComplexMatrix([
      [C(1 - p / 2), 0, 0, C(p / 2)],
      [0, C(1 - p), 0, 0],
      [0, 0, C(1 - p), 0],
      [C(p / 2), 0, 0, C(1 - p / 2)],
    ])
    #expect(s.maxDeviation(from: expected) < 1e-15)
  }

  /// A superoperator whose size is not d²×d² must be rejected with a typed error. Today
  /// `init(superoperator:)` reshuffles before validating and indexes out of range. Run in a child
  /// process (exit test) so the trap fails only this test.
  @Test()
  func malformedSuperoperatorIsRejected() async {
    await #expect(processExitsWith: .success) {
      for m in [ComplexMatrix.identity(8), try zeros(4, 2)] {
        do {
          _ = try QuantumChannel(superoperator: m)
          exit(1)
        } catch {
          guard (error as? QuantumError)?.kind == .dimensionMismatch else { exit(2) }
        }
      }
    }
  }
}
