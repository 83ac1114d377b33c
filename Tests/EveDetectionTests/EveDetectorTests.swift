import Foundation
import QuantumEngine
import Testing

@testable import EveDetection

@Suite struct EveDetectorTests {
  @Test func savedAndLoadedModelsGiveIdenticalScores() throws {
    let detector = try Fixtures.detector.get()
    let data = try Fixtures.training.get().subset(Array(0..<500))
    let loaded = try EveDetector(jsonData: detector.jsonData())
    #expect(loaded == detector)
    #expect(try loaded.scores(data.features) == detector.scores(data.features))
    #expect(try loaded.assess(data.features) == detector.assess(data.features))
  }

  @Test func loadingAnotherVersionOrOtherFeaturesThrows() throws {
    let detector = try Fixtures.detector.get()
    let json = try #require(String(data: detector.jsonData(), encoding: .utf8))
    let future = json.replacingOccurrences(of: "\"formatVersion\":1", with: "\"formatVersion\":2")
    #expect(throws: EveDetectionError.unsupportedFormatVersion(found: 2, supported: 1)) {
      try EveDetector(jsonData: Data(future.utf8))
    }
    #expect(throws: EveDetectionError.self) {
      try EveDetector(jsonData: Data(json.utf8), expectedFeatures: ["qber"])
    }
    #expect(throws: EveDetectionError.self) { try EveDetector(jsonData: Data("{}".utf8)) }
  }

  @Test func noisyButCalibratedCleanLinksAreNotFlagged() throws {
    let detector = try Fixtures.detector.get()
    // High noise: 3% misalignment, 1e-6 dark counts, 140 km of lossy fibre (QBER ≈ 4–5%).
    let nominal = try LinkParameters(
      lengthKm: 140, attenuationDBPerKm: 0.22, detectorEfficiency: 0.2,
      darkCountProbability: 1e-6, misalignment: 0.03)
    let calibration = LinkCalibration(nominal: nominal)
    let expected = try SessionOutcomeModel(link: nominal)
    #expect(expected.cells[0][0].qber > 0.035)
    let tolerance = CalibrationTolerance.standard
    var g = Xoshiro256StarStar(seed: 31)
    var flagged = 0
    let sessions = 200
    for _ in 0..<sessions {
      // The true link sits anywhere within the calibration tolerance.
      let truth = tolerance.perturb(nominal, using: &g)
      let counts = try SessionOutcomeModel(link: truth).sampleSession(
        pulses: expected.pulses(forSiftedSignalBits: 100_000), using: &g)
      if try detector.assess(LinkFeatures(counts: counts, calibration: calibration)).flagged {
        flagged += 1
      }
    }
    // Target 0.5% false positives: 1 in 200 expected; 5 would be a 3.5σ excess (Poisson).
    #expect(flagged <= 5, "\(flagged) of \(sessions) clean sessions flagged")
  }

  @Test func photonNumberSplittingIsCaughtThroughDecoyStatistics() throws {
    let detector = try Fixtures.detector.get()
    let link = try LinkParameters(
      lengthKm: 80, attenuationDBPerKm: 0.2, detectorEfficiency: 0.3,
      darkCountProbability: 1e-7, misalignment: 0.015)
    let calibration = LinkCalibration(nominal: link)
    let clean = try SessionOutcomeModel(link: link)
    let pns = try SessionOutcomeModel(
      link: link, attack: .photonNumberSplitting(singlePhotonBlockFraction: 1))
    let pulses = clean.pulses(forSiftedSignalBits: 100_000)
    // The attack leaves signal QBER and gain where the calibration puts them ...
    let sigmaQBER = (clean.cells[0][0].qber / 100_000).squareRoot()
    #expect(abs(pns.cells[0][0].qber - clean.cells[0][0].qber) < 0.1 * sigmaQBER)
    #expect(abs(pns.cells[0][0].gain / clean.cells[0][0].gain - 1) < 1e-9)
    var g = Xoshiro256StarStar(seed: 41)
    var caught = 0
    var named = 0
    for _ in 0..<50 {
      let features = try LinkFeatures(
        counts: pns.sampleSession(pulses: pulses, using: &g), calibration: calibration)
      // ... so the sessions' QBER excess is noise, while the decoy/signal ratio falls.
      #expect(abs(features.qberZExcessSigma) < 5 && abs(features.qberXExcessSigma) < 5)
      #expect(features.decoySignalRatioDeviationSigma < -10)
      let verdict = try detector.assess(features)
      if verdict.flagged { caught += 1 }
      if verdict.attack == .photonNumberSplitting { named += 1 }
    }
    #expect(caught == 50)
    #expect(named >= 45)
  }

  @Test func interceptResendAndBeamSplittingAreCaughtAndNamed() throws {
    let detector = try Fixtures.detector.get()
    let link = try LinkParameters(
      lengthKm: 60, attenuationDBPerKm: 0.2, detectorEfficiency: 0.25,
      darkCountProbability: 1e-7, misalignment: 0.02)
    let calibration = LinkCalibration(nominal: link)
    let pulses = try SessionOutcomeModel(link: link).pulses(forSiftedSignalBits: 100_000)
    var g = Xoshiro256StarStar(seed: 43)
    for (attack, family) in [
      (Attack.interceptResend(fraction: 0.3, basis: .random), AttackFamily.interceptResend),
      (.beamSplitting(tapFraction: 0.6), .beamSplitting),
    ] {
      let model = try SessionOutcomeModel(link: link, attack: attack)
      for _ in 0..<20 {
        let verdict = try detector.assess(
          LinkFeatures(
            counts: model.sampleSession(pulses: pulses, using: &g), calibration: calibration))
        #expect(verdict.flagged && verdict.attack == family, "\(attack): \(verdict)")
      }
    }
  }

  @Test func perceptronScoreModelTrainsAndRoundTrips() throws {
    let data = try Fixtures.training.get().subset(Array(0..<2000))
    let config = DetectorTrainingConfiguration(
      model: .perceptron, perceptron: .init(hiddenLayers: [8], epochs: 3, batchSize: 128))
    let detector = try EveDetector.train(on: data, configuration: config, seed: 3)
    let loaded = try EveDetector(jsonData: detector.jsonData())
    #expect(try loaded.scores(data.features) == detector.scores(data.features))
    let report = try detector.evaluate(on: data)
    #expect(report.auc > 0.95)
  }
}
