import Foundation
import Testing

@testable import QKD

@Suite struct E91BellTestTests {
  @Test("S and σ follow from the agreement counts with the CHSH signs")
  func estimateFromCounts() {
    // E = 0.7, −0.7, 0.7, 0.7 from 1000 coincidences each: S = 2.8.
    let e = CHSHEstimate(coincidences: [1000, 1000, 1000, 1000], agreements: [850, 150, 850, 850])
    #expect(abs(e.correlations[1] + 0.7) < 1e-12)
    #expect(abs(e.s - 2.8) < 1e-12)
    let sigmaE = ((1 - 0.49) / 1000).squareRoot()
    #expect(abs(e.sigma - 2 * sigmaE) < 1e-12)
    #expect(abs(e.violationStandardDeviations - 0.8 / e.sigma) < 1e-9)
  }

  @Test("an anticorrelated source gives S = −2√2·V, reported as |S|")
  func absoluteValue() {
    let e = CHSHEstimate(coincidences: [1000, 1000, 1000, 1000], agreements: [150, 850, 150, 150])
    #expect(abs(e.s - 2.8) < 1e-12)
  }

  @Test("the check passes above 2 + kσ and aborts with a typed reason otherwise")
  func abortCriterion() throws {
    let strong = CHSHEstimate(
      coincidences: [1000, 1000, 1000, 1000], agreements: [850, 150, 850, 850])
    try E91BellTest.check(strong, standardDeviations: 3)
    let weak = CHSHEstimate(
      coincidences: [1000, 1000, 1000, 1000], agreements: [760, 240, 760, 760])
    #expect(weak.s > 2)
    do {
      try E91BellTest.check(weak, standardDeviations: 3)
      Issue.record("S = \(weak.s) ± \(weak.sigma) passed 3σ")
    } catch {
      #expect(error.code == "bell_violation_too_weak")
      #expect(error.description.contains("3"))
    }
  }
}
