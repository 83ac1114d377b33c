import Dispatch
import Foundation

/// Runs numbered batches on several threads and hands their results back in batch order, a group
/// at a time. Which thread runs a batch never changes its result (each batch owns its random
/// stream), so the output is identical for any thread count.
enum BatchRunner {
  /// Computes `work(b)` for b in `batches`, `group` batches at a time over `threads` threads,
  /// calling `deliver` with each group's results in order.
  static func run<R>(
    batches: Int, group: Int, threads: Int, work: @Sendable (Int) -> R, deliver: ([R]) -> Void
  ) {
    let groupSize = max(1, group)
    var start = 0
    while start < batches {
      let count = min(groupSize, batches - start)
      let slots = Slots<R>(count: count)
      let t = max(1, min(threads, count))
      let first = start
      if t == 1 {
        for i in 0..<count { slots.set(i, work(first + i)) }
      } else {
        DispatchQueue.concurrentPerform(iterations: t) { w in
          var i = w
          while i < count {
            slots.set(i, work(first + i))
            i += t
          }
        }
      }
      deliver(slots.values())
      start += count
    }
  }

  /// Result slots written by worker threads under a lock.
  private final class Slots<R>: @unchecked Sendable {
    private var items: [R?]
    private let lock = NSLock()
    init(count: Int) { items = [R?](repeating: nil, count: count) }
    func set(_ i: Int, _ value: R) { lock.withLock { items[i] = value } }
    func values() -> [R] { lock.withLock { items.compactMap { $0 } } }
  }
}
