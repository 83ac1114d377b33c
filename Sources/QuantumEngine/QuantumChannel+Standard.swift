import ComplexModule
import RealModule

extension QuantumChannel {
  private static func m2(
    _ a: Complex<Double>, _ b: Complex<Double>, _ c: Complex<Double>, _ d: Complex<Double>
  )
    -> ComplexMatrix
  {
    // Row-major arguments, column-major storage.
    ComplexMatrix(uncheckedRows: 2, columns: 2, elements: [a, c, b, d])
  }
  private static func r(_ x: Double) -> Complex<Double> { Complex(x) }

  /// The one-qubit identity channel.
  public static let identity = QuantumChannel(
    trusted: [ComplexMatrix.identity(2)], name: "identity", closedForm: .depolarizing(0))

  /// The depolarizing channel ρ ↦ (1 − p)ρ + p·I/2 (Kraus √(1 − 3p/4)·I, √(p/4)·{X, Y, Z}).
  /// - Throws: ``QuantumError/invalidParameter(name:value:allowed:)`` unless 0 ≤ p ≤ 4/3 (p = 4/3
  ///   is the most depolarizing CPTP map; p ≤ 1 is the usual range).
  public static func depolarizing(_ p: Double) throws(QuantumError) -> QuantumChannel {
    guard p.isFinite, p >= 0, p <= 4.0 / 3.0 else {
      throw .invalidParameter(name: "depolarizing p", value: p, allowed: "0 ≤ p ≤ 4/3")
    }
    let a = (1 - 3 * p / 4).squareRoot()
    let b = (p / 4).squareRoot()
    let ops = [
      m2(r(a), .zero, .zero, r(a)),
      m2(.zero, r(b), r(b), .zero),
      m2(.zero, Complex(0, -b), Complex(0, b), .zero),
      m2(r(b), .zero, .zero, r(-b)),
    ]
    return QuantumChannel(trusted: ops, name: "depolarizing(\(p))", closedForm: .depolarizing(p))
  }

  /// Dephasing (phase flip): Z with probability p; coherences scale by 1 − 2p.
  /// - Throws: ``QuantumError/invalidParameter(name:value:allowed:)`` for p outside [0, 1].
  public static func dephasing(_ p: Double) throws(QuantumError) -> QuantumChannel {
    try checkProbability(p, "dephasing p")
    let ops = [
      m2(r((1 - p).squareRoot()), .zero, .zero, r((1 - p).squareRoot())),
      m2(r(p.squareRoot()), .zero, .zero, r(-p.squareRoot())),
    ]
    return QuantumChannel(trusted: ops, name: "dephasing(\(p))", closedForm: .dephasing(p))
  }

  /// Bit flip: X with probability p.
  /// - Throws: ``QuantumError/invalidParameter(name:value:allowed:)`` for p outside [0, 1].
  public static func bitFlip(_ p: Double) throws(QuantumError) -> QuantumChannel {
    try pauli(px: p, py: 0, pz: 0, name: "bitFlip(\(p))")
  }

  /// Bit-phase flip: Y with probability p.
  /// - Throws: ``QuantumError/invalidParameter(name:value:allowed:)`` for p outside [0, 1].
  public static func bitPhaseFlip(_ p: Double) throws(QuantumError) -> QuantumChannel {
    try pauli(px: 0, py: p, pz: 0, name: "bitPhaseFlip(\(p))")
  }

  /// The Pauli channel: X, Y, Z with probabilities px, py, pz, identity otherwise.
  /// - Throws: ``QuantumError/invalidParameter(name:value:allowed:)`` when a probability is outside
  ///   [0, 1] or they sum above 1.
  public static func pauli(px: Double, py: Double, pz: Double, name: String? = nil)
    throws(QuantumError) -> QuantumChannel
  {
    try checkProbability(px, "px")
    try checkProbability(py, "py")
    try checkProbability(pz, "pz")
    let p0 = 1 - px - py - pz
    guard p0 >= -1e-12 else {
      throw .invalidParameter(name: "px + py + pz", value: 1 - p0, allowed: "≤ 1")
    }
    var ops = [m2(r(max(0, p0).squareRoot()), .zero, .zero, r(max(0, p0).squareRoot()))]
    if px > 0 { ops.append(m2(.zero, r(px.squareRoot()), r(px.squareRoot()), .zero)) }
    if py > 0 {
      ops.append(m2(.zero, Complex(0, -py.squareRoot()), Complex(0, py.squareRoot()), .zero))
    }
    if pz > 0 { ops.append(m2(r(pz.squareRoot()), .zero, .zero, r(-pz.squareRoot()))) }
    return QuantumChannel(trusted: ops, name: name ?? "pauli(\(px),\(py),\(pz))")
  }

  /// Amplitude damping: |1⟩ decays to |0⟩ with probability γ.
  /// - Throws: ``QuantumError/invalidParameter(name:value:allowed:)`` for γ outside [0, 1].
  public static func amplitudeDamping(_ gamma: Double) throws(QuantumError) -> QuantumChannel {
    try checkProbability(gamma, "amplitude damping γ")
    let ops = [
      m2(.one, .zero, .zero, r((1 - gamma).squareRoot())),
      m2(.zero, r(gamma.squareRoot()), .zero, .zero),
    ]
    return QuantumChannel(
      trusted: ops, name: "amplitudeDamping(\(gamma))", closedForm: .amplitudeDamping(gamma))
  }

  /// Generalized amplitude damping: relaxation with probability γ towards a thermal state whose
  /// excited-state population is `excitedPopulation` (0 gives ordinary amplitude damping).
  /// - Throws: ``QuantumError/invalidParameter(name:value:allowed:)`` for values outside [0, 1].
  public static func generalizedAmplitudeDamping(gamma: Double, excitedPopulation n: Double)
    throws(QuantumError) -> QuantumChannel
  {
    try checkProbability(gamma, "γ")
    try checkProbability(n, "excited population")
    let p = 1 - n
    let ops = [
      m2(r(p.squareRoot()), .zero, .zero, r((p * (1 - gamma)).squareRoot())),
      m2(.zero, r((p * gamma).squareRoot()), .zero, .zero),
      m2(r((n * (1 - gamma)).squareRoot()), .zero, .zero, r(n.squareRoot())),
      m2(.zero, .zero, r((n * gamma).squareRoot()), .zero),
    ]
    return QuantumChannel(trusted: ops, name: "generalizedAmplitudeDamping(\(gamma),\(n))")
  }

  /// The unitary channel ρ ↦ UρU†.
  public static func unitary(_ gate: Gate) -> QuantumChannel {
    QuantumChannel(trusted: [gate.matrix], name: gate.name)
  }
}
