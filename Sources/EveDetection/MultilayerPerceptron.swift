import Foundation
import QuantumEngine

/// A small fully connected network with one or two hidden layers and a softmax output over K ≥ 2
/// classes, trained by minibatch Adam (Kingma & Ba 2015) on the class-weighted cross-entropy with
/// L2 weight decay. Every layer product is a `cblas_dgemm` on a whole minibatch.
public struct MultilayerPerceptron: Sendable, Codable, Equatable {
  /// Hidden-layer nonlinearity.
  public enum Activation: String, Sendable, Codable {
    /// max(0, z).
    case relu
    /// tanh(z).
    case tanh
  }

  /// Settings of the network and its training.
  public struct Configuration: Sendable, Codable, Equatable {
    /// Widths of the hidden layers (one or two entries, each 1...1024).
    public var hiddenLayers: [Int]
    /// Hidden-layer nonlinearity.
    public var activation: Activation
    /// Adam learning rate.
    public var learningRate: Double
    /// Passes over the training data.
    public var epochs: Int
    /// Minibatch size.
    public var batchSize: Int
    /// L2 weight decay on the weight matrices (not the biases).
    public var l2: Double
    /// Per-class weights; `nil` balances the classes (n / (K nₖ)).
    public var classWeights: [Double]?

    /// Defaults: two hidden layers of 32 ReLU units, learning rate 3e-3, 30 epochs of batches of
    /// 256, weight decay 1e-5, balanced classes.
    public init(
      hiddenLayers: [Int] = [32, 32], activation: Activation = .relu, learningRate: Double = 3e-3,
      epochs: Int = 30, batchSize: Int = 256, l2: Double = 1e-5, classWeights: [Double]? = nil
    ) {
      self.hiddenLayers = hiddenLayers
      self.activation = activation
      self.learningRate = learningRate
      self.epochs = epochs
      self.batchSize = batchSize
      self.l2 = l2
      self.classWeights = classWeights
    }
  }

  /// Layer widths from input to output: [d, h₁, (h₂), K].
  public let layerSizes: [Int]
  /// Hidden-layer nonlinearity.
  public let activation: Activation
  /// Row-major weight matrices, layer l being layerSizes[l] × layerSizes[l + 1].
  public let weights: [[Double]]
  /// Bias vectors, one per layer.
  public let biases: [[Double]]

  /// Number of output classes.
  public var classCount: Int { layerSizes.last ?? 0 }

  /// Trains a network on `x` (standardised) with class labels `y` ∈ 0..<classCount, seeded.
  public init(
    fitting x: FeatureMatrix, labels y: [Int], classCount: Int,
    configuration: Configuration = Configuration(), seed: UInt64
  ) throws {
    let n = x.rows
    guard n > 0 else { throw EveDetectionError.empty(what: "training matrix") }
    guard y.count == n else {
      throw EveDetectionError.dimensionMismatch(what: "label count", expected: n, found: y.count)
    }
    guard classCount >= 2 else {
      throw EveDetectionError.invalidParameter(
        name: "classCount", value: Double(classCount), allowed: ">= 2")
    }
    if let bad = y.first(where: { $0 < 0 || $0 >= classCount }) {
      throw EveDetectionError.invalidLabel(value: bad, allowed: "0..<\(classCount)")
    }
    let c = configuration
    guard (1...2).contains(c.hiddenLayers.count),
      c.hiddenLayers.allSatisfy({ (1...1024).contains($0) })
    else {
      throw EveDetectionError.invalidParameter(
        name: "hiddenLayers", value: Double(c.hiddenLayers.count),
        allowed: "one or two layers of 1...1024 units")
    }
    for (name, value) in [("learningRate", c.learningRate), ("l2", c.l2)]
    where !(value >= 0) || !value.isFinite || (name == "learningRate" && value == 0) {
      throw EveDetectionError.invalidParameter(
        name: name, value: value, allowed: name == "l2" ? "finite values >= 0" : "finite values > 0"
      )
    }
    guard c.epochs >= 1, c.batchSize >= 1 else {
      throw EveDetectionError.invalidParameter(
        name: "epochs/batchSize", value: Double(min(c.epochs, c.batchSize)), allowed: ">= 1")
    }
    var counts = [Int](repeating: 0, count: classCount)
    for label in y { counts[label] += 1 }
    guard counts.filter({ $0 > 0 }).count >= 2 else {
      throw EveDetectionError.singleClass(what: "labels")
    }
    let classWeight: [Double]
    if let given = c.classWeights {
      guard given.count == classCount else {
        throw EveDetectionError.dimensionMismatch(
          what: "class weights", expected: classCount, found: given.count)
      }
      if let bad = given.first(where: { !($0 > 0) || !$0.isFinite }) {
        throw EveDetectionError.invalidParameter(
          name: "class weight", value: bad, allowed: "finite values > 0")
      }
      classWeight = given
    } else {
      classWeight = counts.map { $0 > 0 ? Double(n) / (Double(classCount) * Double($0)) : 0 }
    }

    let sizes = [x.columns] + c.hiddenLayers + [classCount]
    var rng = Xoshiro256StarStar(seed: seed)
    var trainer = MLPTrainer(sizes: sizes, activation: c.activation, generator: &rng)
    trainer.train(
      x: x, y: y, classWeight: classWeight, configuration: c, generator: &rng)
    layerSizes = sizes
    activation = c.activation
    weights = trainer.weights
    biases = trainer.biases
  }

  /// Creates a network from stored parameters; throws if shapes are inconsistent.
  public init(layerSizes: [Int], activation: Activation, weights: [[Double]], biases: [[Double]])
    throws
  {
    guard layerSizes.count >= 3, layerSizes.allSatisfy({ $0 >= 1 }), layerSizes.last ?? 0 >= 2
    else {
      throw EveDetectionError.malformedModel(reason: "layer sizes \(layerSizes)")
    }
    guard weights.count == layerSizes.count - 1, biases.count == layerSizes.count - 1 else {
      throw EveDetectionError.malformedModel(reason: "layer count of weights/biases")
    }
    for l in 0..<weights.count {
      guard weights[l].count == layerSizes[l] * layerSizes[l + 1],
        biases[l].count == layerSizes[l + 1],
        weights[l].allSatisfy(\.isFinite), biases[l].allSatisfy(\.isFinite)
      else {
        throw EveDetectionError.malformedModel(reason: "shape or finiteness of layer \(l)")
      }
    }
    self.layerSizes = layerSizes
    self.activation = activation
    self.weights = weights
    self.biases = biases
  }

  /// Class probabilities, row-major rows × classCount, for every row of `x`.
  public func probabilities(_ x: FeatureMatrix) throws -> FeatureMatrix {
    guard x.columns == layerSizes[0] else {
      throw EveDetectionError.dimensionMismatch(
        what: "feature count", expected: layerSizes[0], found: x.columns)
    }
    var out = [Double]()
    out.reserveCapacity(x.rows * classCount)
    let chunk = 4096
    var start = 0
    while start < x.rows {
      let rows = min(chunk, x.rows - start)
      let input = Array(x.values[(start * x.columns)..<((start + rows) * x.columns)])
      out.append(
        contentsOf: MLPTrainer.forward(
          input, rows: rows, sizes: layerSizes, activation: activation, weights: weights,
          biases: biases
        ).last ?? [])
      start += rows
    }
    return FeatureMatrix(uncheckedRows: x.rows, columns: classCount, values: out)
  }
}

/// Training state of a perceptron: parameters and Adam moments.
struct MLPTrainer {
  let sizes: [Int]
  let activation: MultilayerPerceptron.Activation
  var weights: [[Double]]
  var biases: [[Double]]

  init<G: RandomNumberGenerator>(
    sizes: [Int], activation: MultilayerPerceptron.Activation, generator: inout G
  ) {
    self.sizes = sizes
    self.activation = activation
    var w = [[Double]]()
    for l in 0..<(sizes.count - 1) {
      // He initialisation for ReLU, Glorot for tanh.
      let fanIn = Double(sizes[l])
      let fanOut = Double(sizes[l + 1])
      let sd = activation == .relu ? (2 / fanIn).squareRoot() : (2 / (fanIn + fanOut)).squareRoot()
      w.append((0..<(sizes[l] * sizes[l + 1])).map { _ in sd * Sampling.normal(using: &generator) })
    }
    weights = w
    biases = (1..<sizes.count).map { [Double](repeating: 0, count: sizes[$0]) }
  }

  /// Activations of every layer for a batch (index 0 is the input, the last is the softmax).
  static func forward(
    _ input: [Double], rows: Int, sizes: [Int], activation: MultilayerPerceptron.Activation,
    weights: [[Double]], biases: [[Double]]
  ) -> [[Double]] {
    var layers = [input]
    for l in 0..<weights.count {
      let m = sizes[l + 1]
      var z = DenseKernels.product(layers[l], weights[l], m: rows, n: m, k: sizes[l])
      let b = biases[l]
      let last = l == weights.count - 1
      z.withUnsafeMutableBufferPointer { zp in
        for i in 0..<rows {
          let base = i * m
          for j in 0..<m { zp[base + j] += b[j] }
          if last {
            var top = -Double.infinity
            for j in 0..<m { top = max(top, zp[base + j]) }
            var sum = 0.0
            for j in 0..<m {
              let e = exp(zp[base + j] - top)
              zp[base + j] = e
              sum += e
            }
            for j in 0..<m { zp[base + j] /= sum }
          } else if activation == .relu {
            for j in 0..<m where zp[base + j] < 0 { zp[base + j] = 0 }
          } else {
            for j in 0..<m { zp[base + j] = Foundation.tanh(zp[base + j]) }
          }
        }
      }
      layers.append(z)
    }
    return layers
  }

  mutating func train<G: RandomNumberGenerator>(
    x: FeatureMatrix, y: [Int], classWeight: [Double],
    configuration c: MultilayerPerceptron.Configuration, generator: inout G
  ) {
    let n = x.rows
    let d = x.columns
    let layerCount = weights.count
    var mW = weights.map { [Double](repeating: 0, count: $0.count) }
    var vW = mW
    var mB = biases.map { [Double](repeating: 0, count: $0.count) }
    var vB = mB
    let beta1 = 0.9
    let beta2 = 0.999
    let epsilon = 1e-8
    var step = 0
    var order = Array(0..<n)
    for _ in 0..<c.epochs {
      order.shuffle(using: &generator)
      var start = 0
      while start < n {
        let rows = min(c.batchSize, n - start)
        var input = [Double](repeating: 0, count: rows * d)
        var weightSum = 0.0
        for r in 0..<rows {
          let i = order[start + r]
          for j in 0..<d { input[r * d + j] = x.values[i * d + j] }
          weightSum += classWeight[y[i]]
        }
        let acts = Self.forward(
          input, rows: rows, sizes: sizes, activation: activation, weights: weights, biases: biases)
        // Output delta of weighted cross-entropy through softmax: cᵢ (p − onehot) / Σc.
        let k = sizes[layerCount]
        var delta = acts[layerCount]
        for r in 0..<rows {
          let i = order[start + r]
          let scale = classWeight[y[i]] / weightSum
          delta[r * k + y[i]] -= 1
          for j in 0..<k { delta[r * k + j] *= scale }
        }
        step += 1
        let correction1 = 1 - pow(beta1, Double(step))
        let correction2 = 1 - pow(beta2, Double(step))
        for l in stride(from: layerCount - 1, through: 0, by: -1) {
          let inWidth = sizes[l]
          let outWidth = sizes[l + 1]
          var gradW = DenseKernels.product(
            acts[l], transposeA: true, delta, m: inWidth, n: outWidth, k: rows)
          var gradB = [Double](repeating: 0, count: outWidth)
          for r in 0..<rows {
            for j in 0..<outWidth { gradB[j] += delta[r * outWidth + j] }
          }
          if l > 0 {
            var back = DenseKernels.product(
              delta, weights[l], transposeB: true, m: rows, n: inWidth, k: outWidth)
            let a = acts[l]
            for idx in 0..<back.count {
              if activation == .relu {
                if a[idx] <= 0 { back[idx] = 0 }
              } else {
                back[idx] *= 1 - a[idx] * a[idx]
              }
            }
            delta = back
          }
          for idx in 0..<gradW.count { gradW[idx] += c.l2 * weights[l][idx] }
          Self.adam(
            &weights[l], gradW, &mW[l], &vW[l], rate: c.learningRate, beta1: beta1, beta2: beta2,
            correction1: correction1, correction2: correction2, epsilon: epsilon)
          Self.adam(
            &biases[l], gradB, &mB[l], &vB[l], rate: c.learningRate, beta1: beta1, beta2: beta2,
            correction1: correction1, correction2: correction2, epsilon: epsilon)
        }
        start += rows
      }
    }
  }

  // swift-format-ignore
  private static func adam(
    _ p: inout [Double], _ g: [Double], _ m: inout [Double], _ v: inout [Double], rate: Double,
    beta1: Double, beta2: Double, correction1: Double, correction2: Double, epsilon: Double
  ) {
    for i in 0..<p.count {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i]
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
      p[i] -= rate * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + epsilon)
    }
  }
}
