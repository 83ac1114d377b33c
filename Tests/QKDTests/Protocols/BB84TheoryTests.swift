import Foundation
import Testing

@testable import QKD

@Suite("BB84Theory")
struct BB84TheoryTests {
  @Test("the theory link carries η_Bob, Y0 = 1 − (1 − P)², e_d, f and q of the configuration")
  func theoryParameters() throws {
    let o = BB84LinkOptions()
    let c = try o.makeConfiguration()
    let p = try #require(BB84Theory.keyRateParameters(for: c))
    #expect(p == (try o.keyRateParameters()))
    let rate = try #require(BB84Theory.rate(for: c))
    let perSignal = try KeyRateTheory.decoyRate(link: p, intensity: o.mu)
    #expect(abs(rate - perSignal * o.signalProbability) < 1e-15)
  }

  @Test("the vacuum + weak decoy rate from expected values stays below the infinite-decoy rate")
  func vacuumWeakBelowInfiniteDecoy() throws {
    let o = BB84LinkOptions()
    for d in [0.0, 25, 50, 100] {
      var x = o
      x.distanceKm = d
      let c = try x.makeConfiguration()
      let m = try #require(BB84Theory.expectedDecoyMeasurement(for: c))
      let practical = try BB84Theory.vacuumWeakDecoyRate(
        m, siftingFactor: c.siftingFactor, signalProbability: x.signalProbability,
        ecEfficiency: x.ecEfficiency)
      let ideal = try #require(BB84Theory.rate(for: c))
      #expect(practical <= ideal * (1 + 1e-9), "\(d) km")
      #expect(practical > 0.8 * ideal, "\(d) km: the weak decoy ν = 0.1 is nearly optimal")
    }
  }

  /// Runs a session and compares its asymptotic rate estimate with the vacuum + weak decoy
  /// formula fed with the link's expected gains and error rates, within 5 standard errors of
  /// the run's finite counts.
  func checkRateMatchesTheory(_ options: BB84LinkOptions) throws {
    let config = try options.makeConfiguration()
    let result = try BB84Session(configuration: config).run()
    let r = result.report
    let estimate = try #require(r.asymptoticKeyRatePerPulse)
    let sigma = try #require(r.asymptoticKeyRateStandardError)
    let m = try #require(BB84Theory.expectedDecoyMeasurement(for: config))
    let expected = try BB84Theory.vacuumWeakDecoyRate(
      m, siftingFactor: config.siftingFactor, signalProbability: options.signalProbability,
      ecEfficiency: options.ecEfficiency)
    #expect(
      abs(estimate - expected) < 5 * sigma,
      "\(options.distanceKm) km: estimate \(estimate), theory \(expected), σ \(sigma)")
    // The tolerance must be meaningful: well below the rate itself.
    #expect(5 * sigma < expected, "\(options.distanceKm) km: run too short to test")
  }

  @Test("short run at 10 km: the measured decoy rate matches the asymptotic formula")
  func shortRateMatchesTheory() throws {
    var o = bb84ShortOptions(pulses: 1_000_000)
    o.signalProbability = 0.6
    o.decoyProbability = 0.3
    try checkRateMatchesTheory(o)
  }

  @Test(
    "long runs at 25, 50 and 100 km match the asymptotic formula (QKDLAB_LONG_TESTS=1)",
    .enabled(if: ProcessInfo.processInfo.environment["QKDLAB_LONG_TESTS"] == "1"),
    arguments: [(25.0, 200_000_000), (50.0, 1_000_000_000), (100.0, 20_000_000_000)])
  func longRateMatchesTheory(distanceKm: Double, pulses: Int) throws {
    var o = BB84LinkOptions()
    o.distanceKm = distanceKm
    o.pulses = pulses
    o.signalProbability = 0.6
    o.decoyProbability = 0.3
    o.finiteSizeBounds = false
    try checkRateMatchesTheory(o)
  }
}
