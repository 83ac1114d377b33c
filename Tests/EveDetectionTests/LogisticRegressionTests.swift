import Foundation
import QuantumEngine
import Testing

@testable import EveDetection

@Suite struct LogisticRegressionTests {
  /// Draws n samples of d standard-normal features with labels from a planted logistic rule.
  static func planted(n: Int, weights: [Double], intercept: Double, seed: UInt64) throws
    -> (FeatureMatrix, [Int])
  {
    var g = Xoshiro256StarStar(seed: seed)
    var values = [Double]()
    var labels = [Int]()
    for _ in 0..<n {
      let x = weights.map { _ in CountSampling.normal(&g) }
      let z = intercept + zip(weights, x).map(*).reduce(0, +)
      labels.append(g.nextUnitDouble() < 1 / (1 + exp(-z)) ? 1 : 0)
      values += x
    }
    return (try FeatureMatrix(rows: n, columns: weights.count, values: values), labels)
  }

  @Test func recoversAPlantedLinearRule() throws {
    let truth = [1.5, -2.0, 0.5, 0.0]
    let (x, y) = try Self.planted(n: 20_000, weights: truth, intercept: -0.3, seed: 1)
    // Unweighted, unpenalised maximum likelihood is consistent for the planted coefficients.
    let model = try LogisticRegression(
      fitting: x, labels: y, configuration: .init(l2: 0, classWeights: [1, 1]))
    // Standard error of each coefficient is about 2/√n·(scale) ≈ 0.03 here; allow 5σ.
    for (w, t) in zip(model.weights, truth) { #expect(abs(w - t) < 0.15) }
    #expect(abs(model.intercept + 0.3) < 0.15)
    #expect(model.iterations < 20)
  }

  @Test func l2PenaltyShrinksWeights() throws {
    let (x, y) = try Self.planted(n: 2_000, weights: [2, -1], intercept: 0, seed: 2)
    let loose = try LogisticRegression(fitting: x, labels: y, configuration: .init(l2: 0))
    let tight = try LogisticRegression(fitting: x, labels: y, configuration: .init(l2: 1))
    let norm = { (m: LogisticRegression) in m.weights.map { $0 * $0 }.reduce(0, +) }
    #expect(norm(tight) < 0.5 * norm(loose))
  }

  @Test func separableDataStaysFinite() throws {
    let x = try FeatureMatrix(rowArrays: [[-2], [-1], [1], [2]])
    let model = try LogisticRegression(fitting: x, labels: [0, 0, 1, 1])
    #expect(model.weights[0] > 0 && model.weights[0].isFinite)
    let p = try model.probabilities(x)
    #expect(p[0] < 0.5 && p[3] > 0.5)
  }

  @Test func rejectsBadInput() throws {
    let x = try FeatureMatrix(rowArrays: [[0], [1]])
    #expect(throws: EveDetectionError.singleClass(what: "labels")) {
      try LogisticRegression(fitting: x, labels: [1, 1])
    }
    #expect(throws: EveDetectionError.invalidLabel(value: 2, allowed: "0 or 1")) {
      try LogisticRegression(fitting: x, labels: [0, 2])
    }
    #expect(throws: EveDetectionError.self) {
      try FeatureMatrix(rows: 1, columns: 1, values: [.nan])
    }
  }
}
