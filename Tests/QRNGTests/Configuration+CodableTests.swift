import Foundation
import Testing

@testable import QRNG

struct ConfigurationCodableTests {
  @Test func configurationRoundTripsThroughJSON() throws {
    let source = try BeamSplitterSourceConfiguration(
      source: .weakCoherent(meanPhotonNumber: 0.4), detector0: .ideal, detector1: .ideal,
      drift: SourceDrift(amplitude: 0.1, periodGates: 1 << 16),
      detectorFailure: DetectorFailure(detector: 1, afterGates: 5000))
    let configuration = try QRNGConfiguration(source: source, extractor: .sha256)
    let data = try JSONEncoder().encode(configuration)
    #expect(try JSONDecoder().decode(QRNGConfiguration.self, from: data) == configuration)
  }

  /// Invalid values in JSON are rejected by the same validation as in code.
  @Test func invalidJSONIsRejected() throws {
    let valid = try QRNGConfiguration.typical()
    var object = try #require(
      JSONSerialization.jsonObject(with: JSONEncoder().encode(valid)) as? [String: Any])
    object["blockLength"] = 3
    let data = try JSONSerialization.data(withJSONObject: object)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(QRNGConfiguration.self, from: data)
    }
    let drift = Data(#"{"amplitude": 0.1, "periodGates": 5}"#.utf8)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(SourceDrift.self, from: drift)
    }
  }
}
