import CBLAS
import Foundation

/// OpenBLAS thread policy for the whole package.
///
/// The engine runs its own threads around BLAS calls, and callers (tests, the fast path) may call
/// BLAS from several threads at once. OpenBLAS 0.3.21's own thread pool is not safe for concurrent
/// callers (we saw segfaults inside its workers), and its threads would fight ours anyway, so
/// OpenBLAS is set to one thread the first time any QKDLab code uses BLAS or LAPACK, and every call
/// goes through ``serialized(_:)``: even single-threaded, OpenBLAS 0.3.21 (Debian 12) crashed in
/// our tests when two threads called it at once.
public enum BLASThreading {
  private static let lock = NSLock()

  /// Runs `body` (which calls BLAS or LAPACK) while holding the process-wide BLAS lock.
  public static func serialized<T>(_ body: () throws -> T) rethrows -> T {
    prepare()
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }

  private static let configured: Bool = {
    openblas_set_num_threads(1)
    return true
  }()

  /// Makes OpenBLAS single-threaded (once per process; later calls cost one atomic load).
  /// Every engine entry point into BLAS/LAPACK calls this; call it before your own BLAS calls too.
  @inline(__always)
  public static func prepare() {
    _ = configured
  }
}
