import ComplexModule
import RealModule

/// A completely positive, trace-preserving map on k qubits, held as Kraus operators.
///
/// ρ ↦ Σ K ρ K†. The standard one-qubit channels also carry a closed form that the density-matrix
/// kernels apply with real coefficients, touching memory once.
public struct QuantumChannel: Sendable, Hashable, CustomStringConvertible {
  /// The Kraus operators, each 2^k × 2^k.
  public let kraus: [ComplexMatrix]
  /// A short name ("depolarizing(0.1)").
  public let name: String
  /// The closed form, when the channel is one of the standard one-qubit channels.
  let closedForm: ClosedForm?

  enum ClosedForm: Sendable, Hashable {
    /// ρ ↦ (1 − p)ρ + p·I/2.
    case depolarizing(Double)
    /// Z with probability p: coherences scale by 1 − 2p.
    case dephasing(Double)
    /// Amplitude damping with decay probability γ.
    case amplitudeDamping(Double)
  }

  /// The number of qubits the channel acts on.
  public var qubitCount: Int { kraus[0].rows.trailingZeroBitCount }

  /// A channel from Kraus operators, checked to be square, of one power-of-two size, finite, and
  /// trace preserving (max |Σ K†K − I| ≤ `tolerance`).
  /// - Throws: ``QuantumError/empty(_:)``, ``QuantumError/dimensionMismatch(expected:actual:)``,
  ///   ``QuantumError/dimensionNotPowerOfTwo(_:)``, ``QuantumError/notTracePreserving(deviation:)``.
  public init(
    kraus: [ComplexMatrix], name: String = "channel", tolerance: Double = defaultTolerance
  )
    throws(QuantumError)
  {
    guard let first = kraus.first else { throw .empty("Kraus operator list") }
    let d = first.rows
    guard d >= 2, d & (d - 1) == 0 else { throw .dimensionNotPowerOfTwo(d) }
    guard d <= 1 << 6 else {
      throw .invalidQubitCount(d.trailingZeroBitCount, allowed: "channels on 1...6 qubits")
    }
    var sum = ComplexMatrix.zeros(d, d)
    for k in kraus {
      guard k.rows == d, k.columns == d else {
        throw .dimensionMismatch(expected: d, actual: k.rows)
      }
      sum = try sum.adding(k.adjoint * k)
    }
    let dev = sum.maxDeviation(from: .identity(d))
    guard dev <= tolerance else { throw .notTracePreserving(deviation: dev) }
    self.kraus = kraus
    self.name = name
    self.closedForm = nil
  }

  /// Internal initialiser for channels the engine built and knows to be valid.
  init(trusted kraus: [ComplexMatrix], name: String, closedForm: ClosedForm? = nil) {
    self.kraus = kraus
    self.name = name
    self.closedForm = closedForm
  }

  /// The channel's name.
  public var description: String { name }

  /// The channel that applies `self`, then `next`.
  /// - Throws: ``QuantumError/dimensionMismatch(expected:actual:)`` for different qubit counts.
  public func composed(then next: QuantumChannel) throws(QuantumError) -> QuantumChannel {
    guard next.qubitCount == qubitCount else {
      throw .dimensionMismatch(expected: qubitCount, actual: next.qubitCount)
    }
    var ops: [ComplexMatrix] = []
    for b in next.kraus { for a in kraus { ops.append(b * a) } }
    return QuantumChannel(trusted: ops, name: "\(next.name)∘\(name)")
  }

  /// The channel `self ⊗ other`: `self` on the low qubits, `other` on the qubits above them.
  /// - Throws: ``QuantumError/invalidQubitCount(_:allowed:)`` beyond six qubits in total.
  public func tensor(_ other: QuantumChannel) throws(QuantumError) -> QuantumChannel {
    guard qubitCount + other.qubitCount <= 6 else {
      throw .invalidQubitCount(qubitCount + other.qubitCount, allowed: "channels on 1...6 qubits")
    }
    var ops: [ComplexMatrix] = []
    for b in other.kraus { for a in kraus { ops.append(b.kron(a)) } }
    return QuantumChannel(trusted: ops, name: "\(name)⊗\(other.name)")
  }

  /// The superoperator S with vec(E(ρ)) = S·vec(ρ) for column-stacking vec: S = Σ K̄ ⊗ K.
  /// Built with the engine's product (`cblas_zgemm` above 64×64 blocks).
  public var superoperator: ComplexMatrix {
    let d = kraus[0].rows
    var s = ComplexMatrix.zeros(d * d, d * d)
    for k in kraus {
      let term = k.conjugate.kron(k)
      for i in s.elements.indices { s.elements[i] += term.elements[i] }
    }
    return s
  }

  /// The Choi matrix J = Σ |K⟩⟩⟨⟨K| (column-stacking vec, input system the high index): J is
  /// positive semidefinite exactly when the map is completely positive, and its partial trace
  /// over the output is the identity exactly when it is trace preserving.
  public var choi: ComplexMatrix {
    let d = kraus[0].rows
    var vecs = [Complex<Double>]()
    vecs.reserveCapacity(d * d * kraus.count)
    for k in kraus { vecs.append(contentsOf: k.elements) }
    let v = ComplexMatrix(uncheckedRows: d * d, columns: kraus.count, elements: vecs)
    return v * v.adjoint
  }

  /// A channel from its Choi matrix: Kraus operators are the eigenvectors of J scaled by √λ.
  /// - Throws: ``QuantumError/notHermitian(deviation:)``, ``QuantumError/notPositive(minEigenvalue:)``
  ///   (not completely positive), ``QuantumError/notTracePreserving(deviation:)``.
  public init(choi j: ComplexMatrix, tolerance: Double = defaultTolerance) throws(QuantumError) {
    let d2 = j.rows
    let d = Int(Double(d2).squareRoot().rounded())
    guard j.isSquare, d * d == d2, d >= 2 else {
      throw .dimensionMismatch(expected: d * d, actual: d2)
    }
    let (values, vectors) = try j.hermitianEigen(tolerance: tolerance)
    if let lowest = values.first, lowest < -tolerance { throw .notPositive(minEigenvalue: lowest) }
    var ops: [ComplexMatrix] = []
    for (c, lambda) in values.enumerated() where lambda > tolerance * 1e-3 {
      let s = lambda.squareRoot()
      let col = (0..<d2).map { vectors.elements[$0 + c * d2].multiplied(by: s) }
      ops.append(ComplexMatrix(uncheckedRows: d, columns: d, elements: col))
    }
    try self.init(kraus: ops, name: "channel", tolerance: max(tolerance, 1e-8))
  }

  /// A channel from its superoperator (reshuffled into the Choi matrix, then decomposed).
  /// - Throws: as ``init(choi:tolerance:)``.
  public init(superoperator s: ComplexMatrix, tolerance: Double = defaultTolerance)
    throws(QuantumError)
  {
    let d = Int(Double(s.rows).squareRoot().rounded())
    guard s.isSquare, d * d == s.rows, d >= 2, d & (d - 1) == 0 else {
      throw .dimensionMismatch(expected: d * d, actual: s.isSquare ? s.rows : s.columns)
    }
    try self.init(choi: QuantumChannel.reshuffle(s), tolerance: tolerance)
  }

  /// The involution between superoperator and Choi index orders:
  /// S[(i' + d·j'), (i + d·j)] = J[(i' + d·i), (j' + d·j)].
  static func reshuffle(_ m: ComplexMatrix) -> ComplexMatrix {
    let d2 = m.rows
    let d = Int(Double(d2).squareRoot().rounded())
    var out = ComplexMatrix.zeros(d2, d2)
    for j in 0..<d {
      for i in 0..<d {
        for jp in 0..<d {
          for ip in 0..<d {
            out[ip + d * i, jp + d * j] = m[ip + d * jp, i + d * j]
          }
        }
      }
    }
    return out
  }
}
