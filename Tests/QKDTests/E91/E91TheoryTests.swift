import Foundation
import Photonics
import Testing

@testable import QKD

@Suite struct E91TheoryTests {
  func theory(_ options: E91LinkOptions) throws -> E91Theory {
    try E91Theory(configuration: try options.makeConfiguration())
  }

  @Test("Ekert angles on |Φ⁺⟩: S = 2√2·V and QBER = (1 − V)/2", arguments: [1.0, 0.9, 0.6])
  func wernerState(visibility v: Double) throws {
    let t = try theory(e91Options(visibility: v))
    #expect(abs(t.chsh - e91Tsirelson * v) < 1e-9)
    #expect(abs(t.qber - (1 - v) / 2) < 1e-9)
    #expect(abs(t.siftedBitsPerGate - 2.0 / 9) < 1e-9)
  }

  @Test("fibre depolarization shrinks every correlation by (1 − p_A)(1 − p_B)")
  func depolarization() throws {
    var o = e91Options(distanceKm: 20)
    o.depolarizationPerKm = 0.01
    let shrink = Foundation.pow(0.99, 20.0)
    let t = try theory(o)
    #expect(abs(t.chsh - e91Tsirelson * shrink) < 1e-9)
    #expect(abs(t.qber - (1 - shrink) / 2) < 1e-9)
  }

  @Test("the singlet gives the same |S| and QBER, with Bob flipping his key bits")
  func singlet() throws {
    var c = try e91Options(visibility: 0.9).makeConfiguration()
    c.link.source = try EntangledPairSource(bellState: .psiMinus, visibility: 0.9)
    #expect(c.bobFlipsKeyBits)
    let t = try E91Theory(configuration: c)
    #expect(abs(t.chsh - e91Tsirelson * 0.9) < 1e-9)
    #expect(abs(t.qber - 0.05) < 1e-9)
    let result = try E91Session(configuration: c).run()
    #expect(
      result.report.qber.map { e91WithinBinomial($0, 0.05, n: result.report.siftedBits) } == true)
  }

  @Test("states whose correlations are not rotation invariant are refused")
  func refusesPhiMinus() throws {
    var c = try E91LinkOptions().makeConfiguration()
    c.link.source = try EntangledPairSource(bellState: .phiMinus)
    #expect(throws: E91ConfigurationError.self) { try c.validate() }
  }

  @Test("multi-pair emission raises the QBER and lowers S")
  func multiPair() throws {
    var o = e91Options(efficiency: 0.5)
    let single = try theory(o)
    o.pairProbability = 0.8
    o.multiPairProbability = 0.2
    let multi = try theory(o)
    #expect(multi.qber > single.qber + 0.01)
    #expect(multi.chsh < single.chsh - 0.05)
  }
}
