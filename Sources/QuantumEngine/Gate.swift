import ComplexModule
import RealModule

/// A unitary gate on k qubits.
///
/// The matrix is 2^k × 2^k with local qubit 0 as the least significant bit of its index (the
/// convention of the whole engine). When a gate is applied to qubits `[q0, q1, …]`, local qubit j
/// acts on register qubit `qj`; for controlled gates the list is `[controls…, target]`.
public struct Gate: Sendable, Hashable, CustomStringConvertible {
  /// A short name such as "H" or "Rz(0.5)".
  public let name: String
  /// The unitary matrix, 2^k × 2^k.
  public let matrix: ComplexMatrix
  /// The structure a kernel can exploit.
  let structure: Structure

  enum Structure: Sendable, Hashable {
    /// A one-qubit gate with a real matrix (H, Ry): real arithmetic only.
    case real1
    /// A diagonal one-qubit gate (Z, S, T, Rz, phase).
    case diagonal1
    /// The X gate: a swap of amplitudes.
    case pauliX
    /// Any other one-qubit gate.
    case general1
    /// `controls` control qubits on a one-qubit `target` matrix (the last local qubit).
    case controlled(controls: Int, target: ComplexMatrix)
    /// The SWAP gate.
    case swap
    /// Anything else: a dense matrix.
    case dense
  }

  /// The number of qubits the gate acts on.
  public var qubitCount: Int { matrix.rows.trailingZeroBitCount }

  /// A gate from any unitary matrix, checked to be unitary within `tolerance`.
  /// - Throws: ``QuantumError/dimensionNotPowerOfTwo(_:)`` for a size that is not 2^k (k ≥ 1),
  ///   ``QuantumError/notUnitary(deviation:)`` when `max |U†U − I| > tolerance`.
  public init(name: String = "U", matrix: ComplexMatrix, tolerance: Double = defaultTolerance)
    throws(QuantumError)
  {
    guard matrix.isSquare else {
      throw .dimensionMismatch(expected: matrix.rows, actual: matrix.columns)
    }
    guard matrix.rows >= 2, matrix.rows & (matrix.rows - 1) == 0 else {
      throw .dimensionNotPowerOfTwo(matrix.rows)
    }
    guard matrix.rows <= 1 << 12 else {
      throw .invalidQubitCount(
        matrix.rows.trailingZeroBitCount, allowed: "gates on at most 12 qubits")
    }
    let dev = matrix.unitarityDeviation
    guard dev <= tolerance else { throw .notUnitary(deviation: dev) }
    self.init(trusted: name, matrix)
  }

  /// A gate from a matrix the engine knows to be unitary; the structure is detected here.
  init(trusted name: String, _ matrix: ComplexMatrix) {
    self.name = name
    self.matrix = matrix
    self.structure = Gate.detectStructure(matrix)
  }

  static func detectStructure(_ m: ComplexMatrix) -> Structure {
    let d = m.rows
    if d == 2 {
      if m[0, 1] == .zero && m[1, 0] == .zero { return .diagonal1 }
      if m[0, 0] == .zero && m[1, 1] == .zero && m[0, 1] == .one && m[1, 0] == .one {
        return .pauliX
      }
      if m.elements.allSatisfy({ $0.imaginary == 0 }) { return .real1 }
      return .general1
    }
    // Controlled: identity on every block where the top local qubits are not all 1.
    let k = d.trailingZeroBitCount
    let target = k - 1
    let half = 1 << target
    let controlMask = half - 1
    var isControlled = true
    outer: for c in 0..<d {
      for r in 0..<d {
        let expected: Complex<Double>
        if c & controlMask == controlMask && r & controlMask == controlMask {
          continue
        } else {
          expected = r == c ? .one : .zero
        }
        if m[r, c] != expected {
          isControlled = false
          break outer
        }
      }
    }
    if isControlled {
      let t = [
        m[controlMask, controlMask], m[controlMask | half, controlMask],
        m[controlMask, controlMask | half], m[controlMask | half, controlMask | half],
      ]
      return .controlled(
        controls: k - 1, target: ComplexMatrix(uncheckedRows: 2, columns: 2, elements: t))
    }
    if d == 4, m == Gate.swap.matrix { return .swap }
    return .dense
  }

  /// The inverse gate (its adjoint).
  public var inverse: Gate { Gate(trusted: name + "†", matrix.adjoint) }

  /// The gate's name.
  public var description: String { name }

  /// The gate controlled by `controls` extra qubits (listed first when applied).
  /// - Throws: ``QuantumError/invalidParameter(name:value:allowed:)`` for a negative count.
  public func controlled(by controls: Int = 1) throws(QuantumError) -> Gate {
    guard controls >= 0, controls + qubitCount <= 12 else {
      throw .invalidParameter(
        name: "controls", value: Double(controls), allowed: "0...\(12 - qubitCount)")
    }
    if controls == 0 { return self }
    let k = qubitCount
    let total = k + controls
    let dim = 1 << total
    let cMask = (1 << controls) - 1
    var m = ComplexMatrix.identity(dim)
    // Local qubits 0..<controls are controls; the gate's own qubits sit above them.
    for c in 0..<(1 << k) {
      for r in 0..<(1 << k) {
        m[cMask | (r << controls), cMask | (c << controls)] = matrix[r, c]
      }
    }
    return Gate(trusted: String(repeating: "C", count: controls) + name, m)
  }
}
