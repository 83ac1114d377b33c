/// One of the four Pauli operators.
public enum Pauli: Character, Sendable, Hashable, Codable, CaseIterable {
  /// Identity.
  case i = "I"
  /// Pauli X.
  case x = "X"
  /// Pauli Y.
  case y = "Y"
  /// Pauli Z.
  case z = "Z"
}

/// A tensor product of Pauli operators, one per qubit (identity where not given).
///
/// Labels follow Qiskit: the rightmost character acts on qubit 0, so "XZ" is X on qubit 1 and Z on
/// qubit 0.
public struct PauliString: Sendable, Hashable, CustomStringConvertible {
  /// The non-identity factors by qubit.
  public let operators: [Int: Pauli]

  /// A Pauli string from factors by qubit index.
  /// - Throws: ``QuantumError/invalidQubit(index:qubitCount:)`` for a negative index.
  public init(operators: [Int: Pauli]) throws(QuantumError) {
    for q in operators.keys where q < 0 || q >= 62 {
      throw .invalidQubit(index: q, qubitCount: 62)
    }
    self.operators = operators.filter { $0.value != .i }
  }

  /// A Pauli string from a label such as "XIZ" (rightmost character = qubit 0).
  /// - Throws: ``QuantumError/invalidParameter(name:value:allowed:)`` for characters other than
  ///   I, X, Y, Z.
  public init(_ label: String) throws(QuantumError) {
    var ops: [Int: Pauli] = [:]
    for (offset, ch) in label.reversed().enumerated() {
      guard let p = Pauli(rawValue: ch) else {
        throw .invalidParameter(
          name: "Pauli label character '\(ch)'", value: Double(offset), allowed: "I, X, Y or Z")
      }
      ops[offset] = p
    }
    try self.init(operators: ops)
  }

  /// The highest qubit acted on, plus one (0 for the identity).
  public var span: Int { (operators.keys.max() ?? -1) + 1 }

  /// The label with qubit 0 rightmost, as long as ``span``.
  public var description: String {
    guard span > 0 else { return "I" }
    return String((0..<span).reversed().map { operators[$0]?.rawValue ?? "I" })
  }

  /// Bit masks for the kernels: X-type (X, Y) qubits, Z-type (Z, Y) qubits and the number of Y's.
  var masks: (x: Int, z: Int, y: Int) {
    var x = 0
    var z = 0
    var y = 0
    for (q, p) in operators {
      switch p {
      case .x: x |= 1 << q
      case .z: z |= 1 << q
      case .y:
        x |= 1 << q
        z |= 1 << q
        y += 1
      case .i: break
      }
    }
    return (x, z, y)
  }
}
