// Shared helpers for the QuantumEngine tests: seeded random states, unitaries and channels, and
// naive full-matrix references that share no code with the engine's kernels.
import ComplexModule
import QuantumEngine
import RealModule
import Testing

typealias C = Complex<Double>

// MARK: - Random objects (all seeded)

/// A standard normal draw by Box–Muller, written here so the tests do not lean on `Sampling`.
func gaussian(_ g: inout Xoshiro256StarStar) -> Double {
  let u1 = 1 - g.nextUnitDouble()  // (0, 1]
  let u2 = g.nextUnitDouble()
  return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * .pi * u2)
}

/// A complex Gaussian vector scaled to unit norm (uniform on the unit sphere).
func randomAmplitudes(_ count: Int, _ g: inout Xoshiro256StarStar) -> [C] {
  var v = (0..<count).map { _ in C(gaussian(&g), gaussian(&g)) }
  let norm = v.reduce(0) { $0 + $1.lengthSquared }.squareRoot()
  v = v.map { $0.divided(by: norm) }
  return v
}

/// A Haar-like random pure state.
func randomState(qubits n: Int, _ g: inout Xoshiro256StarStar) throws -> StateVector {
  try StateVector(amplitudes: randomAmplitudes(1 << n, &g))
}

/// A `rows × columns` matrix from column-major entries (test inputs are always well formed).
func matrix(_ rows: Int, _ columns: Int, _ columnMajor: [C]) throws -> ComplexMatrix {
  try ComplexMatrix(rows: rows, columns: columns, columnMajor: columnMajor)
}

/// The zero matrix.
func zeros(_ rows: Int, _ columns: Int) throws -> ComplexMatrix {
  try matrix(rows, columns, [C](repeating: .zero, count: rows * columns))
}

/// Columns of a Gaussian matrix orthonormalised by modified Gram–Schmidt: a `rows × columns`
/// isometry (a unitary when square).
func randomIsometry(rows: Int, columns: Int, _ g: inout Xoshiro256StarStar) throws
  -> ComplexMatrix
{
  var cols: [[C]] = []
  for _ in 0..<columns {
    var v = (0..<rows).map { _ in C(gaussian(&g), gaussian(&g)) }
    for u in cols {
      // v -= ⟨u|v⟩ u
      var dot = C.zero
      for i in 0..<rows { dot += u[i].conjugate * v[i] }
      for i in 0..<rows { v[i] -= dot * u[i] }
    }
    let norm = v.reduce(0) { $0 + $1.lengthSquared }.squareRoot()
    cols.append(v.map { $0.divided(by: norm) })
  }
  return try matrix(rows, columns, cols.flatMap { $0 })
}

/// A random unitary of dimension `d`.
func randomUnitary(_ d: Int, _ g: inout Xoshiro256StarStar) throws -> ComplexMatrix {
  try randomIsometry(rows: d, columns: d, &g)
}

/// A random gate on `k` qubits.
func randomGate(qubits k: Int, _ g: inout Xoshiro256StarStar) throws -> Gate {
  try Gate(name: "random\(k)", matrix: randomUnitary(1 << k, &g))
}

/// Kraus operators of a random channel on dimension `d` with `r` operators: the blocks of a random
/// `(r·d) × d` isometry V, so Σ K†K = V†V = I.
func randomKraus(dimension d: Int, count r: Int, _ g: inout Xoshiro256StarStar) throws
  -> [ComplexMatrix]
{
  let v = try randomIsometry(rows: r * d, columns: d, &g)
  var ops: [ComplexMatrix] = []
  for k in 0..<r {
    var e: [C] = []
    for c in 0..<d { for row in 0..<d { e.append(v[k * d + row, c]) } }
    ops.append(try matrix(d, d, e))
  }
  return ops
}

/// A random full-rank (or rank-`rank`) density matrix A·A†/tr(A·A†).
func randomDensityMatrix(qubits n: Int, rank: Int? = nil, _ g: inout Xoshiro256StarStar) throws
  -> DensityMatrix
{
  let d = 1 << n
  let r = rank ?? d
  let a = try matrix(d, r, (0..<(d * r)).map { _ in C(gaussian(&g), gaussian(&g)) })
  var m = a * a.adjoint
  let t = m.trace.real
  m = m.scaled(by: C(1 / t))
  // Remove rounding-level anti-Hermitian parts so validation sees an exactly Hermitian matrix.
  m = try m.adding(m.adjoint).scaled(by: C(0.5))
  return try DensityMatrix(matrix: m)
}

// MARK: - Naive references

/// The full 2^n × 2^n matrix of `u` acting with its local bit j on register qubit `qubits[j]`.
func embed(_ u: ComplexMatrix, on qubits: [Int], qubitCount n: Int) throws -> ComplexMatrix {
  let d = 1 << n
  var m = try zeros(d, d)
  var mask = 0
  for q in qubits { mask |= 1 << q }
  for col in 0..<d {
    var local = 0
    for (j, q) in qubits.enumerated() where col & (1 << q) != 0 { local |= 1 << j }
    let rest = col & ~mask
    for outLocal in 0..<u.rows {
      var row = rest
      for (j, q) in qubits.enumerated() where outLocal & (1 << j) != 0 { row |= 1 << q }
      m[row, col] = u[outLocal, local]
    }
  }
  return m
}

/// `u` applied to `amplitudes` with local bit j on register qubit `qubits[j]`, computed index by
/// index (the textbook definition, no strides or kernels).
func naiveApply(_ u: ComplexMatrix, on qubits: [Int], to amplitudes: [C]) -> [C] {
  let k = qubits.count
  let dim = 1 << k
  var mask = 0
  for q in qubits { mask |= 1 << q }
  let offsets: [Int] = (0..<dim).map { l in
    var o = 0
    for j in 0..<k where l & (1 << j) != 0 { o |= 1 << qubits[j] }
    return o
  }
  let entries = u.elements  // column-major
  var out = amplitudes
  var v = [C](repeating: .zero, count: dim)
  for base in amplitudes.indices where base & mask == 0 {
    for c in 0..<dim { v[c] = amplitudes[base | offsets[c]] }
    for r in 0..<dim {
      var s = C.zero
      for c in 0..<dim { s += entries[r + c * dim] * v[c] }
      out[base | offsets[r]] = s
    }
  }
  return out
}

/// Σ K ρ K† with every K embedded as a full matrix on `qubits` of an n-qubit register.
func naiveChannel(
  _ kraus: [ComplexMatrix], on qubits: [Int], to rho: ComplexMatrix, qubitCount n: Int
) throws -> ComplexMatrix {
  var out = try zeros(rho.rows, rho.columns)
  for k in kraus {
    let full = try embed(k, on: qubits, qubitCount: n)
    out = try out.adding(full * rho * full.adjoint)
  }
  return out
}

/// |a⟩⟨b| as a matrix.
func outer(_ a: [C], _ b: [C]) throws -> ComplexMatrix {
  var e: [C] = []
  e.reserveCapacity(a.count * b.count)
  for bj in b { for ai in a { e.append(ai * bj.conjugate) } }
  return try matrix(a.count, b.count, e)
}

/// A column vector.
func column(_ v: [C]) throws -> ComplexMatrix { try matrix(v.count, 1, v) }

/// The largest entrywise modulus of `a − b`.
func maxDeviation(_ a: [C], _ b: [C]) -> Double {
  guard a.count == b.count else { return .infinity }
  var d = 0.0
  for i in a.indices { d = max(d, (a[i] - b[i]).length) }
  return d
}

/// max |A − B| for density matrices' storage.
func maxDeviation(_ a: DensityMatrix, _ b: ComplexMatrix) -> Double {
  a.matrix.maxDeviation(from: b)
}

/// The 2×2 matrix of a Pauli operator, written out by hand.
func pauliMatrix(_ p: Character) throws -> ComplexMatrix {
  switch p {
  case "X": return try ComplexMatrix([[0, 1], [1, 0]])
  case "Y": return try ComplexMatrix([[.zero, C(0, -1)], [C(0, 1), .zero]])
  case "Z": return try ComplexMatrix([[1, 0], [0, -1]])
  default: return ComplexMatrix.identity(2)
  }
}

/// The full matrix of a Pauli label (leftmost character = highest qubit): P_{n−1} ⊗ … ⊗ P_0.
func pauliMatrix(label: String) throws -> ComplexMatrix {
  var m = try pauliMatrix(label.first ?? "I")
  for ch in label.dropFirst() { m = m.kron(try pauliMatrix(ch)) }
  return m
}

/// All Pauli labels on `n` qubits.
func allPauliLabels(_ n: Int) -> [String] {
  var labels = [""]
  for _ in 0..<n { labels = labels.flatMap { l in ["I", "X", "Y", "Z"].map { l + $0 } } }
  return labels
}

/// Half-width of a 5σ interval for a binomial count with `n` trials and success probability `p`
/// (plus one count for discreteness).
func fiveSigma(trials n: Int, probability p: Double) -> Double {
  5 * (Double(n) * p * (1 - p)).squareRoot() + 1
}

/// Whether `a` and `b` agree up to a global phase, within `tolerance` entrywise.
func equalUpToPhase(_ a: ComplexMatrix, _ b: ComplexMatrix, tolerance: Double = 1e-12) -> Bool {
  guard a.rows == b.rows, a.columns == b.columns else { return false }
  // Pick the phase from the largest entry of b.
  var best = 0
  for i in b.elements.indices where b.elements[i].length > b.elements[best].length { best = i }
  guard b.elements[best].length > 0 else { return a.maxDeviation(from: b) <= tolerance }
  let phase = a.elements[best] / b.elements[best]
  return abs(phase.length - 1) <= tolerance
    && a.maxDeviation(from: b.scaled(by: phase)) <= tolerance
}

/// The error kind of a `QuantumError` (its case, ignoring associated values).
enum ErrorKind: Equatable {
  case invalidQubit, duplicateQubit, invalidQubitCount, dimensionNotPowerOfTwo, dimensionMismatch
  case notNormalized, nonFinite, notUnitary, notHermitian, notPositive, notTracePreserving
  case povmNotComplete, invalidParameter, empty, lapackFailure, zeroProbability
}

extension QuantumError {
  var kind: ErrorKind {
    switch self {
    case .invalidQubit: .invalidQubit
    case .duplicateQubit: .duplicateQubit
    case .invalidQubitCount: .invalidQubitCount
    case .dimensionNotPowerOfTwo: .dimensionNotPowerOfTwo
    case .dimensionMismatch: .dimensionMismatch
    case .notNormalized: .notNormalized
    case .nonFinite: .nonFinite
    case .notUnitary: .notUnitary
    case .notHermitian: .notHermitian
    case .notPositive: .notPositive
    case .notTracePreserving: .notTracePreserving
    case .povmNotComplete: .povmNotComplete
    case .invalidParameter: .invalidParameter
    case .empty: .empty
    case .lapackFailure: .lapackFailure
    case .zeroProbability: .zeroProbability
    }
  }
}

/// Expects `body` to throw a `QuantumError` of the given kind, with a non-empty message.
func expectError<R>(
  _ kind: ErrorKind, sourceLocation: SourceLocation = #_sourceLocation,
  _ body: () throws -> R
) {
  do {
    _ = try body()
    Issue.record("expected \(kind), nothing was thrown", sourceLocation: sourceLocation)
  } catch let error as QuantumError {
    #expect(error.kind == kind, "got \(error)", sourceLocation: sourceLocation)
    #expect(!error.description.isEmpty, sourceLocation: sourceLocation)
  } catch {
    Issue.record("expected QuantumError.\(kind), got \(error)", sourceLocation: sourceLocation)
  }
}
