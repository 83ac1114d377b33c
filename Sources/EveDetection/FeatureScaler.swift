/// Feature standardisation: each column is shifted by its training mean and divided by its
/// training standard deviation, so that gradient steps and L2 penalties treat features alike.
public struct FeatureScaler: Sendable, Codable, Equatable {
  /// Per-feature means of the training data.
  public let means: [Double]
  /// Per-feature standard deviations of the training data (1 where a feature is constant).
  public let scales: [Double]

  /// Fits means and (population) standard deviations to the columns of `data`.
  public init(fitting data: FeatureMatrix) throws {
    guard data.rows > 0 else { throw EveDetectionError.empty(what: "training matrix") }
    let d = data.columns
    var mean = [Double](repeating: 0, count: d)
    var m2 = [Double](repeating: 0, count: d)
    // Welford's update keeps the variance accurate for features with large offsets.
    for i in 0..<data.rows {
      let base = i * d
      let count = Double(i + 1)
      for j in 0..<d {
        let x = data.values[base + j]
        let delta = x - mean[j]
        mean[j] += delta / count
        m2[j] += delta * (x - mean[j])
      }
    }
    means = mean
    scales = m2.map { v in
      let sd = (v / Double(data.rows)).squareRoot()
      return sd > 1e-12 ? sd : 1
    }
  }

  /// Creates a scaler from stored means and scales; throws unless they match and scales are > 0.
  public init(means: [Double], scales: [Double]) throws {
    guard means.count == scales.count else {
      throw EveDetectionError.dimensionMismatch(
        what: "scaler scales", expected: means.count, found: scales.count)
    }
    if let bad = scales.first(where: { !($0 > 0) || !$0.isFinite }) {
      throw EveDetectionError.invalidParameter(
        name: "scale", value: bad, allowed: "finite values > 0")
    }
    self.means = means
    self.scales = scales
  }

  /// Number of features the scaler expects.
  public var featureCount: Int { means.count }

  /// Returns the standardised copy of `data`; throws if the column count differs.
  public func transform(_ data: FeatureMatrix) throws -> FeatureMatrix {
    guard data.columns == means.count else {
      throw EveDetectionError.dimensionMismatch(
        what: "feature count", expected: means.count, found: data.columns)
    }
    var out = data.values
    let d = data.columns
    out.withUnsafeMutableBufferPointer { buffer in
      for i in 0..<data.rows {
        let base = i * d
        for j in 0..<d { buffer[base + j] = (buffer[base + j] - means[j]) / scales[j] }
      }
    }
    return FeatureMatrix(uncheckedRows: data.rows, columns: d, values: out)
  }
}
