import ComplexModule
import RealModule

extension DensityMatrix {
  /// Applies ρ ↦ UρU† for `gate` on `qubits`: U on the ket bits, U* on the bra bits, O(4^n).
  /// - Throws: as ``StateVector/apply(_:to:)-([Int])``; the state is unchanged on error.
  public mutating func apply(_ gate: Gate, to qubits: [Int]) throws(QuantumError) {
    guard qubits.count == gate.qubitCount else {
      throw .dimensionMismatch(expected: gate.qubitCount, actual: qubits.count)
    }
    try validateQubits(qubits, qubitCount: qubitCount)
    guard gate.isFinite else { throw .nonFinite("gate \(gate.name)") }
    let n = qubitCount
    withBuffer { buf in
      buf.apply(gate, bits: qubits)
      buf.apply(gate, bits: qubits.map { $0 + n }, conjugated: true)
    }
  }

  /// Applies a one-qubit `gate` to `qubit`.
  /// - Throws: as ``apply(_:to:)-([Int])``.
  public mutating func apply(_ gate: Gate, to qubit: Int) throws(QuantumError) {
    try apply(gate, to: [qubit])
  }

  /// Applies `channel` to `qubits` (channel's local qubit j on `qubits[j]`).
  ///
  /// The standard one-qubit channels use closed-form real kernels; any other channel becomes its
  /// superoperator, applied as a gate on the ket bits and bra bits together (a 4×4 kernel for one
  /// qubit, `cblas_zgemm` blocks for more).
  /// - Throws: ``QuantumError/dimensionMismatch(expected:actual:)`` or qubit errors; the state is
  ///   unchanged on error.
  public mutating func apply(_ channel: QuantumChannel, to qubits: [Int]) throws(QuantumError) {
    guard qubits.count == channel.qubitCount else {
      throw .dimensionMismatch(expected: channel.qubitCount, actual: qubits.count)
    }
    try validateQubits(qubits, qubitCount: qubitCount)
    let n = qubitCount
    if let form = channel.closedForm {
      let q = qubits[0]
      withBuffer { buf in
        switch form {
        case .depolarizing(let p):
          buf.applyPopulationCoherence(
            ket: q, bra: q + n, a: 1 - p / 2, b: p / 2, c: p / 2, d: 1 - p / 2, s: 1 - p)
        case .dephasing(let p):
          buf.applyDephasing(ket: q, bra: q + n, s: 1 - 2 * p)
        case .amplitudeDamping(let g):
          buf.applyPopulationCoherence(
            ket: q, bra: q + n, a: 1, b: g, c: 0, d: 1 - g, s: (1 - g).squareRoot())
        }
      }
      return
    }
    if channel.kraus.count == 1 {
      let g = Gate(trusted: channel.name, channel.kraus[0])
      withBuffer { buf in
        buf.apply(g, bits: qubits)
        buf.apply(g, bits: qubits.map { $0 + n }, conjugated: true)
      }
      return
    }
    let s = channel.superoperator
    let superGate = Gate(trusted: channel.name, s)
    let bits = qubits + qubits.map { $0 + n }
    withBuffer { buf in
      if bits.count == 2, case .dense = superGate.structure {
        var rowMajor = [Double](repeating: 0, count: 32)
        for r in 0..<4 {
          for c in 0..<4 {
            rowMajor[8 * r + 2 * c] = s[r, c].real
            rowMajor[8 * r + 2 * c + 1] = s[r, c].imaginary
          }
        }
        buf.apply4(rowMajor, bits: bits[0], bits[1])
      } else {
        buf.applyDense(s.elements, bits: bits)
      }
    }
  }

  /// Applies a one-qubit `channel` to `qubit`.
  /// - Throws: as ``apply(_:to:)-([Int])``.
  public mutating func apply(_ channel: QuantumChannel, to qubit: Int) throws(QuantumError) {
    try apply(channel, to: [qubit])
  }

  /// Applies several one-qubit channels to `qubit` in order, merged into one superoperator pass.
  /// - Throws: as ``apply(_:to:)-([Int])``.
  public mutating func apply(_ channels: [QuantumChannel], to qubit: Int) throws(QuantumError) {
    try validateQubits([qubit], qubitCount: qubitCount)
    guard var merged = channels.first else { return }
    for c in channels.dropFirst() { merged = try merged.composed(then: c) }
    try apply(merged, to: [qubit])
  }
}
