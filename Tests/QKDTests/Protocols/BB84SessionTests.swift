import ClassicalCrypto
import Foundation
import Photonics
import Testing

@testable import QKD

/// Options for a short, key-producing decoy run at 10 km.
func shortRunOptions(seed: UInt64 = 1, pulses: Int = 400_000) -> BB84LinkOptions {
  var o = BB84LinkOptions()
  o.distanceKm = 10
  o.detectorEfficiency = 0.2
  o.pulses = pulses
  o.seed = seed
  return o
}

@Suite("BB84Session")
struct BB84SessionTests {
  @Test("a short decoy run distils identical keys and fills the report")
  func shortRunProducesKey() throws {
    let config = try shortRunOptions().makeConfiguration()
    let result = try BB84Session(configuration: config).run()
    let r = result.report
    #expect(result.abortReason == nil, "\(String(describing: result.abortReason))")
    let match = result.keysMatch
    #expect(match)
    #expect(r.finalKeyBits > 0)
    #expect(r.siftedBits > 0)
    print(String(decoding: try JSONEncoder().encode(r), as: UTF8.self))
  }
}
