import Foundation

/// Binary logistic regression P(y = 1 | x) = σ(b + w·x), fitted by Newton's method (iteratively
/// reweighted least squares) with an L2 penalty on the weights and optional class weights.
///
/// Objective (Hastie, Tibshirani & Friedman, *Elements of Statistical Learning*, §4.4.1, with a
/// ridge term): minimise Σᵢ cᵢ ℓᵢ / Σᵢ cᵢ + (λ/2)‖w‖², where ℓᵢ is the log loss and cᵢ the class
/// weight of sample i. Each Newton step solves (XᵀWX + λI)δ = g with `LAPACKE_dposv`, the
/// products XᵀWX coming from `cblas_dgemm`. The intercept is not penalised.
public struct LogisticRegression: Sendable, Codable, Equatable {
  /// Settings of the fit.
  public struct Configuration: Sendable, Codable, Equatable {
    /// L2 penalty λ on the weights (per unit of average loss). Must be ≥ 0.
    public var l2: Double
    /// Weights of class 0 and class 1; `nil` balances the classes (n / (2 nₖ)).
    public var classWeights: [Double]?
    /// Maximum number of Newton steps.
    public var maxIterations: Int
    /// Stop when the largest step component falls below this.
    public var tolerance: Double

    /// Defaults: λ = 1e-4, balanced classes, 50 steps, tolerance 1e-9.
    public init(
      l2: Double = 1e-4, classWeights: [Double]? = nil, maxIterations: Int = 50,
      tolerance: Double = 1e-9
    ) {
      self.l2 = l2
      self.classWeights = classWeights
      self.maxIterations = maxIterations
      self.tolerance = tolerance
    }
  }

  /// Feature weights w.
  public let weights: [Double]
  /// Intercept b.
  public let intercept: Double
  /// Newton steps taken by the fit.
  public let iterations: Int

  /// Creates a model from known coefficients.
  public init(weights: [Double], intercept: Double) throws {
    guard weights.allSatisfy(\.isFinite), intercept.isFinite else {
      throw EveDetectionError.invalidParameter(
        name: "coefficient", value: .nan, allowed: "finite numbers")
    }
    self.weights = weights
    self.intercept = intercept
    self.iterations = 0
  }

  init(uncheckedWeights weights: [Double], intercept: Double, iterations: Int) {
    self.weights = weights
    self.intercept = intercept
    self.iterations = iterations
  }

  /// Fits the model to `x` (already standardised, if desired) and labels `y` ∈ {0, 1}.
  public init(
    fitting x: FeatureMatrix, labels y: [Int], configuration: Configuration = Configuration()
  ) throws {
    let n = x.rows
    let d = x.columns
    guard n > 0 else { throw EveDetectionError.empty(what: "training matrix") }
    guard y.count == n else {
      throw EveDetectionError.dimensionMismatch(what: "label count", expected: n, found: y.count)
    }
    if let bad = y.first(where: { $0 != 0 && $0 != 1 }) {
      throw EveDetectionError.invalidLabel(value: bad, allowed: "0 or 1")
    }
    guard configuration.l2 >= 0, configuration.l2.isFinite else {
      throw EveDetectionError.invalidParameter(
        name: "l2", value: configuration.l2, allowed: "finite values >= 0")
    }
    guard configuration.maxIterations >= 1 else {
      throw EveDetectionError.invalidParameter(
        name: "maxIterations", value: Double(configuration.maxIterations), allowed: ">= 1")
    }
    let positives = y.reduce(0, +)
    guard positives > 0, positives < n else {
      throw EveDetectionError.singleClass(what: "labels")
    }
    let cw = try Self.classWeights(configuration.classWeights, n: n, positives: positives)
    let sampleWeight = y.map { cw[$0] }
    let weightSum = sampleWeight.reduce(0, +)

    // Design matrix with a leading column of ones for the intercept.
    let p = d + 1
    var design = [Double](repeating: 1, count: n * p)
    for i in 0..<n {
      for j in 0..<d { design[i * p + j + 1] = x.values[i * d + j] }
    }
    let lambda = configuration.l2
    var beta = [Double](repeating: 0, count: p)
    var loss = Self.loss(
      design, n: n, p: p, beta: beta, y: y, w: sampleWeight, sum: weightSum, lambda: lambda)
    var steps = 0
    for _ in 0..<configuration.maxIterations {
      steps += 1
      let eta = DenseKernels.matrixVector(design, rows: n, columns: p, beta)
      var gradient = [Double](repeating: 0, count: p)
      var scaledDesign = [Double](repeating: 0, count: n * p)
      var residual = [Double](repeating: 0, count: n)
      for i in 0..<n {
        let prob = Self.sigmoid(eta[i])
        let c = sampleWeight[i] / weightSum
        residual[i] = c * (prob - Double(y[i]))
        let s = (c * prob * (1 - prob)).squareRoot()
        for j in 0..<p { scaledDesign[i * p + j] = s * design[i * p + j] }
      }
      // g = Xᵀ r + λ w ;  H = (S X)ᵀ (S X) + λ I  (intercept unpenalised).
      let xtr = DenseKernels.product(design, transposeA: true, residual, m: p, n: 1, k: n)
      var hessian = DenseKernels.product(
        scaledDesign, transposeA: true, scaledDesign, m: p, n: p, k: n)
      for j in 0..<p {
        gradient[j] = xtr[j] + (j == 0 ? 0 : lambda * beta[j])
        hessian[j * p + j] += (j == 0 ? 1e-12 : lambda)
      }
      guard let delta = DenseKernels.solveSymmetric(hessian, gradient, n: p) else {
        throw EveDetectionError.lapackFailure(routine: "LAPACKE_dposv/dgesv", info: -1)
      }
      // Step halving keeps the iteration monotone on (nearly) separable data.
      var stepScale = 1.0
      var candidate = beta
      var candidateLoss = loss
      for _ in 0..<30 {
        candidate = zip(beta, delta).map { $0 - stepScale * $1 }
        candidateLoss = Self.loss(
          design, n: n, p: p, beta: candidate, y: y, w: sampleWeight, sum: weightSum, lambda: lambda
        )
        if candidateLoss <= loss + 1e-15 { break }
        stepScale *= 0.5
      }
      let change = delta.map { abs($0) * stepScale }.max() ?? 0
      beta = candidate
      loss = candidateLoss
      if change < configuration.tolerance { break }
    }
    intercept = beta[0]
    weights = Array(beta[1...])
    iterations = steps
  }

  static func classWeights(_ given: [Double]?, n: Int, positives: Int) throws -> [Double] {
    guard let given else {
      return [Double(n) / (2 * Double(n - positives)), Double(n) / (2 * Double(positives))]
    }
    guard given.count == 2 else {
      throw EveDetectionError.dimensionMismatch(
        what: "class weights", expected: 2, found: given.count)
    }
    if let bad = given.first(where: { !($0 > 0) || !$0.isFinite }) {
      throw EveDetectionError.invalidParameter(
        name: "class weight", value: bad, allowed: "finite values > 0")
    }
    return given
  }

  static func sigmoid(_ z: Double) -> Double {
    z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
  }

  /// log(1 + e^z) without overflow.
  static func softplus(_ z: Double) -> Double {
    z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
  }

  private static func loss(
    _ design: [Double], n: Int, p: Int, beta: [Double], y: [Int], w: [Double], sum: Double,
    lambda: Double
  ) -> Double {
    let eta = DenseKernels.matrixVector(design, rows: n, columns: p, beta)
    var total = 0.0
    for i in 0..<n {
      // −log σ(η) for y = 1, −log(1 − σ(η)) for y = 0.
      total += w[i] * (y[i] == 1 ? softplus(-eta[i]) : softplus(eta[i]))
    }
    var penalty = 0.0
    for j in 1..<p { penalty += beta[j] * beta[j] }
    return total / sum + 0.5 * lambda * penalty
  }

  /// Linear scores b + w·x for every row of `x`.
  public func decisionValues(_ x: FeatureMatrix) throws -> [Double] {
    guard x.columns == weights.count else {
      throw EveDetectionError.dimensionMismatch(
        what: "feature count", expected: weights.count, found: x.columns)
    }
    return DenseKernels.matrixVector(x.values, rows: x.rows, columns: x.columns, weights).map {
      $0 + intercept
    }
  }

  /// P(y = 1 | x) for every row of `x`.
  public func probabilities(_ x: FeatureMatrix) throws -> [Double] {
    try decisionValues(x).map(Self.sigmoid)
  }
}
