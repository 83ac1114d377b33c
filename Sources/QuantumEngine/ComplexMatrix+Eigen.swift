import CLAPACKE
import ComplexModule
import RealModule

extension ComplexMatrix {
  /// Eigenvalues (ascending) and orthonormal eigenvectors (columns) of a Hermitian matrix, by
  /// `LAPACKE_zheevd` (divide and conquer).
  /// - Throws: ``QuantumError/notHermitian(deviation:)`` when `max |A − A†| > tolerance`,
  ///   ``QuantumError/lapackFailure(routine:info:)`` if LAPACK fails.
  public func hermitianEigen(tolerance: Double = 1e-8) throws(QuantumError) -> (
    values: [Double], vectors: ComplexMatrix
  ) {
    guard isSquare else { throw .dimensionMismatch(expected: rows, actual: columns) }
    let dev = hermiticityDeviation
    guard dev <= tolerance else { throw .notHermitian(deviation: dev) }
    BLASThreading.prepare()
    let n = rows
    var a = elements
    var w = [Double](repeating: 0, count: n)
    let info = a.withUnsafeMutableBufferPointer { ap in
      ap.withMemoryRebound(to: qkdlab_complex_double.self) { cp in
        w.withUnsafeMutableBufferPointer { wp in
          BLASThreading.serialized {
            LAPACKE_zheevd(
              LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(n),
              cp.baseAddress, Int32(n), wp.baseAddress)
          }
        }
      }
    }
    guard info == 0 else { throw .lapackFailure(routine: "zheevd", info: Int(info)) }
    return (w, ComplexMatrix(uncheckedRows: n, columns: n, elements: a))
  }

  /// Eigenvalues only (ascending) of a Hermitian matrix.
  /// - Throws: as ``hermitianEigen(tolerance:)``.
  public func hermitianEigenvalues(tolerance: Double = 1e-8) throws(QuantumError) -> [Double] {
    try hermitianEigen(tolerance: tolerance).values
  }

  /// f(A) = V·diag(f(λ))·V† for a Hermitian A.
  func hermitianFunction(_ f: (Double) -> Double) throws(QuantumError) -> ComplexMatrix {
    let (values, v) = try hermitianEigen()
    var scaled = v
    for c in 0..<columns {
      let s = f(values[c])
      for r in 0..<rows {
        scaled.elements[r + c * rows] = v.elements[r + c * rows].multiplied(by: s)
      }
    }
    return scaled * v.adjoint
  }

  /// The principal square root of a positive semidefinite Hermitian matrix (tiny negative
  /// eigenvalues from rounding are clipped to 0).
  /// - Throws: as ``hermitianEigen(tolerance:)``.
  public func psdSquareRoot() throws(QuantumError) -> ComplexMatrix {
    // Rounding leaves eigenvalues of order 1e-16 where the exact ones are 0; their square roots
    // (1e-8) would be real errors, so they are clipped.
    try hermitianFunction { $0 > 1e-14 ? $0.squareRoot() : 0 }
  }
}
