/// A dense row-major matrix of feature values: one row per session, one column per feature.
public struct FeatureMatrix: Sendable, Equatable, Codable {
  /// Number of rows (samples).
  public let rows: Int
  /// Number of columns (features).
  public let columns: Int
  /// Row-major values, `rows * columns` of them.
  public internal(set) var values: [Double]

  /// Creates a matrix from row-major values; throws unless the count is `rows * columns` and
  /// every value is finite.
  public init(rows: Int, columns: Int, values: [Double]) throws {
    guard rows >= 0, columns > 0 else {
      throw EveDetectionError.invalidParameter(
        name: "columns", value: Double(columns), allowed: "rows >= 0 and columns >= 1")
    }
    guard values.count == rows * columns else {
      throw EveDetectionError.dimensionMismatch(
        what: "matrix values", expected: rows * columns, found: values.count)
    }
    if let bad = values.first(where: { !$0.isFinite }) {
      throw EveDetectionError.invalidParameter(
        name: "matrix value", value: bad, allowed: "finite numbers")
    }
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// Creates a matrix from rows of equal length; throws on ragged or non-finite input.
  public init(rowArrays: [[Double]]) throws {
    guard let first = rowArrays.first else { throw EveDetectionError.empty(what: "rows") }
    for row in rowArrays where row.count != first.count {
      throw EveDetectionError.dimensionMismatch(
        what: "row length", expected: first.count, found: row.count)
    }
    try self.init(rows: rowArrays.count, columns: first.count, values: rowArrays.flatMap { $0 })
  }

  init(uncheckedRows rows: Int, columns: Int, values: [Double]) {
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// The values of row `i`; throws unless 0 ≤ i < rows.
  public func row(_ i: Int) throws -> ArraySlice<Double> {
    guard (0..<rows).contains(i) else {
      throw EveDetectionError.invalidParameter(
        name: "row", value: Double(i), allowed: "0..<\(rows)")
    }
    return uncheckedRow(i)
  }

  func uncheckedRow(_ i: Int) -> ArraySlice<Double> {
    values[(i * columns)..<((i + 1) * columns)]
  }

  /// A matrix made of the given rows, in order; throws if an index is out of range.
  public func selecting(rows indices: [Int]) throws -> FeatureMatrix {
    if let bad = indices.first(where: { !(0..<rows).contains($0) }) {
      throw EveDetectionError.invalidParameter(
        name: "row", value: Double(bad), allowed: "0..<\(rows)")
    }
    return uncheckedSelecting(rows: indices)
  }

  func uncheckedSelecting(rows indices: [Int]) -> FeatureMatrix {
    var out = [Double]()
    out.reserveCapacity(indices.count * columns)
    for i in indices { out.append(contentsOf: uncheckedRow(i)) }
    return FeatureMatrix(uncheckedRows: indices.count, columns: columns, values: out)
  }
}
