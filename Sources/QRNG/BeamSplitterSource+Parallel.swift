import ClassicalCrypto
import Dispatch
import Foundation
import QuantumEngine

extension BeamSplitterSource {
  /// `count` raw bits from `chunks` independent runs of the source, concatenated in order.
  ///
  /// Chunk k runs on the generator seeded with `seed` jumped k + 1 times (non-overlapping
  /// streams), from rested detectors, so the bits are identical for any thread count. Chunks
  /// run on up to `threads` threads.
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)`` for a negative count,
  ///   fewer than one chunk or thread, or a source that never clicks.
  public static func generate(
    count: Int, configuration: BeamSplitterSourceConfiguration, seed: UInt64, chunks: Int = 16,
    threads: Int = ProcessInfo.processInfo.activeProcessorCount
  ) throws(QRNGError) -> (bits: BitVector, statistics: SourceStatistics) {
    try QRNGError.check(count, in: 0...(Int.max / 2), name: "raw bit count")
    try QRNGError.check(chunks, in: 1...65536, name: "chunks")
    try QRNGError.check(threads, in: 1...1024, name: "threads")
    var generators: [Xoshiro256StarStar] = []
    var g = Xoshiro256StarStar(seed: seed)
    for _ in 0..<chunks {
      g = g.jumped()
      generators.append(g)
    }
    // Chunks of whole words, so the parts concatenate word by word.
    let words = (count + 63) / 64
    let results = ChunkResults<SourceChunk>(count: chunks)
    let workers = min(threads, chunks)
    let frozen = generators
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var k = worker
      while k < chunks {
        let lo = words * k / chunks * 64
        let hi = min(count, words * (k + 1) / chunks * 64)
        var source = BeamSplitterSource(configuration: configuration, generator: frozen[k])
        let outcome: Result<SourceChunk, QRNGError>
        do throws(QRNGError) {
          let bits = try source.nextBits(max(0, hi - lo))
          outcome = .success(SourceChunk(bits: bits, statistics: source.statistics))
        } catch {
          outcome = .failure(error)
        }
        results.set(k, outcome)
        k += workers
      }
    }
    var writer = BitWriter(reservingCapacity: count)
    var total = SourceStatistics()
    for outcome in results.values {
      switch outcome {
      case .success(let chunk):
        writer.append(chunk.bits)
        total.gates += chunk.statistics.gates
        total.zeros += chunk.statistics.zeros
        total.ones += chunk.statistics.ones
        total.doubleClicks += chunk.statistics.doubleClicks
      case .failure(let error):
        throw error
      case nil:
        throw .invalidParameter(name: "source chunk", value: "missing", allowed: "")
      }
    }
    return (writer.bitVector, total)
  }
}

/// The output of one chunk of a parallel source run.
struct SourceChunk: Sendable {
  let bits: BitVector
  let statistics: SourceStatistics
}

/// Per-chunk results written by concurrent workers (each slot by one worker).
final class ChunkResults<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [Result<Value, QRNGError>?]

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Result<Value, QRNGError>) {
    lock.withLock { storage[index] = value }
  }

  var values: [Result<Value, QRNGError>?] { lock.withLock { storage } }
}

/// Runs `body(k)` for k in 0..<count on up to `threads` threads (k = worker, worker + threads,
/// …). Each k must write only its own result slot.
func parallelChunks(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
  let workers = max(1, min(threads, count))
  if workers == 1 {
    for k in 0..<count { body(k) }
    return
  }
  DispatchQueue.concurrentPerform(iterations: workers) { worker in
    var k = worker
    while k < count {
      body(k)
      k += workers
    }
  }
}
