import ComplexModule
import RealModule

/// A dense complex matrix stored column-major (element (r, c) at `r + c·rows`), the layout BLAS and
/// LAPACK expect.
///
/// Small matrices (gates, Kraus operators, superoperators) are multiplied by plain loops; large ones
/// go through `cblas_zgemm` (see `ComplexMatrix+BLAS.swift`).
public struct ComplexMatrix: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// The entries, column-major.
  public internal(set) var elements: [Complex<Double>]

  /// Creates a matrix from column-major entries.
  /// - Throws: ``QuantumError/dimensionMismatch(expected:actual:)`` when the count is not
  ///   `rows·columns`, ``QuantumError/nonFinite(_:)`` for NaN or infinite entries.
  public init(rows: Int, columns: Int, columnMajor elements: [Complex<Double>]) throws(QuantumError)
  {
    guard rows > 0, columns > 0 else {
      throw .invalidParameter(
        name: "matrix shape", value: Double(min(rows, columns)), allowed: "rows and columns ≥ 1")
    }
    guard elements.count == rows * columns else {
      throw .dimensionMismatch(expected: rows * columns, actual: elements.count)
    }
    for z in elements where !(z.real.isFinite && z.imaginary.isFinite) {
      throw .nonFinite("matrix")
    }
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// Creates a matrix from rows of entries (the way matrices are written on paper).
  /// - Throws: ``QuantumError/dimensionMismatch(expected:actual:)`` for ragged rows.
  public init(_ rowList: [[Complex<Double>]]) throws(QuantumError) {
    guard let first = rowList.first, !first.isEmpty else { throw .empty("matrix rows") }
    let r = rowList.count
    let c = first.count
    var e = [Complex<Double>](repeating: .zero, count: r * c)
    for (i, row) in rowList.enumerated() {
      guard row.count == c else { throw .dimensionMismatch(expected: c, actual: row.count) }
      for (j, z) in row.enumerated() { e[i + j * r] = z }
    }
    try self.init(rows: r, columns: c, columnMajor: e)
  }

  /// Internal unchecked initialiser for values built by the engine itself.
  init(uncheckedRows rows: Int, columns: Int, elements: [Complex<Double>]) {
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// A `rows × columns` zero matrix.
  static func zeros(_ rows: Int, _ columns: Int) -> ComplexMatrix {
    ComplexMatrix(
      uncheckedRows: rows, columns: columns,
      elements: [Complex<Double>](repeating: .zero, count: rows * columns))
  }

  /// The `n × n` identity.
  public static func identity(_ n: Int) -> ComplexMatrix {
    var m = zeros(max(1, n), max(1, n))
    for i in 0..<max(1, n) { m.elements[i + i * m.rows] = .one }
    return m
  }

  /// A diagonal matrix.
  public static func diagonal(_ d: [Complex<Double>]) -> ComplexMatrix {
    var m = zeros(max(1, d.count), max(1, d.count))
    for (i, z) in d.enumerated() { m.elements[i + i * m.rows] = z }
    return m
  }

  /// Whether the matrix is square.
  public var isSquare: Bool { rows == columns }

  /// Element (row, column).
  public subscript(row: Int, column: Int) -> Complex<Double> {
    get { elements[row + column * rows] }
    set { elements[row + column * rows] = newValue }
  }

  /// The conjugate transpose.
  public var adjoint: ComplexMatrix {
    var m = ComplexMatrix.zeros(columns, rows)
    for c in 0..<columns {
      for r in 0..<rows { m.elements[c + r * columns] = elements[r + c * rows].conjugate }
    }
    return m
  }

  /// The transpose.
  public var transpose: ComplexMatrix {
    var m = ComplexMatrix.zeros(columns, rows)
    for c in 0..<columns {
      for r in 0..<rows { m.elements[c + r * columns] = elements[r + c * rows] }
    }
    return m
  }

  /// The entrywise complex conjugate.
  public var conjugate: ComplexMatrix {
    ComplexMatrix(uncheckedRows: rows, columns: columns, elements: elements.map(\.conjugate))
  }

  /// The trace (sum of the diagonal).
  public var trace: Complex<Double> {
    var t = Complex<Double>.zero
    for i in 0..<min(rows, columns) { t += elements[i + i * rows] }
    return t
  }

  /// The matrix scaled by `s`.
  public func scaled(by s: Complex<Double>) -> ComplexMatrix {
    ComplexMatrix(uncheckedRows: rows, columns: columns, elements: elements.map { $0 * s })
  }

  /// Entrywise sum. - Throws: ``QuantumError/dimensionMismatch(expected:actual:)``.
  public func adding(_ other: ComplexMatrix) throws(QuantumError) -> ComplexMatrix {
    guard rows == other.rows, columns == other.columns else {
      throw .dimensionMismatch(expected: rows * columns, actual: other.rows * other.columns)
    }
    var m = self
    for i in elements.indices { m.elements[i] += other.elements[i] }
    return m
  }

  /// The Kronecker (tensor) product `self ⊗ other`.
  public func kron(_ other: ComplexMatrix) -> ComplexMatrix {
    let r = rows * other.rows
    let c = columns * other.columns
    var m = ComplexMatrix.zeros(r, c)
    for j1 in 0..<columns {
      for i1 in 0..<rows {
        let a = elements[i1 + j1 * rows]
        for j2 in 0..<other.columns {
          for i2 in 0..<other.rows {
            m.elements[(i1 * other.rows + i2) + (j1 * other.columns + j2) * r] =
              a * other.elements[i2 + j2 * other.rows]
          }
        }
      }
    }
    return m
  }

  /// The largest entrywise modulus of `self − other` (∞ when shapes differ).
  public func maxDeviation(from other: ComplexMatrix) -> Double {
    guard rows == other.rows, columns == other.columns else { return .infinity }
    var d = 0.0
    for i in elements.indices { d = max(d, (elements[i] - other.elements[i]).length) }
    return d
  }

  /// max |U†U − I|: zero exactly for a unitary matrix.
  public var unitarityDeviation: Double {
    guard isSquare else { return .infinity }
    return (adjoint * self).maxDeviation(from: .identity(rows))
  }

  /// max |A − A†|: zero exactly for a Hermitian matrix.
  public var hermiticityDeviation: Double {
    guard isSquare else { return .infinity }
    return maxDeviation(from: adjoint)
  }

  /// A readable rendering with four decimals.
  public var description: String {
    var lines: [String] = []
    for r in 0..<rows {
      var parts: [String] = []
      for c in 0..<columns {
        let z = self[r, c]
        let re = (z.real * 1e4).rounded() / 1e4
        let im = (z.imaginary * 1e4).rounded() / 1e4
        parts.append(im == 0 ? "\(re)" : "\(re)\(im < 0 ? "-" : "+")\(abs(im))i")
      }
      lines.append("[" + parts.joined(separator: ", ") + "]")
    }
    return lines.joined(separator: "\n")
  }

  /// The matrix product; large products go through `cblas_zgemm`.
  ///
  /// When the inner dimensions differ the product is undefined and the result is an
  /// `a.rows × b.columns` matrix of NaN (IEEE style: an invalid operation poisons the value instead
  /// of trapping); every engine constructor rejects non-finite matrices, and
  /// ``multiplied(by:)`` throws instead.
  public static func * (a: ComplexMatrix, b: ComplexMatrix) -> ComplexMatrix {
    guard a.columns == b.rows else {
      return ComplexMatrix(
        uncheckedRows: a.rows, columns: b.columns,
        elements: [Complex<Double>](
          repeating: Complex(.nan, .nan), count: a.rows * b.columns))
    }
    if a.rows * a.columns * b.columns > 64 * 64 * 64 { return blasProduct(a, b) }
    var m = ComplexMatrix.zeros(a.rows, b.columns)
    for j in 0..<b.columns {
      for k in 0..<a.columns {
        let bkj = b.elements[k + j * b.rows]
        if bkj == .zero { continue }
        for i in 0..<a.rows { m.elements[i + j * a.rows] += a.elements[i + k * a.rows] * bkj }
      }
    }
    return m
  }

  /// The matrix product, checking that the inner dimensions agree.
  /// - Throws: ``QuantumError/dimensionMismatch(expected:actual:)``.
  public func multiplied(by b: ComplexMatrix) throws(QuantumError) -> ComplexMatrix {
    guard columns == b.rows else { throw .dimensionMismatch(expected: columns, actual: b.rows) }
    return self * b
  }
}
