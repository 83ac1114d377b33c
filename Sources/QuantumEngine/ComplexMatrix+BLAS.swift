import CBLAS
import ComplexModule
import RealModule

extension ComplexMatrix {
  /// `a · b` through `cblas_zgemm` (column-major). `Complex<Double>` is two interleaved doubles,
  /// the layout zgemm expects.
  static func blasProduct(_ a: ComplexMatrix, _ b: ComplexMatrix) -> ComplexMatrix {
    var c = ComplexMatrix.zeros(a.rows, b.columns)
    var alpha = Complex<Double>.one
    var beta = Complex<Double>.zero
    a.elements.withUnsafeBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        c.elements.withUnsafeMutableBufferPointer { pc in
          BLASThreading.serialized {
            cblas_zgemm(
              CblasColMajor, CblasNoTrans, CblasNoTrans,
              blasint(a.rows), blasint(b.columns), blasint(a.columns),
              &alpha, pa.baseAddress, blasint(a.rows), pb.baseAddress, blasint(b.rows),
              &beta, pc.baseAddress, blasint(a.rows))
          }
        }
      }
    }
    return c
  }
}
