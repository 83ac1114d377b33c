import Foundation
import Photonics
import Testing

@testable import QKD

@Suite("BB84LinkOptions")
struct BB84LinkOptionsTests {
  @Test("the flags map onto the link: fibre, detectors, dark counts, decoys, basis bias")
  func mapsFlags() throws {
    var o = BB84LinkOptions()
    o.distanceKm = 40
    o.attenuationDbPerKm = 0.25
    o.detectorEfficiency = 0.1
    o.darkCount = 1e-5
    o.misalignment = 0.02
    o.mu = 0.6
    o.decoyMu = 0.15
    o.signalProbability = 0.7
    o.decoyProbability = 0.2
    o.zBasisProbability = 0.8
    o.eve = try EavesdropperOption(parsing: "beam-splitting:0.5")
    let c = try o.makeConfiguration()
    #expect(c.link.fibre.lengthKm == 40 && c.link.fibre.attenuationDbPerKm == 0.25)
    #expect(c.link.receiver.detector0.efficiency == 0.1)
    #expect(c.link.receiver.detector1.darkCountProbability == 1e-5)
    #expect(c.link.receiver.misalignment == 0.02)
    #expect(c.link.source.intensities.map(\.mean) == [0.6, 0.15, 0])
    #expect(abs(c.link.source.intensities[2].probability - 0.1) < 1e-12)
    #expect(c.link.aliceRectilinearProbability == 0.8 && c.link.bobRectilinearProbability == 0.8)
    #expect(abs(c.siftingFactor - 0.68) < 1e-12)
    #expect(c.link.eavesdropper == .beamSplitting(tapFraction: 0.5))
    #expect(c.sourceKind == .decoy)
    let theory = try o.keyRateParameters()
    #expect(abs(theory.backgroundYield - (1 - (1 - 1e-5) * (1 - 1e-5))) < 1e-15)
    #expect(abs(theory.siftingFactor - 0.68) < 1e-12)
  }

  @Test("out-of-range flags are refused with the flag's name")
  func refuses() {
    var cases: [(BB84LinkOptions, String)] = []
    var o = BB84LinkOptions()
    o.distanceKm = -1
    cases.append((o, "--distance-km"))
    o = BB84LinkOptions()
    o.detectorEfficiency = 1.5
    cases.append((o, "--detector-efficiency"))
    o = BB84LinkOptions()
    o.darkCount = .nan
    cases.append((o, "--dark-count"))
    o = BB84LinkOptions()
    o.decoyMu = 0.6
    cases.append((o, "--decoy-mu"))
    o = BB84LinkOptions()
    o.signalProbability = 0.95
    cases.append((o, "--signal-probability"))
    o = BB84LinkOptions()
    o.pulses = 0
    cases.append((o, "--pulses"))
    o = BB84LinkOptions()
    o.ecEfficiency = 0.9
    cases.append((o, "--ec-efficiency"))
    o = BB84LinkOptions()
    o.sampleFraction = 1
    cases.append((o, "sample fraction"))
    for (options, flag) in cases {
      do {
        _ = try options.makeConfiguration()
        Issue.record("\(flag) was accepted")
      } catch {
        #expect(error.description.contains(flag), "\(error.description)")
      }
    }
  }

  @Test("JSON with any subset of snake_case keys decodes over the defaults")
  func partialJSON() throws {
    let json = #"{"distance_km": 50, "eve": "intercept-resend:0.2", "source": "weak-coherent"}"#
    let o = try JSONDecoder().decode(BB84LinkOptions.self, from: Data(json.utf8))
    #expect(o.distanceKm == 50)
    #expect(o.eve.eavesdropper == .interceptResend(fraction: 0.2, strategy: .random))
    #expect(o.source == .weakCoherent)
    #expect(o.mu == BB84LinkOptions().mu)
    let back = try JSONDecoder().decode(
      BB84LinkOptions.self, from: try JSONEncoder().encode(o))
    #expect(back == o)
    #expect(try o.makeConfiguration().sourceKind == .weakCoherent)
  }
}
