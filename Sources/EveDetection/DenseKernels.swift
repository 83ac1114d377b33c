import CBLAS
import CLAPACKE
import QuantumEngine

// The only file with pointer code: thin wrappers over BLAS and LAPACK on row-major arrays.
// Callers validate sizes; these functions assume consistent dimensions.
enum DenseKernels {
  /// C = alpha · op(A) · op(B) + beta · C, all row-major. op(A) is m×k, op(B) is k×n.
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double,
    c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    BLASThreading.serialized {
      cblas_dgemm(
        CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
        transposeB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
  }

  /// Row-major product of arrays: returns op(A)·op(B) as an m×n array.
  static func product(
    _ a: [Double], transposeA: Bool = false, _ b: [Double], transposeB: Bool = false,
    m: Int, n: Int, k: Int
  ) -> [Double] {
    var c = [Double](repeating: 0, count: m * n)
    if m == 0 || n == 0 { return c }
    let lda = transposeA ? m : k
    let ldb = transposeB ? k : n
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          guard let ba = pa.baseAddress, let bb = pb.baseAddress, let bc = pc.baseAddress else {
            return
          }
          gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: ba,
            lda: lda, b: bb, ldb: ldb, beta: 0, c: bc, ldc: n)
        }
      }
    }
    return c
  }

  /// y = A·x for a row-major m×n matrix A.
  static func matrixVector(_ a: [Double], rows m: Int, columns n: Int, _ x: [Double]) -> [Double] {
    var y = [Double](repeating: 0, count: m)
    if m == 0 { return y }
    a.withUnsafeBufferPointer { pa in
      x.withUnsafeBufferPointer { px in
        y.withUnsafeMutableBufferPointer { py in
          guard let ba = pa.baseAddress, let bx = px.baseAddress, let by = py.baseAddress else {
            return
          }
          cblas_dgemv(
            CblasRowMajor, CblasNoTrans, Int32(m), Int32(n), 1, ba, Int32(n), bx, 1, 0, by, 1)
        }
      }
    }
    return y
  }

  /// Solves the symmetric positive-definite system H·x = g (H is n×n, row-major) by Cholesky
  /// (`LAPACKE_dposv`), falling back to LU with pivoting (`LAPACKE_dgesv`) if H is not positive
  /// definite. Returns nil if both fail.
  static func solveSymmetric(_ h: [Double], _ g: [Double], n: Int) -> [Double]? {
    var a = h
    var x = g
    let info = a.withUnsafeMutableBufferPointer { pa in
      x.withUnsafeMutableBufferPointer { px in
        BLASThreading.serialized {
          LAPACKE_dposv(
            LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), 1, pa.baseAddress, Int32(n),
            px.baseAddress, 1)
        }
      }
    }
    if info == 0 { return x }
    a = h
    x = g
    var pivots = [Int32](repeating: 0, count: n)
    let luInfo = a.withUnsafeMutableBufferPointer { pa in
      x.withUnsafeMutableBufferPointer { px in
        pivots.withUnsafeMutableBufferPointer { pp in
          BLASThreading.serialized {
            LAPACKE_dgesv(
              LAPACK_ROW_MAJOR, Int32(n), 1, pa.baseAddress, Int32(n), pp.baseAddress,
              px.baseAddress,
              1
            )
          }
        }
      }
    }
    return luInfo == 0 ? x : nil
  }
}
