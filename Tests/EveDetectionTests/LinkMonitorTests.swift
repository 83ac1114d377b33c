import QuantumEngine
import Testing

@testable import EveDetection

@Suite struct LinkMonitorTests {
  @Test func alarmRisesWhenEveArrivesAndNamesHer() throws {
    let detector = try Fixtures.detector.get()
    let link = try LinkParameters(
      lengthKm: 70, attenuationDBPerKm: 0.21, detectorEfficiency: 0.3,
      darkCountProbability: 1e-7, misalignment: 0.015)
    var monitor = try LinkMonitor(
      detector: detector, calibration: LinkCalibration(nominal: link), window: 3, requiredFlags: 2)
    // The link drifts slowly within its calibration tolerance; Eve arrives at session 8.
    var stream = try DriftingLinkStream(calibration: LinkCalibration(nominal: link), seed: 17)
    var updates = [MonitorUpdate]()
    for i in 0..<12 {
      let attack: Attack = i < 8 ? .none : .beamSplitting(tapFraction: 0.5)
      updates.append(try monitor.observe(stream.next(attack: attack)))
      #expect(abs(stream.currentLink.detectorEfficiency / 0.3 - 1) <= 0.03 + 1e-12)
    }
    #expect(updates.prefix(8).allSatisfy { !$0.alarm })
    #expect(!updates[8].alarm)  // one flag is not enough with requiredFlags = 2
    for u in updates.suffix(3) {
      #expect(u.alarm && u.attack == .beamSplitting && u.probability > 0.5)
    }
    #expect(updates.last?.session == 11)
    #expect(throws: EveDetectionError.self) {
      try LinkMonitor(
        detector: detector, calibration: LinkCalibration(nominal: link), window: 2, requiredFlags: 3
      )
    }
  }
}
