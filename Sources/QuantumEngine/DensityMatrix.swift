import ComplexModule
import RealModule

/// The mixed state of n qubits: a 2^n × 2^n positive semidefinite matrix of trace 1.
///
/// Stored column-major, so the flat array is the vectorised state of 2n qubits with the ket qubit q
/// at bit q and the bra qubit at bit q + n (the Qiskit Aer, QuEST and QuTiP convention). A unitary U
/// on qubit q acts as U on bit q and U* on bit q + n, and a one-qubit channel as a 4×4
/// superoperator on that pair of bits: every local operation costs O(4^n), never a dense product.
public struct DensityMatrix: Sendable, Hashable, CustomStringConvertible {
  /// The largest density matrix the engine allocates (4^14 amplitudes = 4 GiB).
  public static let maxQubits = 14

  /// The entries, column-major (element (i, j) at `i + j·2^n`).
  public internal(set) var elements: [Complex<Double>]
  /// The number of qubits.
  public let qubitCount: Int

  /// |0…0⟩⟨0…0| on `qubitCount` qubits.
  /// - Throws: ``QuantumError/invalidQubitCount(_:allowed:)`` outside `1...maxQubits`.
  public init(qubitCount: Int) throws(QuantumError) {
    guard qubitCount >= 1, qubitCount <= DensityMatrix.maxQubits else {
      throw .invalidQubitCount(qubitCount, allowed: "1...\(DensityMatrix.maxQubits)")
    }
    var e = [Complex<Double>](repeating: .zero, count: 1 << (2 * qubitCount))
    e[0] = .one
    self.elements = e
    self.qubitCount = qubitCount
  }

  /// The pure state |ψ⟩⟨ψ|.
  /// - Throws: ``QuantumError/invalidQubitCount(_:allowed:)`` beyond ``maxQubits``.
  public init(_ state: StateVector) throws(QuantumError) {
    guard state.qubitCount <= DensityMatrix.maxQubits else {
      throw .invalidQubitCount(state.qubitCount, allowed: "1...\(DensityMatrix.maxQubits)")
    }
    let d = state.dimension
    var e = [Complex<Double>](repeating: .zero, count: d * d)
    let a = state.amplitudes
    for j in 0..<d {
      let cj = a[j].conjugate
      if cj == .zero { continue }
      for i in 0..<d { e[i + j * d] = a[i] * cj }
    }
    self.elements = e
    self.qubitCount = state.qubitCount
  }

  /// The mixture Σ p_k |ψ_k⟩⟨ψ_k|.
  /// - Throws: ``QuantumError/empty(_:)``, ``QuantumError/invalidParameter(name:value:allowed:)``
  ///   for a probability outside [0, 1], ``QuantumError/notNormalized(norm:)`` when the
  ///   probabilities do not sum to 1, ``QuantumError/dimensionMismatch(expected:actual:)``.
  public init(mixture: [(probability: Double, state: StateVector)]) throws(QuantumError) {
    guard let first = mixture.first else { throw .empty("mixture") }
    var total = 0.0
    for (p, s) in mixture {
      try checkProbability(p, "mixture probability")
      guard s.dimension == first.state.dimension else {
        throw .dimensionMismatch(expected: first.state.dimension, actual: s.dimension)
      }
      total += p
    }
    guard abs(total - 1) <= defaultTolerance else { throw .notNormalized(norm: total) }
    var rho = try DensityMatrix(first.state)
    for i in rho.elements.indices {
      rho.elements[i] = rho.elements[i].multiplied(by: first.probability)
    }
    for (p, s) in mixture.dropFirst() where p > 0 {
      let term = try DensityMatrix(s)
      for i in rho.elements.indices { rho.elements[i] += term.elements[i].multiplied(by: p) }
    }
    self = rho
  }

  /// A density matrix from a matrix, checked to be Hermitian, of trace 1 and positive
  /// semidefinite within `tolerance`.
  /// - Throws: ``QuantumError/dimensionNotPowerOfTwo(_:)``, ``QuantumError/notHermitian(deviation:)``,
  ///   ``QuantumError/notNormalized(norm:)`` (trace), ``QuantumError/notPositive(minEigenvalue:)``.
  public init(matrix: ComplexMatrix, tolerance: Double = defaultTolerance) throws(QuantumError) {
    let d = matrix.rows
    guard matrix.isSquare else { throw .dimensionMismatch(expected: d, actual: matrix.columns) }
    guard d >= 2, d & (d - 1) == 0 else { throw .dimensionNotPowerOfTwo(d) }
    guard d.trailingZeroBitCount <= DensityMatrix.maxQubits else {
      throw .invalidQubitCount(d.trailingZeroBitCount, allowed: "1...\(DensityMatrix.maxQubits)")
    }
    let values = try matrix.hermitianEigenvalues(tolerance: tolerance)
    let tr = matrix.trace.real
    guard abs(tr - 1) <= tolerance else { throw .notNormalized(norm: tr) }
    if let lowest = values.first, lowest < -tolerance { throw .notPositive(minEigenvalue: lowest) }
    self.init(uncheckedMatrix: matrix)
  }

  /// Internal initialiser for matrices the engine produced itself.
  init(uncheckedMatrix m: ComplexMatrix) {
    self.elements = m.elements
    self.qubitCount = m.rows.trailingZeroBitCount
  }

  /// The dimension 2^n.
  public var dimension: Int { 1 << qubitCount }

  /// The matrix (a copy of the storage as a ``ComplexMatrix``).
  public var matrix: ComplexMatrix {
    ComplexMatrix(uncheckedRows: dimension, columns: dimension, elements: elements)
  }

  /// Element (row, column).
  public subscript(row: Int, column: Int) -> Complex<Double> { elements[row + column * dimension] }

  /// Runs `body` on the vectorised state (2n qubits) as interleaved doubles.
  mutating func withBuffer<R>(_ body: (AmplitudeBuffer) -> R) -> R {
    let n = elements.count
    return elements.withUnsafeMutableBufferPointer { buf in
      buf.withMemoryRebound(to: Double.self) { d in
        body(AmplitudeBuffer(base: d.baseAddress!, count: n))
      }
    }
  }

  /// The trace (1 for a valid state up to rounding).
  public var trace: Double {
    var t = 0.0
    for i in 0..<dimension { t += elements[i + i * dimension].real }
    return t
  }

  /// The diagonal: the probability of each computational basis state.
  public func probabilities() -> [Double] {
    (0..<dimension).map { max(0, elements[$0 + $0 * dimension].real) }
  }

  /// A compact rendering of the matrix (four decimals).
  public var description: String { matrix.description }
}
