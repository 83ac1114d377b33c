import ComplexModule
import RealModule

extension DensityMatrix {
  /// The partial trace over `qubits`; the remaining qubits keep their order and are renumbered
  /// from 0.
  /// - Throws: qubit errors, or ``QuantumError/invalidQubitCount(_:allowed:)`` when tracing out
  ///   every qubit.
  public func partialTrace(over qubits: [Int]) throws(QuantumError) -> DensityMatrix {
    try validateQubits(qubits, qubitCount: qubitCount)
    let keep = (0..<qubitCount).filter { !qubits.contains($0) }
    guard !keep.isEmpty else {
      throw .invalidQubitCount(0, allowed: "at least one qubit must remain after the partial trace")
    }
    return try reduced(keeping: keep)
  }

  /// The reduced state of `keeping` (kept qubit j becomes qubit j of the result).
  /// - Throws: qubit errors.
  public func reduced(keeping: [Int]) throws(QuantumError) -> DensityMatrix {
    try validateQubits(keeping, qubitCount: qubitCount)
    let rest = (0..<qubitCount).filter { !keeping.contains($0) }
    let da = 1 << keeping.count
    let d = dimension
    func spread(_ a: Int, _ list: [Int]) -> Int {
      var i = 0
      for (j, q) in list.enumerated() where a & (1 << j) != 0 { i |= 1 << q }
      return i
    }
    let keptIndex = (0..<da).map { spread($0, keeping) }
    let restIndex = (0..<(1 << rest.count)).map { spread($0, rest) }
    var out = [Complex<Double>](repeating: .zero, count: da * da)
    for b in 0..<da {
      for a in 0..<da {
        var s = Complex<Double>.zero
        for r in restIndex { s += elements[(keptIndex[a] | r) + (keptIndex[b] | r) * d] }
        out[a + b * da] = s
      }
    }
    return DensityMatrix(
      uncheckedMatrix: ComplexMatrix(uncheckedRows: da, columns: da, elements: out))
  }

  /// The purity tr ρ² = Σ|ρ_ij|² (1 for pure states, 1/2^n for the maximally mixed state).
  public var purity: Double { elements.reduce(0) { $0 + $1.lengthSquared } }

  /// The eigenvalues of ρ, ascending, with rounding-level negatives clipped to 0.
  /// - Throws: ``QuantumError/lapackFailure(routine:info:)``.
  public func eigenvalues() throws(QuantumError) -> [Double] {
    try matrix.hermitianEigenvalues(tolerance: 1e-6).map { max(0, $0) }
  }

  /// The von Neumann entropy −tr ρ log₂ ρ in bits (0·log 0 = 0).
  /// - Throws: ``QuantumError/lapackFailure(routine:info:)``.
  public func entropy() throws(QuantumError) -> Double {
    var s = 0.0
    for l in try eigenvalues() where l > 1e-15 { s -= l * Double.log2(l) }
    return max(0, s)
  }

  /// The Uhlmann fidelity F(ρ, σ) = (tr √(√ρ σ √ρ))², in [0, 1] (the squared convention, as
  /// Qiskit's `state_fidelity`; for pure states it is |⟨ψ|φ⟩|²).
  /// - Throws: ``QuantumError/dimensionMismatch(expected:actual:)``.
  public func fidelity(with other: DensityMatrix) throws(QuantumError) -> Double {
    guard dimension == other.dimension else {
      throw .dimensionMismatch(expected: dimension, actual: other.dimension)
    }
    // A pure state makes F = ⟨ψ|σ|ψ⟩ exact, avoiding square roots of rounding-level eigenvalues.
    if abs(purity - 1) < 1e-12 || abs(other.purity - 1) < 1e-12 {
      let (pure, mixed) = abs(purity - 1) < 1e-12 ? (self, other) : (other, self)
      let (values, vectors) = try pure.matrix.hermitianEigen(tolerance: 1e-6)
      let top = values.count - 1
      let d = dimension
      let psi = ComplexMatrix(
        uncheckedRows: d, columns: 1, elements: (0..<d).map { vectors.elements[$0 + top * d] })
      return min(1, max(0, (psi.adjoint * mixed.matrix * psi).trace.real))
    }
    let root = try matrix.psdSquareRoot()
    let inner = root * other.matrix * root
    let sym = try inner.adding(inner.adjoint).scaled(by: Complex(0.5))
    let values = try sym.hermitianEigenvalues(tolerance: 1e-6)
    let cutoff = 1e-13 * max(1, values.last ?? 0)
    var t = 0.0
    for l in values where l > cutoff { t += l.squareRoot() }
    return min(1, t * t)
  }

  /// The trace distance ½‖ρ − σ‖₁, in [0, 1].
  /// - Throws: ``QuantumError/dimensionMismatch(expected:actual:)``.
  public func traceDistance(to other: DensityMatrix) throws(QuantumError) -> Double {
    guard dimension == other.dimension else {
      throw .dimensionMismatch(expected: dimension, actual: other.dimension)
    }
    let diff = try matrix.adding(other.matrix.scaled(by: Complex(-1)))
    return 0.5 * (try diff.hermitianEigenvalues(tolerance: 1e-6)).reduce(0) { $0 + abs($1) }
  }

  /// The Bloch vector (⟨X⟩, ⟨Y⟩, ⟨Z⟩) of one qubit's reduced state.
  /// - Throws: qubit errors.
  public func blochVector(of qubit: Int) throws(QuantumError) -> (x: Double, y: Double, z: Double) {
    let r = try reduced(keeping: [qubit])
    let rho01 = r[0, 1]
    return (2 * rho01.real, -2 * rho01.imaginary, r[0, 0].real - r[1, 1].real)
  }

  /// tr(ρP) for a Pauli string.
  /// - Throws: ``QuantumError/invalidQubit(index:qubitCount:)`` when the string acts beyond the
  ///   register.
  public func expectation(of pauli: PauliString) throws(QuantumError) -> Double {
    guard pauli.span <= qubitCount else {
      throw .invalidQubit(index: pauli.span - 1, qubitCount: qubitCount)
    }
    let m = pauli.masks
    // tr(ρP) = Σ_i ⟨i|ρP|i⟩ = Σ_i phase(i) ρ[i, i ⊕ x]... computed from P|i⟩ = c_i |i ⊕ x⟩.
    let d = dimension
    var re = 0.0
    var im = 0.0
    for i in 0..<d {
      let j = i ^ m.x
      let sign: Double = (i & m.z).nonzeroBitCount & 1 == 0 ? 1 : -1
      let z = elements[i + j * d]  // ρ[i, j] with P|i⟩ ∝ |j⟩ contributing ⟨j|ρ... via trace
      re += sign * z.real
      im += sign * z.imaginary
    }
    switch m.y & 3 {
    case 0: return re
    case 1: return -im
    case 2: return -re
    default: return im
    }
  }
}
