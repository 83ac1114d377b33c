import ClassicalCrypto
import Foundation
import Testing

@testable import QRNG

struct TestBatteryTests {
  /// 10^6 bits of xoshiro256** pass every test at α = 0.01. (Thirteen p-values: a truly random
  /// stream fails one with probability ≈ 12 %, so the seed is fixed.)
  @Test func goodGeneratorPassesAllTests() throws {
    let results = try TestBattery().run(goodBits(1_000_000, seed: 2026))
    #expect(results.map(\.name) == TestBattery.testNames)
    for result in results {
      #expect(result.passed, "\(result.name): p = \(result.pValues)")
    }
  }

  /// A 1 % bias (p = 0.51) fails the frequency test on 10^6 bits (10 σ).
  @Test func biasedStreamFailsFrequency() throws {
    let results = try TestBattery().run(bernoulliBits(1_000_000, p: 0.51, seed: 5))
    let frequency = try #require(results.first { $0.name == "frequency" })
    #expect(!frequency.passed)
  }

  @Test func resultsDoNotDependOnThreadCount() throws {
    let bits = goodBits(100_000, seed: 3)
    #expect(try TestBattery(threads: 1).run(bits) == TestBattery(threads: 2).run(bits))
  }

  @Test func resultsEncodeTheDocumentedKeys() throws {
    let result = try RandomnessTests.cumulativeSums(sp80022Example100)
    let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result))
    let object = try #require(json as? [String: Any])
    #expect(object["name"] as? String == "cumulative_sums")
    #expect(abs((object["p_value"] as? Double ?? -1) - result.pValue) < 1e-15)
    #expect(object["passed"] as? Bool == true)
    let decoded = try JSONDecoder().decode(
      StatisticalTestResult.self, from: JSONEncoder().encode(result))
    #expect(decoded == result)
  }

  @Test func shortSequenceThrows() {
    #expect(throws: QRNGError.self) { try TestBattery().run(goodBits(1000, seed: 1)) }
  }
}
