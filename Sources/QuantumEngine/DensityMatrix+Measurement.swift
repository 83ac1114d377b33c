import ComplexModule
import RealModule

extension DensityMatrix {
  /// The probability of each outcome of a computational-basis measurement of `qubits` (bit j of the
  /// outcome index is `qubits[j]`).
  /// - Throws: qubit errors.
  public func probabilities(of qubits: [Int]) throws(QuantumError) -> [Double] {
    try validateQubits(qubits, qubitCount: qubitCount)
    var out = [Double](repeating: 0, count: 1 << qubits.count)
    let d = dimension
    for i in 0..<d {
      var o = 0
      for (j, q) in qubits.enumerated() where i & (1 << q) != 0 { o |= 1 << j }
      out[o] += max(0, elements[i + i * d].real)
    }
    let total = out.reduce(0, +)
    return out.map { $0 / total }
  }

  /// Measures `qubits` in the computational basis and collapses the state; bit j of the outcome
  /// is `qubits[j]`.
  /// - Throws: qubit errors; the state is unchanged on error.
  public mutating func measure<G: RandomNumberGenerator>(qubits: [Int], using generator: inout G)
    throws(QuantumError) -> Int
  {
    let probs = try probabilities(of: qubits)
    let outcome = Sampling.draw(probs, using: &generator)
    var mask = 0
    var value = 0
    for (j, q) in qubits.enumerated() {
      mask |= 1 << q
      if outcome & (1 << j) != 0 { value |= 1 << q }
    }
    // Keep entries whose row and column both agree with the outcome, then renormalise.
    let d = dimension
    let s = 1 / probs[outcome]
    for j in 0..<d {
      let keepColumn = j & mask == value
      for i in 0..<d {
        let idx = i + j * d
        elements[idx] = (keepColumn && i & mask == value) ? elements[idx].multiplied(by: s) : .zero
      }
    }
    return outcome
  }

  /// The probability of each POVM outcome on `qubits`: p_m = tr(E_m ρ_reduced).
  /// - Throws: ``QuantumError/dimensionMismatch(expected:actual:)`` or qubit errors.
  public func outcomeProbabilities(of povm: POVM, on qubits: [Int]) throws(QuantumError)
    -> [Double]
  {
    guard povm.qubitCount == qubits.count else {
      throw .dimensionMismatch(expected: povm.qubitCount, actual: qubits.count)
    }
    let reduced = try self.reduced(keeping: qubits).matrix
    return povm.elements.map { e in max(0, (e * reduced).trace.real) }
  }

  /// Performs the POVM on `qubits`, returning the outcome and updating the state by the Lüders
  /// rule ρ ↦ √E ρ √E / p.
  /// - Throws: as ``outcomeProbabilities(of:on:)``.
  public mutating func measure<G: RandomNumberGenerator>(
    _ povm: POVM, on qubits: [Int], using generator: inout G
  ) throws(QuantumError) -> Int {
    let probs = try outcomeProbabilities(of: povm, on: qubits)
    let m = Sampling.draw(probs, using: &generator)
    let root = try povm.elements[m].psdSquareRoot()
    var next = self
    next.withBuffer { buf in
      let g = Gate(trusted: "√E", root)
      buf.apply(g, bits: qubits)
      buf.apply(g, bits: qubits.map { $0 + qubitCount }, conjugated: true)
    }
    let tr = next.trace
    guard tr > 0 else { throw .zeroProbability("POVM outcome \(m)") }
    for i in next.elements.indices { next.elements[i] = next.elements[i].multiplied(by: 1 / tr) }
    self = next
    return m
  }
}

extension Sampling {
  /// One draw from a discrete distribution (weights normalised by their sum).
  public static func draw<G: RandomNumberGenerator>(_ weights: [Double], using g: inout G) -> Int {
    let total = weights.reduce(0, +)
    var r = Double.random(in: 0..<1, using: &g) * total
    for (i, w) in weights.enumerated() {
      if r < w { return i }
      r -= w
    }
    return weights.lastIndex(where: { $0 > 0 }) ?? 0
  }
}
