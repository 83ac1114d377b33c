import Foundation
import QuantumEngine
import Testing

@testable import EveDetection

@Suite struct MultilayerPerceptronTests {
  /// Points in the square labelled by whether they lie inside a circle: not linearly separable.
  static func circle(n: Int, seed: UInt64) throws -> (FeatureMatrix, [Int]) {
    var g = Xoshiro256StarStar(seed: seed)
    var values = [Double]()
    var labels = [Int]()
    for _ in 0..<n {
      let a = 2 * g.nextUnitDouble() - 1
      let b = 2 * g.nextUnitDouble() - 1
      values += [a, b]
      labels.append(a * a + b * b < 0.5 ? 1 : 0)
    }
    return (try FeatureMatrix(rows: n, columns: 2, values: values), labels)
  }

  @Test func learnsANonlinearBoundary() throws {
    let (x, y) = try Self.circle(n: 3000, seed: 3)
    let config = MultilayerPerceptron.Configuration(hiddenLayers: [16], epochs: 40, batchSize: 64)
    let model = try MultilayerPerceptron(
      fitting: x, labels: y, classCount: 2, configuration: config, seed: 9)
    let (tx, ty) = try Self.circle(n: 2000, seed: 4)
    let p = try model.probabilities(tx)
    let correct = (0..<tx.rows).filter { (p.values[$0 * 2 + 1] > 0.5 ? 1 : 0) == ty[$0] }.count
    #expect(Double(correct) / Double(tx.rows) > 0.93)
    // A linear model cannot do better than always guessing the majority class here (~61%).
    let linear = try LogisticRegression(fitting: x, labels: y)
    let lp = try linear.probabilities(tx)
    let linearCorrect = (0..<tx.rows).filter { (lp[$0] > 0.5 ? 1 : 0) == ty[$0] }.count
    #expect(Double(linearCorrect) / Double(tx.rows) < 0.8)
  }

  @Test func sameSeedSameNetworkAndSoftmaxRowsSumToOne() throws {
    let (x, y) = try Self.circle(n: 500, seed: 5)
    let labels3 = zip(y, 0..<y.count).map { $0 == 1 ? 2 : ($1 % 2) }
    let config = MultilayerPerceptron.Configuration(
      hiddenLayers: [8, 8], activation: .tanh, epochs: 3)
    let a = try MultilayerPerceptron(
      fitting: x, labels: labels3, classCount: 3, configuration: config, seed: 1)
    let b = try MultilayerPerceptron(
      fitting: x, labels: labels3, classCount: 3, configuration: config, seed: 1)
    let c = try MultilayerPerceptron(
      fitting: x, labels: labels3, classCount: 3, configuration: config, seed: 2)
    #expect(a == b)
    #expect(a != c)
    let p = try a.probabilities(x)
    for i in 0..<p.rows {
      #expect(abs(p.values[(i * 3)..<(i * 3 + 3)].reduce(0, +) - 1) < 1e-12)
    }
  }

  @Test func rejectsBadShapes() throws {
    let x = try FeatureMatrix(rowArrays: [[0, 1], [1, 0]])
    #expect(throws: EveDetectionError.self) {
      try MultilayerPerceptron(
        fitting: x, labels: [0, 1], classCount: 2,
        configuration: .init(hiddenLayers: [4, 4, 4]), seed: 0)
    }
    #expect(throws: EveDetectionError.self) {
      try MultilayerPerceptron(
        layerSizes: [2, 3, 2], activation: .relu, weights: [[0]], biases: [[0]])
    }
  }
}
