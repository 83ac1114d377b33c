import ClassicalCrypto
import Foundation
import QuantumEngine

/// A quantum random number generator: a simulated beam-splitter source, continuous SP 800-90B
/// health tests on its raw bits, a start-up min-entropy assessment, and an extractor sized
/// from that assessment.
///
/// At creation the source produces ``QRNGConfiguration/assessmentBits`` raw bits, which are
/// health-tested and fed to the four SP 800-90B estimators; the smallest estimate H sizes the
/// extractor and sets the health tests' cutoffs. Afterwards raw bits are produced in blocks of
/// ``QRNGConfiguration/blockLength``, checked, extracted and buffered.
///
/// A health-test failure stops the output: the throwing calls (``nextBits(_:)``,
/// ``fill(_:)``, ``nextWord()``) throw ``QRNGError/healthTestFailure(_:)`` from then on.
/// `RandomNumberGenerator.next()` cannot throw, so after a failure it returns 0 and
/// ``failure`` records why; check ``failure`` after using the generator through the standard
/// library's `random(in:using:)`.
///
/// The Toeplitz seed is drawn from a stream independent of the source's (the seed jumped by
/// 2^128 draws), as a device would store a seed taken once from another source.
public struct QRNG: RandomNumberGenerator, Sendable {
  /// The configuration.
  public let configuration: QRNGConfiguration
  /// The start-up min-entropy assessment.
  public let assessment: MinEntropyEstimate
  /// The health tests watching the raw stream.
  public private(set) var monitor: HealthMonitor
  /// The first error that stopped the output, if any.
  public private(set) var failure: QRNGError?
  /// Raw bits drawn from the source so far (including the assessment).
  public private(set) var rawBitsConsumed = 0
  /// Output bits handed out so far.
  public private(set) var outputBitsProduced = 0

  private var source: BeamSplitterSource
  private let stage: ExtractionStage
  private var buffer = BitVector([])
  private var bufferPosition = 0

  /// Starts the generator: runs the start-up assessment and builds the extractor.
  /// - Throws: ``QRNGError/healthTestFailure(_:)`` if the start-up bits fail the health tests
  ///   or carry no measurable entropy; ``QRNGError/invalidParameter(name:value:allowed:)`` if
  ///   the entropy is too low for the configured block length.
  public init(configuration: QRNGConfiguration, seed: UInt64) throws(QRNGError) {
    self.configuration = configuration
    let base = Xoshiro256StarStar(seed: seed)
    source = BeamSplitterSource(configuration: configuration.source, generator: base)
    let startup = try source.nextBits(configuration.assessmentBits)
    rawBitsConsumed = startup.count
    let estimate = try MinEntropyEstimators.estimate(startup)
    assessment = estimate
    // A stuck or nearly stuck source: no entropy to claim, so no health cutoffs either.
    guard estimate.minEntropyPerBit >= 1e-3 else {
      throw .healthTestFailure(
        .repetitionCount(
          runLength: startup.count, cutoff: startup.count, bitIndex: startup.count - 1))
    }
    monitor = try HealthMonitor(
      minEntropyPerBit: estimate.minEntropyPerBit,
      falsePositiveExponent: configuration.falsePositiveExponent)
    try monitor.check(startup)
    var seedStream = base.jumped()
    stage = try ExtractionStage(
      kind: configuration.extractor, blockLength: configuration.blockLength,
      minEntropyPerBit: estimate.minEntropyPerBit, epsilon: configuration.epsilon,
      seedGenerator: &seedStream)
  }

  /// The output bits per raw bit of the configured extractor at the assessed entropy.
  public var extractionRatio: Double { stage.ratio }

  /// The next `count` output bits.
  /// - Throws: ``QRNGError/healthTestFailure(_:)`` once the source has failed;
  ///   ``QRNGError/invalidParameter(name:value:allowed:)`` for a negative count.
  public mutating func nextBits(_ count: Int) throws(QRNGError) -> BitVector {
    try QRNGError.check(count, in: 0...(1 << 40), name: "bit count")
    if let failure { throw failure }
    var writer = BitWriter(reservingCapacity: count)
    var needed = count
    while needed > 0 {
      if bufferPosition >= buffer.count {
        do { try refill() } catch {
          failure = error
          throw error
        }
      }
      let take = min(needed, buffer.count - bufferPosition)
      writer.append(wordSlice(buffer, bufferPosition..<(bufferPosition + take)))
      bufferPosition += take
      needed -= take
    }
    outputBitsProduced += count
    return writer.bitVector
  }

  /// The next 64 output bits as a word.
  /// - Throws: as ``nextBits(_:)``.
  public mutating func nextWord() throws(QRNGError) -> UInt64 {
    try nextBits(64).words.first ?? 0
  }

  /// Overwrites every byte of `bytes` with output (least significant bit first in each byte).
  /// - Throws: as ``nextBits(_:)``.
  public mutating func fill(_ bytes: inout [UInt8]) throws(QRNGError) {
    let bits = try nextBits(bytes.count * 8)
    bytes = bits.bytes
  }

  /// `count` bytes of output.
  /// - Throws: as ``nextBits(_:)``.
  public mutating func nextBytes(_ count: Int) throws(QRNGError) -> [UInt8] {
    try QRNGError.check(count, in: 0...(1 << 37), name: "byte count")
    return try nextBits(count * 8).bytes
  }

  /// 64 output bits for the standard library's random APIs; 0 after a failure (see
  /// ``failure``).
  public mutating func next() -> UInt64 {
    do { return try nextWord() } catch { return 0 }
  }

  /// Generates one block of raw bits, checks and extracts it into the buffer.
  private mutating func refill() throws(QRNGError) {
    var produced = BitVector([])
    while produced.count == 0 {
      let raw = try source.nextBits(stage.rawBatchLength)
      rawBitsConsumed += raw.count
      try monitor.check(raw)
      produced = try stage.extract(raw)
    }
    buffer = produced
    bufferPosition = 0
  }
}

/// The configured extractor with its sizing.
struct ExtractionStage: Sendable {
  let kind: ExtractorKind
  let rawBatchLength: Int
  let ratio: Double
  let toeplitz: ToeplitzExtractor?
  let conditioner: SHA256Conditioner?

  init<G: RandomNumberGenerator>(
    kind: ExtractorKind, blockLength: Int, minEntropyPerBit h: Double, epsilon: Double,
    seedGenerator: inout G
  ) throws(QRNGError) {
    self.kind = kind
    switch kind {
    case .toeplitz:
      let extractor = try ToeplitzExtractor(
        inputLength: blockLength, minEntropyPerBit: h, epsilon: epsilon,
        using: &seedGenerator)
      toeplitz = extractor
      conditioner = nil
      rawBatchLength = blockLength
      ratio = Double(extractor.outputLength) / Double(blockLength)
    case .sha256:
      let c = try SHA256Conditioner(minEntropyPerBit: h)
      conditioner = c
      toeplitz = nil
      rawBatchLength = max(1, blockLength / c.inputLength) * c.inputLength
      ratio = Double(SHA256Conditioner.outputLength) / Double(c.inputLength)
    case .vonNeumann:
      toeplitz = nil
      conditioner = nil
      rawBatchLength = blockLength
      ratio = 0.25
    case .none:
      toeplitz = nil
      conditioner = nil
      rawBatchLength = blockLength
      ratio = 1
    }
  }

  func extract(_ raw: BitVector) throws(QRNGError) -> BitVector {
    let threads = ProcessInfo.processInfo.activeProcessorCount
    switch kind {
    case .toeplitz: return try toeplitz?.extract(raw, threads: threads) ?? raw
    case .sha256: return try conditioner?.condition(raw, threads: threads) ?? raw
    case .vonNeumann: return VonNeumannExtractor.extract(raw)
    case .none: return raw
    }
  }
}
