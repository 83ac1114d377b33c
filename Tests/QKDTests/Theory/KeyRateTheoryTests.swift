import Foundation
import Testing

@testable import QKD

@Suite struct KeyRateTheoryTests {
  @Test func shorPreskillVanishesNearElevenPercent() throws {
    // Bisect 1 − 2h(Q) = 0.
    var lo = 0.05
    var hi = 0.2
    for _ in 0..<60 {
      let mid = (lo + hi) / 2
      if 1 - 2 * binaryEntropy(mid) > 0 { lo = mid } else { hi = mid }
    }
    #expect(abs(lo - 0.110028) < 1e-5)
    #expect(try KeyRateTheory.shorPreskillRate(qber: 0.109) > 0)
    #expect(try KeyRateTheory.shorPreskillRate(qber: 0.111) == 0)
    #expect(abs(try KeyRateTheory.shorPreskillRate(qber: 0) - 1) < 1e-15)
    #expect(
      abs(
        try KeyRateTheory.shorPreskillRate(qber: 0.05, siftingFactor: 0.5)
          - 0.5 * (1 - 2 * binaryEntropy(0.05))) < 1e-15)
  }

  @Test func standardModelClosedForms() throws {
    let link = KeyRateParameters.gobbyYuanShields(distanceKm: 50)
    let model = try StandardChannelModel(link: link)
    let eta = pow(10, -0.21 * 50 / 10) * 0.045
    #expect(abs(model.transmittance - eta) < 1e-18)
    #expect(abs(model.gain(intensity: 0.5) - (1.7e-6 + 1 - exp(-eta * 0.5))) < 1e-15)
    #expect(abs(model.singlePhotonYield - (1.7e-6 + eta)) < 1e-18)
    #expect(
      abs(model.singlePhotonErrorRate - (0.5 * 1.7e-6 + 0.033 * eta) / (1.7e-6 + eta)) < 1e-15)
    let q = model.gain(intensity: 0.5)
    #expect(
      abs(model.errorRate(intensity: 0.5) * q - (0.5 * 1.7e-6 + 0.033 * (1 - exp(-eta * 0.5))))
        < 1e-15)
  }

  @Test func decoyRateStaysBelowPLOBAndReachesPublishedCutoff() throws {
    let rows = try KeyRateTheory.rows(
      protocol: .decoy, link: .gobbyYuanShields(distanceKm: 0), from: 0, to: 160, step: 2)
    for row in rows {
      #expect(row.keyRatePerPulse < row.plobBound, "at \(row.distanceKm) km")
      #expect(row.keyRatePerPulse >= 0)
    }
    let at100 = try #require(rows.first { $0.distanceKm == 100 })
    #expect(at100.keyRatePerPulse > 0)
    // Lo, Ma & Chen 2005 (Fig. 1, GYS): optimal μ ≈ 0.5 and a cutoff near 142 km.
    #expect(at100.mu > 0.4 && at100.mu < 0.65)
    let cutoff = try #require(rows.last { $0.keyRatePerPulse > 0 }).distanceKm
    #expect(cutoff >= 134 && cutoff <= 150, "cutoff \(cutoff) km")
    // The rate falls monotonically with distance.
    for (a, b) in zip(rows, rows.dropFirst()) where b.keyRatePerPulse > 0 {
      #expect(b.keyRatePerPulse < a.keyRatePerPulse)
    }
  }

  @Test func gllpIsBelowDecoyAndDiesEarlier() throws {
    let link = KeyRateParameters.gobbyYuanShields(distanceKm: 0)
    let decoy = try KeyRateTheory.rows(protocol: .decoy, link: link, from: 0, to: 150, step: 5)
    let gllp = try KeyRateTheory.rows(protocol: .gllp, link: link, from: 0, to: 150, step: 5)
    for (d, g) in zip(decoy, gllp) { #expect(g.keyRatePerPulse <= d.keyRatePerPulse) }
    let gllpCutoff = gllp.last { $0.keyRatePerPulse > 0 }?.distanceKm ?? 0
    #expect(gllpCutoff > 10 && gllpCutoff < 60, "GLLP cutoff \(gllpCutoff) km")
    // GLLP's optimal μ scales like η (≪ 1), unlike the decoy protocol's.
    #expect(try KeyRateTheory.optimalRate(protocol: .gllp, link: link).mu < 0.1)
  }

  @Test func singlePhotonRateBelowPLOB() throws {
    let rows = try KeyRateTheory.rows(
      protocol: .bb84, link: .gobbyYuanShields(distanceKm: 0), from: 0, to: 200, step: 10)
    for row in rows { #expect(row.keyRatePerPulse < row.plobBound) }
    #expect(rows[0].keyRatePerPulse > 0)
  }

  @Test func plobBound() throws {
    #expect(abs(try KeyRateTheory.plobBound(transmittance: 0.5) - 1) < 1e-15)
    #expect(try KeyRateTheory.plobBound(transmittance: 0) == 0)
    #expect(throws: KeyRateError.self) { try KeyRateTheory.plobBound(transmittance: 1) }
    #expect(throws: KeyRateError.self) { try KeyRateTheory.plobBound(transmittance: .nan) }
  }

  @Test func rowsEncodeWithSnakeCaseKeys() throws {
    let rows = try KeyRateTheory.rows(
      protocol: .decoy, link: .gobbyYuanShields(distanceKm: 0), from: 10, to: 20, step: 10,
      mu: 0.5)
    #expect(rows.count == 2)
    #expect(rows.allSatisfy { $0.mu == 0.5 })
    let json = String(decoding: try JSONEncoder().encode(rows[0]), as: UTF8.self)
    for key in ["distance_km", "mu", "key_rate_per_pulse", "plob_bound"] {
      #expect(json.contains("\"\(key)\""))
    }
  }

  @Test func invalidParametersAreRejected() throws {
    var link = KeyRateParameters.gobbyYuanShields(distanceKm: -1)
    #expect(throws: KeyRateError.self) { try link.validated() }
    link.distanceKm = 10
    link.misalignment = 1.5
    #expect(throws: KeyRateError.self) { try link.validated() }
    link.misalignment = .nan
    #expect(throws: KeyRateError.self) { try StandardChannelModel(link: link) }
    link.misalignment = 0.01
    link.detectorEfficiency = 0
    #expect(throws: KeyRateError.self) { try KeyRateTheory.decoyRate(link: link, intensity: 0.5) }
    #expect(throws: KeyRateError.self) {
      try KeyRateTheory.rows(
        protocol: .decoy, link: .gobbyYuanShields(distanceKm: 0), from: 10, to: 5, step: 1)
    }
    #expect(throws: KeyRateError.self) {
      try KeyRateTheory.rows(
        protocol: .decoy, link: .gobbyYuanShields(distanceKm: 0), from: 0, to: 5, step: 0)
    }
    #expect(throws: KeyRateError.self) { try KeyRateTheory.shorPreskillRate(qber: 0.7) }
    #expect(throws: KeyRateError.self) {
      try KeyRateParameters.backgroundYield(darkCountProbability: 2)
    }
    #expect(abs(try KeyRateParameters.backgroundYield(darkCountProbability: 1e-6) - 2e-6) < 1e-11)
  }

  @Test func decodingValidates() throws {
    let good = Data(#"{"distance_km": 25, "misalignment": 0.02}"#.utf8)
    let link = try JSONDecoder().decode(KeyRateParameters.self, from: good)
    #expect(link.distanceKm == 25 && link.misalignment == 0.02 && link.attenuationDbPerKm == 0.2)
    let bad = Data(#"{"distance_km": -3}"#.utf8)
    #expect(throws: KeyRateError.self) {
      try JSONDecoder().decode(KeyRateParameters.self, from: bad)
    }
    let badProbability = Data(#"{"distance_km": 3, "detector_efficiency": 1.2}"#.utf8)
    #expect(throws: KeyRateError.self) {
      try JSONDecoder().decode(KeyRateParameters.self, from: badProbability)
    }
  }
}
