import Foundation
import Photonics
import Testing

@testable import QKD

@Suite struct E91QuantumPhaseTests {
  @Test("exact and compiled paths agree on coincidence rates and correlations per setting pair")
  func exactAndCompiledAgree() throws {
    var o = e91Options(
      seed: 61, pairs: 9000, visibility: 0.9, misalignment: 0.02, darkCount: 0.01,
      efficiency: 0.7, distanceKm: 10)
    o.multiPairProbability = 0.05
    o.pairProbability = 0.9
    o.quantumPath = .exact
    let exact = try E91QuantumPhase(configuration: try e91Configuration(o)).run()
    o.quantumPath = .compiled
    o.pairs = 200_000
    let compiled = try E91QuantumPhase(configuration: try e91Configuration(o)).run(threads: 2)
    let tables = try CompiledPairLink(configuration: try e91Configuration(o).link)
    for a in 0..<3 {
      for b in 0..<3 {
        var both = 0.0
        for m in 0..<16 where m & 3 != 0 && m >> 2 != 0 {
          both += tables.probability(ofMask: m, aliceSetting: a, bobSetting: b)
        }
        let e = tables.correlation(aliceSetting: a, bobSetting: b)
        for stats in [exact.statistics, compiled.statistics] {
          let n = Int(stats.gateCount(aliceSetting: a, bobSetting: b))
          let k = stats.coincidences(aliceSetting: a, bobSetting: b).total
          #expect(e91WithinBinomial(Double(k) / Double(n), both, n: n))
          let c = stats.correlation(aliceSetting: a, bobSetting: b)
          #expect(abs(c.value - e) <= 5 * c.sigma + 1e-9)
        }
      }
    }
  }

  @Test("each party's records hold exactly its detections, in gate order")
  func recordsMatchStatistics() throws {
    let o = e91Options(seed: 62, pairs: 30_000, efficiency: 0.5, distanceKm: 5)
    let phase = try E91QuantumPhase(configuration: try e91Configuration(o)).run(threads: 2)
    var aliceClicks: UInt64 = 0
    var bobClicks: UInt64 = 0
    for a in 0..<3 {
      for b in 0..<3 {
        for ra in 0..<5 {
          for rb in 0..<5 {
            let n = phase.statistics.count(
              aliceSetting: a, bobSetting: b, aliceResult: ra, bobResult: rb)
            if ra != 0 { aliceClicks += n }
            if rb != 0 { bobClicks += n }
          }
        }
      }
    }
    #expect(UInt64(phase.alice.count) == aliceClicks)
    #expect(UInt64(phase.bob.count) == bobClicks)
    #expect(zip(phase.alice.gateIndex, phase.alice.gateIndex.dropFirst()).allSatisfy { $0 < $1 })
    #expect(phase.alice.setting.allSatisfy { $0 < 3 } && phase.bob.bit.allSatisfy { $0 < 2 })
  }
}
