import Foundation
import Testing

@testable import QKD

@Suite struct E91KeyLengthTests {
  @Test("at Tsirelson's bound Eve knows nothing; at the local bound she may know everything")
  func eveInformationEndpoints() {
    #expect(abs(E91KeyLength.eveInformation(chsh: e91Tsirelson)) < 1e-12)
    #expect(E91KeyLength.eveInformation(chsh: 2) == 1)
    #expect(E91KeyLength.eveInformation(chsh: 1.2) == 1)
    #expect(E91KeyLength.eveInformation(chsh: .nan) == 1)
    // Above 2√2 (a statistical fluctuation) it stays at 0.
    #expect(abs(E91KeyLength.eveInformation(chsh: 2.9)) < 1e-12)
  }

  @Test("the DI rate decreases as S falls and matches the formula at S = 2.5")
  func deviceIndependentRate() {
    let q = 0.03
    let s = 2.5
    let root = ((s / 2) * (s / 2) - 1).squareRoot()
    let expected = 1 - binaryEntropy(q) - binaryEntropy((1 + root) / 2)
    #expect(abs(E91KeyLength.deviceIndependentRate(chsh: s, qber: q) - expected) < 1e-12)
    var last = 2.0
    for s in stride(from: 2.8, through: 2.0, by: -0.1) {
      let r = E91KeyLength.deviceIndependentRate(chsh: s, qber: q)
      #expect(r < last)
      last = r
    }
    // Werner state: S = 2√2·V and Q = (1 − V)/2; the DI rate vanishes at Q ≈ 7.1 %, V ≈ 0.858
    // (Acín et al. 2007).
    func werner(_ v: Double) -> Double {
      E91KeyLength.deviceIndependentRate(chsh: e91Tsirelson * v, qber: (1 - v) / 2)
    }
    #expect(werner(0.87) > 0)
    #expect(werner(0.85) < 0)
    #expect(abs(werner(1) - 1) < 1e-12)
  }

  @Test("the BBM92 rate 1 − 2h(Q) vanishes at Q ≈ 11 %")
  func bbm92Rate() {
    #expect(E91KeyLength.bbm92Rate(qber: 0) == 1)
    #expect(E91KeyLength.bbm92Rate(qber: 0.10) > 0)
    #expect(E91KeyLength.bbm92Rate(qber: 0.12) < 0)
  }

  @Test("finite lengths subtract leakage and the ε terms; bad counts throw")
  func finiteLengths() throws {
    let security = SecurityParameters()
    let overhead = log2(2 / security.epsilonCor) + 2 * log2(1 / (2 * security.epsilonPA))
    let di = try E91KeyLength.deviceIndependentLength(
      keyBits: 10_000, chshLowerBound: e91Tsirelson, leakedBits: 1000, security: security)
    #expect(abs(di - (10_000 - 1000 - overhead)) < 1e-9)
    let bbm = try E91KeyLength.bbm92Length(
      keyBits: 10_000, qberUpperBound: 0.05, leakedBits: 1000, security: security)
    #expect(abs(bbm - (10_000 * (1 - binaryEntropy(0.05)) - 1000 - overhead)) < 1e-9)
    #expect(throws: PostProcessingError.self) {
      try E91KeyLength.deviceIndependentLength(
        keyBits: -1, chshLowerBound: 2.5, leakedBits: 0, security: security)
    }
  }
}
