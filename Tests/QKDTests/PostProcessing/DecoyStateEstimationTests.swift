import Foundation
import Testing

@testable import QKD

@Suite struct DecoyStateEstimationTests {
  /// The exact measurement the standard model predicts at `distance` km with intensities μ, ν.
  func modelMeasurement(distance: Double, mu: Double, nu: Double) throws -> (
    DecoyMeasurement, StandardChannelModel
  ) {
    let model = try StandardChannelModel(link: .gobbyYuanShields(distanceKm: distance))
    let m = DecoyMeasurement(
      signalIntensity: mu, decoyIntensity: nu, signalGain: model.gain(intensity: mu),
      signalErrorRate: model.errorRate(intensity: mu), decoyGain: model.gain(intensity: nu),
      decoyErrorRate: model.errorRate(intensity: nu), vacuumYield: model.yield(photons: 0))
    return (m, model)
  }

  @Test(arguments: [10.0, 50.0, 100.0])
  func boundsBracketTheTruth(distance: Double) throws {
    for nu in [0.2, 0.1, 0.05] {
      let (m, model) = try modelMeasurement(distance: distance, mu: 0.5, nu: nu)
      let estimate = try DecoyStateEstimation.estimate(m)
      // Y1 of the model is Y0 + 1 − (1 − η), which is Y0 + η.
      let trueY1 = model.yield(photons: 1)
      #expect(estimate.singlePhotonYieldLowerBound <= trueY1)
      #expect(estimate.singlePhotonYieldLowerBound > 0.8 * trueY1)
      #expect(estimate.singlePhotonErrorUpperBound >= model.singlePhotonErrorRate)
      #expect(estimate.singlePhotonGainLowerBound <= model.singlePhotonGain(intensity: 0.5))
    }
  }

  @Test func boundsConvergeAsDecoyIntensityVanishes() throws {
    var previousGap = Double.infinity
    var previousErrorGap = Double.infinity
    for nu in [0.2, 0.1, 0.05, 0.02, 0.01, 0.001] {
      let (m, model) = try modelMeasurement(distance: 50, mu: 0.5, nu: nu)
      let estimate = try DecoyStateEstimation.estimate(m)
      let gap = model.singlePhotonYield - estimate.singlePhotonYieldLowerBound
      let errorGap = estimate.singlePhotonErrorUpperBound - model.singlePhotonErrorRate
      #expect(gap >= 0 && gap < previousGap)
      #expect(errorGap >= 0 && errorGap < previousErrorGap)
      previousGap = gap
      previousErrorGap = errorGap
    }
    // At ν = 0.001 both bounds are within 0.2 % (relative) of the truth.
    #expect(
      previousGap / (try modelMeasurement(distance: 50, mu: 0.5, nu: 0.001)).1.singlePhotonYield
        < 2e-3)
    #expect(previousErrorGap < 2e-3 * 0.033)
  }

  @Test func fluctuationsLoosenTheBounds() throws {
    var (m, _) = try modelMeasurement(distance: 50, mu: 0.5, nu: 0.1)
    m.signalPulses = 1_000_000_000
    m.decoyPulses = 1_000_000_000
    m.vacuumPulses = 1_000_000_000
    let asymptotic = try DecoyStateEstimation.estimate(m)
    let finite = try DecoyStateEstimation.estimate(m, standardDeviations: 5)
    #expect(finite.singlePhotonYieldLowerBound < asymptotic.singlePhotonYieldLowerBound)
    #expect(finite.singlePhotonErrorUpperBound > asymptotic.singlePhotonErrorUpperBound)
    #expect(finite.singlePhotonYieldLowerBound > 0.5 * asymptotic.singlePhotonYieldLowerBound)
  }

  @Test func rejectsBadInput() throws {
    var (m, _) = try modelMeasurement(distance: 50, mu: 0.5, nu: 0.1)
    m.decoyIntensity = 0.6
    #expect(throws: PostProcessingError.self) { try DecoyStateEstimation.estimate(m) }
    m.decoyIntensity = 0.1
    m.signalGain = .nan
    #expect(throws: PostProcessingError.self) { try DecoyStateEstimation.estimate(m) }
    m.signalGain = 0.01
    m.decoyErrorRate = 1.5
    #expect(throws: PostProcessingError.self) { try DecoyStateEstimation.estimate(m) }
    m.decoyErrorRate = 0.03
    // Finite-size bounds need pulse counts.
    #expect(throws: PostProcessingError.self) {
      try DecoyStateEstimation.estimate(m, standardDeviations: 3)
    }
  }
}
