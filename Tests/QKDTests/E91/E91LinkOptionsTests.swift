import Foundation
import Photonics
import Testing

@testable import QKD

@Suite struct E91LinkOptionsTests {
  @Test("the total distance is split evenly unless an arm is given")
  func armLengths() throws {
    var o = E91LinkOptions()
    o.distanceKm = 30
    #expect(try o.armLengthsKm() == (15, 15))
    o.distanceAKm = 10
    #expect(try o.armLengthsKm() == (10, 20))
    o.distanceBKm = 40
    #expect(try o.armLengthsKm() == (10, 40))
    o.distanceBKm = nil
    o.distanceAKm = 31
    #expect(throws: E91ConfigurationError.self) { try o.armLengthsKm() }
    let c = try E91LinkOptions().makeConfiguration()
    #expect(c.link.fibreA.lengthKm == 5 && c.link.fibreB.lengthKm == 5)
    #expect(c.keySettingPairs.map { [$0.alice, $0.bob] } == [[1, 0], [2, 1]])
  }

  @Test("bad values are refused with a message naming the flag")
  func refusesBadValues() {
    var cases: [(String, E91LinkOptions)] = []
    func add(_ flag: String, _ mutate: (inout E91LinkOptions) -> Void) {
      var o = E91LinkOptions()
      mutate(&o)
      cases.append((flag, o))
    }
    add("--visibility") { $0.visibility = 1.5 }
    add("--pairs") { $0.pairs = 0 }
    add("--dark-count") { $0.darkCount = .nan }
    add("--misalignment") { $0.misalignment = 0.7 }
    add("--distance-km") { $0.distanceKm = -1 }
    add("--detector-efficiency") { $0.detectorEfficiency = 0 }
    for (flag, o) in cases {
      do {
        _ = try o.makeConfiguration()
        Issue.record("\(flag) was accepted")
      } catch {
        #expect(error.description.contains(flag), "\(error.description)")
      }
    }
  }

  @Test("angles without an equal pair, or CHSH pairs that are key pairs, are refused")
  func inconsistentAngles() throws {
    var o = E91LinkOptions()
    o.bobAnglesDegrees = [10, 50, 70]
    #expect(throws: E91ConfigurationError.self) { try o.makeConfiguration() }
    o.bobAnglesDegrees = [0, 45, 67.5]
    #expect(throws: E91ConfigurationError.self) { try o.makeConfiguration() }
  }

  @Test("JSON decoding accepts any subset of the snake_case keys and round-trips")
  func jsonSubset() throws {
    let text = #"{"distance_km": 20, "visibility": 0.9, "eve": "intercept-resend:0.5:alice"}"#
    let o = try JSONDecoder().decode(E91LinkOptions.self, from: Data(text.utf8))
    #expect(o.distanceKm == 20 && o.visibility == 0.9 && o.pairs == E91LinkOptions().pairs)
    #expect(o.eve.eavesdropper == .interceptResend(fraction: 0.5, strategy: .random, arm: .alice))
    let again = try JSONDecoder().decode(
      E91LinkOptions.self, from: try JSONEncoder().encode(o))
    #expect(again == o)
  }
}
