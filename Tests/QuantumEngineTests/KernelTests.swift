// Every statevector kernel path (diagonal, real, permutation, general one-qubit, controlled,
// multi-controlled, swap, dense two-qubit, dense k-qubit through zgemm) against the index-by-index
// reference `naiveApply`, on 16 qubits (2^16 amplitudes, above the 2^15 parallel threshold, so the
// chunked multithreaded loops run) with qubits at low, middle and high positions.
import ComplexModule
import QuantumEngine
import RealModule
import Testing

/// The gates of each kernel path, built from a fixed seed.
enum KernelGates {
  static let oneQubit = [
    "X", "H", "Ry", "S", "Rz", "Phase", "Y", "SX", "U", "random",
  ]
  static let twoQubit = ["CNOT", "CZ", "CRz", "CU", "SWAP", "dense"]
  static let threeQubit = ["Toffoli", "CCU", "CCH", "dense"]

  static func gate(_ name: String, qubits: Int) throws -> Gate {
    var g = Xoshiro256StarStar(
      seed: name.utf8.reduce(UInt64(qubits)) { $0 &* 31 &+ UInt64($1) })
    switch (name, qubits) {
    case ("X", 1): return .x
    case ("H", 1): return .h
    case ("Ry", 1): return .ry(0.83)
    case ("Z", 1): return .z
    case ("S", 1): return .s
    case ("Sdg", 1): return .sdg
    case ("Rz", 1): return .rz(-1.21)
    case ("T", 1): return .t
    case ("Phase", 1): return .phase(2.4)
    case ("Y", 1): return .y
    case ("SX", 1): return .sx
    case ("Rx", 1): return .rx(0.47)
    case ("U", 1): return .u(1.1, -0.3, 2.9)
    case ("CNOT", 2): return .cnot
    case ("CZ", 2): return .cz
    case ("CRz", 2): return try Gate.rz(0.77).controlled()
    case ("CU", 2): return try randomGate(qubits: 1, &g).controlled()
    case ("SWAP", 2): return .swap
    case ("Toffoli", 3): return .toffoli
    case ("CCU", 3): return try randomGate(qubits: 1, &g).controlled(by: 2)
    case ("CCH", 3): return try Gate.h.controlled(by: 2)
    default: return try randomGate(qubits: qubits, &g)
    }
  }
}

@Suite struct KernelTests {
  static let n = 16

  /// One random 16-qubit state shared by all cases (drawing it dominates a debug-build case).
  static let input: [C] = {
    var g = Xoshiro256StarStar(seed: 100)
    return randomAmplitudes(1 << n, &g)
  }()

  static func check(_ gate: Gate, _ qubits: [Int]) throws {
    let psi = try StateVector(amplitudes: input)
    var out = psi
    try out.apply(gate, to: qubits)
    let reference = naiveApply(gate.matrix, on: qubits, to: psi.amplitudes)
    #expect(maxDeviation(out.amplitudes, reference) < 1e-13, "\(gate) on \(qubits)")
    #expect(abs(out.norm - 1) < 1e-12)
  }

  @Test(arguments: KernelGates.oneQubit, [0, 1, 8, 15])
  func oneQubitPaths(name: String, qubit: Int) throws {
    try KernelTests.check(try KernelGates.gate(name, qubits: 1), [qubit])
  }

  @Test(arguments: KernelGates.twoQubit, [[0, 15], [15, 0], [7, 8], [9, 2], [0, 1]])
  func twoQubitPaths(name: String, qubits: [Int]) throws {
    try KernelTests.check(try KernelGates.gate(name, qubits: 2), qubits)
  }

  @Test(arguments: KernelGates.threeQubit, [[0, 8, 15], [15, 7, 0], [13, 2, 1]])
  func threeQubitPaths(name: String, qubits: [Int]) throws {
    try KernelTests.check(try KernelGates.gate(name, qubits: 3), qubits)
  }

  @Test func fourQubitDenseAndTripleControlled() throws {
    var g = Xoshiro256StarStar(seed: 400)
    try KernelTests.check(try randomGate(qubits: 4, &g), [5, 0, 15, 9])
    try KernelTests.check(try randomGate(qubits: 1, &g).controlled(by: 3), [1, 14, 6, 10])
  }

  /// Small registers (below the parallel threshold) take the single-chunk loops.
  @Test func smallRegisterEveryPath() throws {
    var g = Xoshiro256StarStar(seed: 500)
    let psi = try randomState(qubits: 5, &g)
    var cases: [(Gate, [Int])] = []
    for name in KernelGates.oneQubit {
      for q in [0, 2, 4] { cases.append((try KernelGates.gate(name, qubits: 1), [q])) }
    }
    for name in KernelGates.twoQubit {
      for qs in [[0, 4], [4, 0], [2, 3]] {
        cases.append((try KernelGates.gate(name, qubits: 2), qs))
      }
    }
    for name in KernelGates.threeQubit {
      for qs in [[0, 2, 4], [4, 1, 3]] { cases.append((try KernelGates.gate(name, qubits: 3), qs)) }
    }
    for (gate, qubits) in cases {
      var out = psi
      try out.apply(gate, to: qubits)
      let reference = naiveApply(gate.matrix, on: qubits, to: psi.amplitudes)
      #expect(maxDeviation(out.amplitudes, reference) < 1e-14, "\(gate) on \(qubits)")
    }
  }

  /// A whole register's worth of gates, checked against one product of embedded full matrices.
  @Test func circuitMatchesProductOfEmbeddedMatrices() throws {
    var g = Xoshiro256StarStar(seed: 600)
    let n = 4
    let psi = try randomState(qubits: n, &g)
    var out = psi
    var full = ComplexMatrix.identity(1 << n)
    let ops: [(Gate, [Int])] = [
      (.h, [3]), (.cnot, [3, 1]), (.t, [1]), (try randomGate(qubits: 2, &g), [2, 0]),
      (.toffoli, [0, 1, 3]), (.swap, [3, 0]), (try randomGate(qubits: 3, &g), [1, 3, 2]),
      (.sx, [2]), (.ry(0.4), [0]), (.cz, [1, 2]),
    ]
    for (gate, qubits) in ops {
      try out.apply(gate, to: qubits)
      full = try embed(gate.matrix, on: qubits, qubitCount: n) * full
    }
    let expected = (full * (try column(psi.amplitudes))).elements
    #expect(maxDeviation(out.amplitudes, expected) < 1e-13)
  }
}
