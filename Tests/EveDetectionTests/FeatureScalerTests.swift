import Testing

@testable import EveDetection

@Suite struct FeatureScalerTests {
  @Test func standardisesColumnsAndKeepsConstantsFinite() throws {
    let x = try FeatureMatrix(rowArrays: [[1, 10, 5], [2, 20, 5], [3, 30, 5], [4, 40, 5]])
    let scaler = try FeatureScaler(fitting: x)
    let z = try scaler.transform(x)
    for j in 0..<3 {
      let col = (0..<4).map { z.values[$0 * 3 + j] }
      let mean = col.reduce(0, +) / 4
      let variance = col.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
      #expect(abs(mean) < 1e-12)
      #expect(abs(variance - (j == 2 ? 0 : 1)) < 1e-12)
    }
    #expect(throws: EveDetectionError.self) {
      try scaler.transform(FeatureMatrix(rowArrays: [[1, 2]]))
    }
  }
}
