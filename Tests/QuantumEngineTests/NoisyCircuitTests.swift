// Random 8-qubit circuits with noise: the density-matrix path against the statevector-ensemble path
// (an exact sum over every Kraus branch at every noise location, each branch run on state
// vectors), and against the same channels given by their superoperators.
import ComplexModule
import QuantumEngine
import RealModule
import Testing

/// One gate application.
struct CircuitOp {
  let gate: Gate
  let qubits: [Int]
}

/// A random circuit that uses every gate family and kernel path.
struct RandomCircuit {
  var operations: [CircuitOp] = []

  init(qubits n: Int, layers: Int, _ g: inout Xoshiro256StarStar) throws {
    for _ in 0..<layers {
      let choice = Int(g.next() % 14)
      let order = Array(0..<n).shuffled(using: &g)
      let angle = (g.nextUnitDouble() - 0.5) * 4 * .pi
      let op: CircuitOp
      switch choice {
      case 0:
        op = CircuitOp(gate: [.h, .x, .y, .z].randomElement(using: &g) ?? .h, qubits: [order[0]])
      case 1:
        op = CircuitOp(
          gate: [.s, .sdg, .t, .tdg, .sx].randomElement(using: &g) ?? .s, qubits: [order[0]])
      case 2: op = CircuitOp(gate: .rx(angle), qubits: [order[0]])
      case 3: op = CircuitOp(gate: .ry(angle), qubits: [order[0]])
      case 4: op = CircuitOp(gate: .rz(angle), qubits: [order[0]])
      case 5: op = CircuitOp(gate: .u(angle, 0.5 * angle, 1.3), qubits: [order[0]])
      case 6: op = CircuitOp(gate: try randomGate(qubits: 1, &g), qubits: [order[0]])
      case 7: op = CircuitOp(gate: .cnot, qubits: Array(order.prefix(2)))
      case 8: op = CircuitOp(gate: .cz, qubits: Array(order.prefix(2)))
      case 9: op = CircuitOp(gate: .swap, qubits: Array(order.prefix(2)))
      case 10:
        op = CircuitOp(
          gate: try randomGate(qubits: 1, &g).controlled(), qubits: Array(order.prefix(2)))
      case 11: op = CircuitOp(gate: .toffoli, qubits: Array(order.prefix(3)))
      case 12: op = CircuitOp(gate: try randomGate(qubits: 2, &g), qubits: Array(order.prefix(2)))
      default: op = CircuitOp(gate: try randomGate(qubits: 3, &g), qubits: Array(order.prefix(3)))
      }
      operations.append(op)
    }
  }
}

/// A noise location: a one-qubit channel on `qubit` after a circuit segment. `branches` lists the
/// trajectory branches: a Pauli gate with its probability (Pauli channels, from the channel's
/// definition), or a raw Kraus operator (weight from the branch norm).
struct NoiseLocation {
  enum Branch {
    case pauli(Gate, probability: Double)
    case kraus(ComplexMatrix)
  }
  let channel: QuantumChannel
  let qubit: Int
  let branches: [Branch]
}

/// Weighted sum of |ψ⟩⟨ψ| over trajectories, accumulated in raw doubles (re, im interleaved).
final class EnsembleAccumulator {
  let dimension: Int
  var sum: [Double]

  init(dimension d: Int) {
    dimension = d
    sum = [Double](repeating: 0, count: 2 * d * d)
  }

  func add(_ psi: StateVector, weight w: Double) {
    let d = dimension
    let re = psi.amplitudes.map { $0.real }
    let im = psi.amplitudes.map { $0.imaginary }
    for j in 0..<d {
      let bj = re[j]
      let cj = im[j]
      for i in 0..<d {
        // ψ_i·conj(ψ_j)
        sum[2 * (i + j * d)] += w * (re[i] * bj + im[i] * cj)
        sum[2 * (i + j * d) + 1] += w * (im[i] * bj - re[i] * cj)
      }
    }
  }

  func matrix() throws -> ComplexMatrix {
    let d = dimension
    return try ComplexMatrix(
      rows: d, columns: d, columnMajor: (0..<(d * d)).map { C(sum[2 * $0], sum[2 * $0 + 1]) })
  }
}

@Suite struct NoisyCircuitTests {
  static let n = 8

  /// Five noise locations of five channel types between six random circuit segments.
  static func setUp() throws -> (psi0: StateVector, segments: [[CircuitOp]], noise: [NoiseLocation])
  {
    var g = Xoshiro256StarStar(seed: 61)
    let psi0 = try randomState(qubits: n, &g)
    let segments = try (0..<6).map { _ in try RandomCircuit(qubits: n, layers: 8, &g).operations }
    let p = 0.12
    let ad = try QuantumChannel.amplitudeDamping(0.3)
    let noise = [
      NoiseLocation(
        channel: try .depolarizing(p), qubit: 3,
        branches: [
          .pauli(.i, probability: 1 - 3 * p / 4), .pauli(.x, probability: p / 4),
          .pauli(.y, probability: p / 4), .pauli(.z, probability: p / 4),
        ]),
      NoiseLocation(
        channel: try .bitFlip(0.2), qubit: 0,
        branches: [.pauli(.i, probability: 0.8), .pauli(.x, probability: 0.2)]),
      NoiseLocation(channel: ad, qubit: 7, branches: ad.kraus.map { .kraus($0) }),
      NoiseLocation(
        channel: try .pauli(px: 0.05, py: 0.1, pz: 0.15), qubit: 5,
        branches: [
          .pauli(.i, probability: 0.7), .pauli(.x, probability: 0.05),
          .pauli(.y, probability: 0.1), .pauli(.z, probability: 0.15),
        ]),
      NoiseLocation(
        channel: try .dephasing(0.25), qubit: 2,
        branches: [.pauli(.i, probability: 0.75), .pauli(.z, probability: 0.25)]),
    ]
    return (psi0, segments, noise)
  }

  /// Runs segment `index` on `psi`, then branches over noise location `index` (depth first).
  static func trajectories(
    _ psi: StateVector, weight: Double, index: Int, segments: [[CircuitOp]],
    noise: [NoiseLocation], into acc: EnsembleAccumulator
  ) throws {
    var state = psi
    for op in segments[index] { try state.apply(op.gate, to: op.qubits) }
    guard index < noise.count else {
      acc.add(state, weight: weight)
      return
    }
    let location = noise[index]
    for branch in location.branches {
      var next = state
      var w = weight
      switch branch {
      case .pauli(let gate, let probability):
        try next.apply(gate, to: location.qubit)
        w *= probability
      case .kraus(let k):
        let raw = naiveApply(k, on: [location.qubit], to: state.amplitudes)
        let norm2 = raw.reduce(0) { $0 + $1.lengthSquared }
        if norm2 == 0 { continue }
        next = try StateVector(normalizing: raw)
        w *= norm2
      }
      try trajectories(
        next, weight: w, index: index + 1, segments: segments, noise: noise, into: acc)
    }
  }

  static func densityMatrixPath(
    _ psi0: StateVector, _ segments: [[CircuitOp]], _ noise: [NoiseLocation],
    channel: (QuantumChannel) throws -> QuantumChannel = { $0 }
  ) throws -> DensityMatrix {
    var rho = try DensityMatrix(psi0)
    for (i, segment) in segments.enumerated() {
      for op in segment { try rho.apply(op.gate, to: op.qubits) }
      if i < noise.count { try rho.apply(try channel(noise[i].channel), to: noise[i].qubit) }
    }
    return rho
  }

  @Test func densityMatrixPathEqualsExactTrajectoryEnsemble() throws {
    let (psi0, segments, noise) = try NoisyCircuitTests.setUp()
    let acc = EnsembleAccumulator(dimension: 1 << NoisyCircuitTests.n)
    try NoisyCircuitTests.trajectories(
      psi0, weight: 1, index: 0, segments: segments, noise: noise, into: acc)
    let ensemble = try acc.matrix()
    #expect(abs(ensemble.trace.real - 1) < 1e-12)
    let rho = try NoisyCircuitTests.densityMatrixPath(psi0, segments, noise)
    #expect(rho.matrix.maxDeviation(from: ensemble) < 1e-10)
    #expect(rho.purity < 0.99)
  }

  /// The same circuit with every channel rebuilt from its superoperator (eigen-decomposed Choi
  /// matrix, general superoperator kernel) gives the same density matrix.
  @Test func densityMatrixPathEqualsSuperoperatorPath() throws {
    let (psi0, segments, noise) = try NoisyCircuitTests.setUp()
    let direct = try NoisyCircuitTests.densityMatrixPath(psi0, segments, noise)
    let viaSuperoperator = try NoisyCircuitTests.densityMatrixPath(psi0, segments, noise) {
      try QuantumChannel(superoperator: $0.superoperator)
    }
    #expect(direct.matrix.maxDeviation(from: viaSuperoperator.matrix) < 1e-10)
  }
}
