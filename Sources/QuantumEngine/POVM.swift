import ComplexModule
import RealModule

/// A positive operator-valued measure on k qubits: positive semidefinite elements summing to I.
public struct POVM: Sendable, Hashable {
  /// The elements E_m, each 2^k × 2^k.
  public let elements: [ComplexMatrix]

  /// The number of qubits measured.
  public var qubitCount: Int { elements[0].rows.trailingZeroBitCount }

  /// A POVM from its elements, checked to be Hermitian, positive semidefinite and complete
  /// (Σ E_m = I) within `tolerance`.
  /// - Throws: ``QuantumError/empty(_:)``, ``QuantumError/dimensionMismatch(expected:actual:)``,
  ///   ``QuantumError/notPositive(minEigenvalue:)``, ``QuantumError/povmNotComplete(deviation:)``.
  public init(elements: [ComplexMatrix], tolerance: Double = defaultTolerance) throws(QuantumError)
  {
    guard let first = elements.first else { throw .empty("POVM element list") }
    let d = first.rows
    guard d >= 2, d & (d - 1) == 0 else { throw .dimensionNotPowerOfTwo(d) }
    var sum = ComplexMatrix.zeros(d, d)
    for e in elements {
      guard e.rows == d, e.columns == d else {
        throw .dimensionMismatch(expected: d, actual: e.rows)
      }
      let values = try e.hermitianEigenvalues(tolerance: tolerance)
      if let lowest = values.first, lowest < -tolerance {
        throw .notPositive(minEigenvalue: lowest)
      }
      sum = try sum.adding(e)
    }
    let dev = sum.maxDeviation(from: .identity(d))
    guard dev <= tolerance else { throw .povmNotComplete(deviation: dev) }
    self.elements = elements
  }

  /// The computational-basis measurement of `qubits` qubits (projectors |m⟩⟨m|).
  /// - Throws: ``QuantumError/invalidQubitCount(_:allowed:)`` outside 1...6.
  public static func computational(qubits k: Int) throws(QuantumError) -> POVM {
    guard k >= 1, k <= 6 else { throw .invalidQubitCount(k, allowed: "1...6") }
    let d = 1 << k
    return try POVM(
      elements: (0..<d).map { m in
        var e = [Complex<Double>](repeating: .zero, count: d)
        e[m] = .one
        return ComplexMatrix.diagonal(e)
      })
  }

  /// The projective measurement onto an orthonormal basis (projectors |b⟩⟨b|).
  /// - Throws: ``QuantumError/povmNotComplete(deviation:)`` when the states are not an orthonormal
  ///   basis.
  public static func projective(basis: [StateVector]) throws(QuantumError) -> POVM {
    try POVM(
      elements: basis.map { b in
        let v = ComplexMatrix(uncheckedRows: b.dimension, columns: 1, elements: b.amplitudes)
        return v * v.adjoint
      })
  }
}
