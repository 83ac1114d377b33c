import ClassicalCrypto
import Dispatch
import Foundation

/// The SP 800-22 battery used on QRNG output: frequency, block frequency, runs, longest run of
/// ones, binary matrix rank, discrete Fourier transform, serial, approximate entropy and
/// cumulative sums, each at significance α, with parameters chosen from the sequence length
/// n the way the document recommends (section 2.x.7 of each test):
///
/// - block frequency: M = max(20, ⌊n/100⌋ + 1), so M ≥ 20, M > 0.01 n and N < 100 blocks;
/// - longest run: M = 8, 128 or 10^4 by n (section 2.4.2);
/// - serial: m = min(16, ⌊log2 n⌋ − 3), so m < ⌊log2 n⌋ − 2;
/// - approximate entropy: m = min(10, ⌊log2 n⌋ − 6), so m < ⌊log2 n⌋ − 5.
///
/// The tests run concurrently on up to `threads` threads; results come back in a fixed order
/// and do not depend on the thread count.
public struct TestBattery: Sendable {
  /// The smallest sequence the battery accepts: 38 matrices for the rank test
  /// (SP 800-22 section 2.5.7), n = 38,912.
  public static let minimumLength = 38 * 1024

  /// The significance level α each p-value is compared with.
  public let significance: Double
  /// The largest number of threads used to run the tests.
  public let threads: Int

  /// Creates a battery.
  /// - Throws: ``QRNGError/invalidParameter(name:value:allowed:)`` unless 0 < α < 1 and
  ///   threads ≥ 1.
  public init(
    significance: Double = RandomnessTests.defaultSignificance,
    threads: Int = ProcessInfo.processInfo.activeProcessorCount
  ) throws(QRNGError) {
    try RandomnessTests.checkSignificance(significance)
    try QRNGError.check(threads, in: 1...1024, name: "threads")
    self.significance = significance
    self.threads = threads
  }

  /// The names of the tests, in the order ``run(_:)`` returns them.
  public static let testNames = [
    "frequency", "block_frequency", "runs", "longest_run_of_ones", "binary_matrix_rank",
    "discrete_fourier_transform", "serial", "approximate_entropy", "cumulative_sums",
  ]

  /// Runs every test on `bits`.
  /// - Throws: ``QRNGError/sequenceTooShort(test:length:minimum:)`` below ``minimumLength``.
  public func run(_ bits: BitVector) throws(QRNGError) -> [StatisticalTestResult] {
    guard bits.count >= Self.minimumLength else {
      throw .sequenceTooShort(
        test: "SP 800-22 test battery", length: bits.count, minimum: Self.minimumLength)
    }
    let n = bits.count
    let log2n = Int.bitWidth - 1 - n.leadingZeroBitCount
    let alpha = significance
    let blockLength = max(20, n / 100 + 1)
    let serialLength = min(16, log2n - 3)
    let entropyLength = min(10, log2n - 6)
    // Slowest first, so two threads finish together.
    let order = [5, 6, 7, 3, 8, 4, 1, 2, 0]
    @Sendable func job(_ index: Int) throws(QRNGError) -> StatisticalTestResult {
      switch index {
      case 0: return try RandomnessTests.frequency(bits, significance: alpha)
      case 1:
        return try RandomnessTests.blockFrequency(
          bits, blockLength: blockLength, significance: alpha)
      case 2: return try RandomnessTests.runs(bits, significance: alpha)
      case 3: return try RandomnessTests.longestRunOfOnes(bits, significance: alpha)
      case 4: return try RandomnessTests.binaryMatrixRank(bits, significance: alpha)
      case 5: return try RandomnessTests.spectral(bits, significance: alpha)
      case 6:
        return try RandomnessTests.serial(bits, patternLength: serialLength, significance: alpha)
      case 7:
        return try RandomnessTests.approximateEntropy(
          bits, blockLength: entropyLength, significance: alpha)
      default: return try RandomnessTests.cumulativeSums(bits, significance: alpha)
      }
    }
    let slots = ChunkResults<StatisticalTestResult>(count: order.count)
    let workers = min(threads, order.count)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var j = worker
      while j < order.count {
        do throws(QRNGError) {
          slots.set(j, .success(try job(order[j])))
        } catch {
          slots.set(j, .failure(error))
        }
        j += workers
      }
    }
    var byName: [String: StatisticalTestResult] = [:]
    for outcome in slots.values {
      switch outcome {
      case .success(let result): byName[result.name] = result
      case .failure(let error): throw error
      case nil: throw .invalidParameter(name: "test battery", value: "incomplete", allowed: "")
      }
    }
    return Self.testNames.compactMap { byName[$0] }
  }
}
