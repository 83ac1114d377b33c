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
    let n = rows
    // Every array LAPACK touches is ours and padded: OpenBLAS 0.3.21's zgemv_n kernel (used by
    // zhetrd inside zheevd) reads past the end of its operands and crashed our tests at random
    // when a buffer ended at an unmapped page. 64 KiB of slack after each array prevents that.
    let slack = 4096
    var a = elements + [Complex<Double>](repeating: .zero, count: slack)
    var w = [Double](repeating: 0, count: n + 2 * slack)
    let info: Int32 = a.withUnsafeMutableBufferPointer { ap in
      ap.withMemoryRebound(to: qkdlab_complex_double.self) { cp in
        w.withUnsafeMutableBufferPointer { wp in
          BLASThreading.serialized {
            // Workspace query, then the call with padded workspaces.
            var workSize = qkdlab_complex_double(real: 0, imag: 0)
            var rworkSize = 0.0
            var iworkSize: Int32 = 0
            let v = Int8(UInt8(ascii: "V"))
            let u = Int8(UInt8(ascii: "U"))
            let query = LAPACKE_zheevd_work(
              LAPACK_COL_MAJOR, v, u, Int32(n), cp.baseAddress, Int32(n), wp.baseAddress,
              &workSize, -1, &rworkSize, -1, &iworkSize, -1)
            guard query == 0 else { return query }
            let lwork = Int(workSize.real)
            let lrwork = Int(rworkSize)
            let liwork = Int(iworkSize)
            var work = [qkdlab_complex_double](
              repeating: qkdlab_complex_double(real: 0, imag: 0), count: lwork + slack)
            var rwork = [Double](repeating: 0, count: lrwork + 2 * slack)
            var iwork = [Int32](repeating: 0, count: liwork + 4 * slack)
            return work.withUnsafeMutableBufferPointer { workp in
              rwork.withUnsafeMutableBufferPointer { rworkp in
                iwork.withUnsafeMutableBufferPointer { iworkp in
                  LAPACKE_zheevd_work(
                    LAPACK_COL_MAJOR, v, u, Int32(n), cp.baseAddress, Int32(n), wp.baseAddress,
                    workp.baseAddress, Int32(lwork), rworkp.baseAddress, Int32(lrwork),
                    iworkp.baseAddress, Int32(liwork))
                }
              }
            }
          }
        }
      }
    }
    a.removeLast(slack)
    w.removeLast(w.count - n)
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
