import ComplexModule
import RealModule

extension Gate {
  /// The 2×2 matrix as kernel doubles.
  var matrix2: Matrix2 { Matrix2(matrix) }
}

extension Matrix2 {
  /// The kernel form of a 2×2 `ComplexMatrix`.
  init(_ m: ComplexMatrix) {
    self.init(
      r00: m[0, 0].real, i00: m[0, 0].imaginary, r01: m[0, 1].real, i01: m[0, 1].imaginary,
      r10: m[1, 0].real, i10: m[1, 0].imaginary, r11: m[1, 1].real, i11: m[1, 1].imaginary)
  }
}

extension AmplitudeBuffer {
  /// Applies `gate` with local qubit j on register bit `bits[j]`, choosing the kernel by structure.
  /// `conjugated` applies the entrywise conjugate (the bra half of a density matrix).
  func apply(_ gate: Gate, bits: [Int], conjugated: Bool = false) {
    switch gate.structure {
    case .pauliX:
      applyX(bit: bits[0])
    case .real1:
      let m = gate.matrix
      applyReal(m[0, 0].real, m[0, 1].real, m[1, 0].real, m[1, 1].real, bit: bits[0])
    case .diagonal1:
      let d0 = gate.matrix[0, 0]
      let d1 = gate.matrix[1, 1]
      let s: Double = conjugated ? -1 : 1
      applyDiagonal(d0.real, s * d0.imaginary, d1.real, s * d1.imaginary, bit: bits[0])
    case .general1:
      let m = Matrix2(gate.matrix)
      apply(conjugated ? m.conjugate : m, bit: bits[0])
    case .controlled(let controls, let target):
      let m = conjugated ? Matrix2(target).conjugate : Matrix2(target)
      let t = bits[controls]
      if controls == 1 {
        let isX = Gate.detectStructure(target) == .pauliX
        applyControlled(m, control: bits[0], target: t, isX: isX)
      } else {
        var mask = 0
        for j in 0..<controls { mask |= 1 << bits[j] }
        applyMultiControlled(m, controlMask: mask, target: t)
      }
    case .swap:
      applySwap(bits: bits[0], bits[1])
    case .dense:
      let m = conjugated ? gate.matrix.conjugate : gate.matrix
      if bits.count == 2 {
        var rowMajor = [Double](repeating: 0, count: 32)
        for r in 0..<4 {
          for c in 0..<4 {
            rowMajor[8 * r + 2 * c] = m[r, c].real
            rowMajor[8 * r + 2 * c + 1] = m[r, c].imaginary
          }
        }
        apply4(rowMajor, bits: bits[0], bits[1])
      } else {
        applyDense(m.elements, bits: bits)
      }
    }
  }
}

extension StateVector {
  /// Applies `gate` to `qubits` (local qubit j of the gate acts on `qubits[j]`; for controlled
  /// gates the list is `[controls…, target]`).
  /// - Throws: ``QuantumError/dimensionMismatch(expected:actual:)`` when the number of qubits does
  ///   not match the gate, ``QuantumError/invalidQubit(index:qubitCount:)`` or
  ///   ``QuantumError/duplicateQubit(_:)``; the state is unchanged on error.
  public mutating func apply(_ gate: Gate, to qubits: [Int]) throws(QuantumError) {
    guard qubits.count == gate.qubitCount else {
      throw .dimensionMismatch(expected: gate.qubitCount, actual: qubits.count)
    }
    try validateQubits(qubits, qubitCount: qubitCount)
    guard gate.isFinite else { throw .nonFinite("gate \(gate.name)") }
    withBuffer { $0.apply(gate, bits: qubits) }
  }

  /// Applies a one-qubit `gate` to `qubit`.
  /// - Throws: as ``apply(_:to:)-([Int])``.
  public mutating func apply(_ gate: Gate, to qubit: Int) throws(QuantumError) {
    try apply(gate, to: [qubit])
  }

  /// Returns the state after `gate` on `qubits`.
  /// - Throws: as ``apply(_:to:)-([Int])``.
  public func applying(_ gate: Gate, to qubits: [Int]) throws(QuantumError) -> StateVector {
    var s = self
    try s.apply(gate, to: qubits)
    return s
  }
}

extension Gate {
  /// Whether every matrix entry is finite (rotation gates built from NaN angles are not).
  public var isFinite: Bool {
    matrix.elements.allSatisfy { $0.real.isFinite && $0.imaginary.isFinite }
  }
}
