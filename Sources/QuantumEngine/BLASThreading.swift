import CBLAS
import Foundation

/// How QKDLab calls OpenBLAS and LAPACK: from one long-lived thread, one call at a time, with
/// OpenBLAS's own pool limited to one thread.
///
/// The engine runs its own threads around BLAS calls and callers (tests, Swift concurrency) come
/// in from many short-lived threads; OpenBLAS's pool would fight ours, and its per-thread buffers
/// suit a stable caller best. Handing each call to one worker thread costs microseconds, far
/// below the calls that use it (products above 64³, dense-gate blocks, eigenproblems). (The random
/// crashes we chased here turned out to be an out-of-bounds read in OpenBLAS 0.3.21's `zgemv_n`;
/// see `ComplexMatrix+Eigen.swift` for the padding that fixes them.)
public enum BLASThreading {
  private static let submit = NSLock()
  private static let jobReady = DispatchSemaphore(value: 0)
  private static let jobDone = DispatchSemaphore(value: 0)
  nonisolated(unsafe) private static var pending: (() -> Void)?

  private static let worker: Bool = {
    openblas_set_num_threads(1)
    let thread = Thread {
      while true {
        jobReady.wait()
        pending?()
        jobDone.signal()
      }
    }
    thread.stackSize = 16 << 20
    thread.name = "qkdlab.blas"
    thread.start()
    return true
  }()

  /// Starts the BLAS worker and makes OpenBLAS single-threaded (once per process).
  public static func prepare() {
    _ = worker
  }

  /// Runs `body` (which calls BLAS or LAPACK) on the BLAS worker thread and returns its result.
  /// Calls from several threads queue up; `body` must not itself call `serialized`.
  public static func serialized<T>(_ body: () -> T) -> T {
    prepare()
    submit.lock()
    defer { submit.unlock() }
    var result: T?
    withoutActuallyEscaping(body) { b in
      pending = { result = b() }
      jobReady.signal()
      jobDone.wait()
      pending = nil
    }
    // The worker always runs the job before signalling, so `result` is set.
    return result!
  }
}
