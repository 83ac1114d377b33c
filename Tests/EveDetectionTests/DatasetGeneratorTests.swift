import Foundation
import Testing

@testable import EveDetection

@Suite struct DatasetGeneratorTests {
  @Test func sameSeedSameDataAndRangesRespected() throws {
    let generator = try DatasetGenerator(ranges: .heldOut, siftedBitsPerSession: 10_000)
    let a = try generator.generate(count: 300, seed: 5)
    let b = try generator.generate(count: 300, seed: 5)
    let c = try generator.generate(count: 300, seed: 6)
    #expect(a == b)
    #expect(a != c)
    for label in a.labels {
      #expect((150...200).contains(label.lengthKm))
      #expect(
        (0.05...0.10).contains(label.detectorEfficiency)
          || (0.60...0.85).contains(label.detectorEfficiency))
    }
    let families = Set(a.labels.map(\.family))
    #expect(families == Set(AttackFamily.allCases))
    // Session i does not depend on how many sessions are generated.
    let prefix = try generator.generate(count: 10, seed: 5)
    #expect(try prefix == a.subset(Array(0..<10)))
    #expect(throws: EveDetectionError.self) { try a.subset([300]) }
  }

  @Test func csvRoundTripsAndParityFormatEndsWithEve() throws {
    let data = try DatasetGenerator().generate(count: 50, seed: 8)
    let text = data.csv()
    let back = try DetectionDataset(csv: text)
    #expect(back.featureNames == data.featureNames)
    #expect(back.labels.map(\.family) == data.labels.map(\.family))
    #expect(back.features.values.count == data.features.values.count)
    for (x, y) in zip(back.features.values, data.features.values) { #expect(x == y) }
    let parity = data.csv(labelColumnsOnlyEve: true)
    let header = try #require(parity.split(separator: "\n").first)
    #expect(header == (LinkFeatures.names + ["eve"]).joined(separator: ","))
    #expect(throws: EveDetectionError.self) { try DetectionDataset(csv: "a,b\n1,2\n") }
  }

  @Test func cleanFeaturesAreCentredAndAttacksMoveTheirOwnStatistics() throws {
    let generator = try DatasetGenerator(tolerance: .exact)
    var qberSum = 0.0
    var cleanCount = 0
    for i in 0..<400 {
      let s = try generator.session(seed: 12, index: i)
      let f = try LinkFeatures(counts: s.counts, expected: s.expected)
      switch s.attack {
      case .none:
        qberSum += f.qberZExcessSigma
        cleanCount += 1
        // With exact calibration every deviation is sampling noise.
        #expect(abs(f.qberZExcessSigma) < 5 && abs(f.signalGainDeviationSigma) < 5)
      case .interceptResend(let p, _) where p >= 0.2:
        #expect(f.qberZExcessSigma > 10)
      case .beamSplitting(let tap) where tap >= 0.5:
        #expect(f.signalGainLogRatio < log(1 - tap) + 0.05)
      default:
        break
      }
    }
    #expect(abs(qberSum / Double(cleanCount)) < 5 / Double(cleanCount).squareRoot())
  }
}
