import ClassicalCrypto
import Foundation
import Photonics
import Testing

@testable import QRNG

struct BeamSplitterSourceTests {
  func detector(_ eta: Double, dark: Double = 0, dead: Int = 0, afterpulse: Double = 0) throws
    -> Detector
  {
    try Detector(
      efficiency: eta, darkCountProbability: dark, deadTimeGates: dead,
      afterpulseProbability: afterpulse)
  }

  /// The compiled port probability t = (1 − ε)cos²θ + ε sin²θ equals the Photonics exact path
  /// (the PBS POVM applied to the density matrix of linear polarization θ).
  @Test(arguments: [0.3, Double.pi / 4, 1.2])
  func portProbabilityMatchesTheExactPath(angle: Double) throws {
    let pbs = try PolarizingBeamSplitter(extinctionRatio: 100)
    let configuration = try BeamSplitterSourceConfiguration(
      polarizationAngle: angle, beamSplitter: pbs, detector0: .ideal, detector1: .ideal)
    let tables = OutcomeTables(configuration: configuration, angle: angle, failedDetector: nil)
    let exact = try pbs.portProbabilities(of: Polarization.linear(angle: angle).densityMatrix())
    #expect(abs(tables.resting.only0 - exact.transmitted) < 1e-12)
    #expect(abs(tables.resting.only1 - exact.reflected) < 1e-12)
    #expect(tables.resting.none < 1e-12)
  }

  /// |D⟩ with a 2 % efficiency mismatch: P(1) = 0.612/(0.6 + 0.612) and bits in a fraction
  /// (0.6 + 0.612)/2 of the gates, each within 5σ over 200,000 bits.
  @Test func efficiencyMismatchBiasesTheBits() throws {
    let configuration = try BeamSplitterSourceConfiguration(
      detector0: detector(0.6), detector1: detector(0.612))
    var source = BeamSplitterSource(configuration: configuration, seed: 1)
    let n = 200_000
    let bits = try source.nextBits(n)
    let p1 = 0.612 / 1.212
    #expect(
      abs(Double(bits.popcount) - p1 * Double(n)) < 5 * (Double(n) * p1 * (1 - p1)).squareRoot())
    let gates = Double(source.statistics.gates)
    let rate = 0.606
    #expect(abs(Double(n) - rate * gates) < 5 * (gates * rate * (1 - rate)).squareRoot())
    #expect(source.statistics.bits == n)
  }

  /// Weak coherent light, μ = 0.5, η = 0.5 on both ports of a 50/50 split: each detector is
  /// independently silent with probability e^{−0.125}, so a single click (a bit) happens in a
  /// fraction 2(1 − e^{−0.125})e^{−0.125} of the gates and double clicks in (1 − e^{−0.125})².
  @Test func weakCoherentClickStatistics() throws {
    let configuration = try BeamSplitterSourceConfiguration(
      source: .weakCoherent(meanPhotonNumber: 0.5), detector0: detector(0.5),
      detector1: detector(0.5))
    var source = BeamSplitterSource(configuration: configuration, seed: 2)
    _ = try source.nextBits(100_000)
    let gates = Double(source.statistics.gates)
    let silent = exp(-0.125)
    let single = 2 * (1 - silent) * silent
    let double = (1 - silent) * (1 - silent)
    #expect(abs(100_000 - single * gates) < 5 * (gates * single * (1 - single)).squareRoot())
    let doubles = Double(source.statistics.doubleClicks)
    #expect(abs(doubles - double * gates) < 5 * (gates * double * (1 - double)).squareRoot())
  }

  /// The fraction of neighbouring raw bits that differ.
  func flipFraction(_ bits: BitVector) -> Double {
    var flips = 0
    for i in 1..<bits.count where bits[i] != bits[i - 1] { flips += 1 }
    return Double(flips) / Double(bits.count - 1)
  }

  /// Dead time blinds the detector that just clicked, so the next bit leans to the other value;
  /// afterpulsing makes the same detector fire again, so bits repeat.
  @Test func deadTimeAndAfterpulsingCorrelateTheBits() throws {
    let n = 50_000
    let tolerance = 5 * (0.25 / Double(n)).squareRoot()
    let dead = try BeamSplitterSourceConfiguration(
      detector0: detector(0.6, dead: 1), detector1: detector(0.6, dead: 1))
    var deadSource = BeamSplitterSource(configuration: dead, seed: 3)
    #expect(flipFraction(try deadSource.nextBits(n)) > 0.5 + tolerance)
    let afterpulsing = try BeamSplitterSourceConfiguration(
      detector0: detector(0.6, afterpulse: 0.3), detector1: detector(0.6, afterpulse: 0.3))
    var apSource = BeamSplitterSource(configuration: afterpulsing, seed: 3)
    #expect(flipFraction(try apSource.nextBits(n)) < 0.5 - tolerance)
    let ideal = try BeamSplitterSourceConfiguration(
      detector0: detector(0.6), detector1: detector(0.6))
    var idealSource = BeamSplitterSource(configuration: ideal, seed: 3)
    #expect(abs(flipFraction(try idealSource.nextBits(n)) - 0.5) < tolerance)
  }

  /// A drift of 0.3 rad with a period of 2^17 gates: while sin > 0 the angle exceeds π/4 and
  /// the reflected (bit 1) port is favoured, afterwards the transmitted one.
  @Test func slowDriftModulatesTheBias() throws {
    let period = 1 << 17
    let configuration = try BeamSplitterSourceConfiguration(
      detector0: .ideal, detector1: .ideal,
      drift: SourceDrift(amplitude: 0.3, periodGates: period))
    var source = BeamSplitterSource(configuration: configuration, seed: 4)
    let bits = try source.nextBits(period)  // ideal detectors: one bit per gate
    #expect(source.statistics.gates == period)
    let firstHalf = bits.slice(0..<(period / 2)).popcount
    let secondHalf = bits.slice((period / 2)..<period).popcount
    let half = Double(period / 2)
    #expect(Double(firstHalf) > 0.6 * half)
    #expect(Double(secondHalf) < 0.4 * half)
  }

  /// After detector 1 fails, only bit 0 comes out.
  @Test func detectorFailureSticksTheStream() throws {
    let configuration = try BeamSplitterSourceConfiguration(
      detector0: detector(0.6), detector1: detector(0.6),
      detectorFailure: DetectorFailure(detector: 1, afterGates: 10_000))
    var source = BeamSplitterSource(configuration: configuration, seed: 5)
    let bits = try source.nextBits(20_000)
    let afterFailure = bits.slice(7_000..<20_000)
    #expect(afterFailure.popcount == 0)
    #expect(bits.slice(0..<5_000).popcount > 2_000)
  }

  @Test func sameSeedSameBitsForAnyThreadCount() throws {
    let configuration = try BeamSplitterSourceConfiguration.typical()
    let one = try BeamSplitterSource.generate(
      count: 100_000, configuration: configuration, seed: 9, chunks: 8, threads: 1)
    let two = try BeamSplitterSource.generate(
      count: 100_000, configuration: configuration, seed: 9, chunks: 8, threads: 2)
    #expect(one.bits == two.bits)
    #expect(one.statistics == two.statistics)
    #expect(one.bits.count == 100_000)
    var a = BeamSplitterSource(configuration: configuration, seed: 10)
    var b = BeamSplitterSource(configuration: configuration, seed: 10)
    #expect(try a.nextBits(5000) == b.nextBits(5000))
  }

  @Test func invalidConfigurationThrows() {
    #expect(throws: QRNGError.self) {
      try BeamSplitterSourceConfiguration(
        polarizationAngle: 3, detector0: .ideal, detector1: .ideal)
    }
    #expect(throws: QRNGError.self) {
      try BeamSplitterSourceConfiguration(
        source: .weakCoherent(meanPhotonNumber: -1), detector0: .ideal, detector1: .ideal)
    }
    #expect(throws: QRNGError.self) { try SourceDrift(amplitude: 0.1, periodGates: 10) }
    #expect(throws: QRNGError.self) { try DetectorFailure(detector: 2, afterGates: 0) }
  }
}
