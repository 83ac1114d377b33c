import Dispatch
import Foundation

/// How many threads the engine's kernels may use.
///
/// Kernels split work into a fixed number of chunks and reduce them in order, so every result is
/// identical for any thread count; only speed changes.
public enum Parallelism {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var _maxThreads = ProcessInfo.processInfo.activeProcessorCount

  /// The largest number of threads one kernel call uses (default: the active processor count).
  public static var maxThreads: Int {
    get { lock.withLock { _maxThreads } }
    set { lock.withLock { _maxThreads = max(1, newValue) } }
  }

  /// Runs `body` with `maxThreads` set to `threads`, restoring the previous value afterwards.
  public static func withThreads<T>(_ threads: Int, _ body: () throws -> T) rethrows -> T {
    let old = maxThreads
    maxThreads = threads
    defer { maxThreads = old }
    return try body()
  }

  /// Below this many amplitudes a kernel runs on one thread (thread start-up would dominate).
  static let threshold = 1 << 15

  /// Runs `body(chunk)` for `chunk` in `0..<chunks`, spread over at most `maxThreads` threads.
  static func forEachChunk(_ chunks: Int, _ body: (Int) -> Void) {
    let threads = min(maxThreads, chunks)
    if threads <= 1 {
      for c in 0..<chunks { body(c) }
      return
    }
    // The chunks touch disjoint memory (or write disjoint partial sums), which is what makes
    // sharing the non-Sendable closure across threads safe.
    withoutActuallyEscaping(body) { body in
      let shared = UncheckedSendable(body)
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        var c = t
        while c < chunks {
          shared.value(c)
          c += threads
        }
      }
    }
  }

  /// Splits `0..<total` into `parts` contiguous ranges (the first ones one longer when uneven).
  static func range(_ part: Int, of parts: Int, total: Int) -> Range<Int> {
    let base = total / parts
    let extra = total % parts
    let lo = part * base + min(part, extra)
    return lo..<(lo + base + (part < extra ? 1 : 0))
  }

  /// The number of chunks a kernel over `total` items uses: fixed for a size, independent of the
  /// thread count, so reductions are reproducible.
  static func chunkCount(for total: Int) -> Int {
    total < threshold ? 1 : 64
  }
}

/// Wraps a value the engine shares across its own worker threads where it guarantees disjoint
/// access itself.
struct UncheckedSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
