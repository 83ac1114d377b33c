import Foundation
import Testing

@testable import QRNG

struct SpecialFunctionsTests {
  /// Q(1, x) = e^{−x}, Q(2, x) = e^{−x}(1 + x) and Q(½, x) = erfc(√x) in closed form, on both
  /// sides of the series / continued-fraction switch at x = a + 1.
  @Test(arguments: [0.01, 0.4, 0.8, 1.9, 2.1, 5.0, 30.0])
  func igamcMatchesClosedForms(x: Double) {
    #expect(abs(SpecialFunctions.igamc(1, x) - exp(-x)) < 1e-14)
    #expect(abs(SpecialFunctions.igamc(2, x) - exp(-x) * (1 + x)) < 1e-14)
    #expect(abs(SpecialFunctions.igamc(0.5, x) - erfc(x.squareRoot())) < 1e-13)
    #expect(abs(SpecialFunctions.igam(3, x) + SpecialFunctions.igamc(3, x) - 1) < 1e-14)
  }

  /// A large-a value against the chi-square tail: P(χ²_{1000} > 1000) = igamc(500, 500) ≈ 0.4941.
  @Test func igamcLargeArgument() {
    #expect(abs(SpecialFunctions.igamc(500, 500) - 0.494052) < 1e-5)
  }
}
