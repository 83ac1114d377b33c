import ComplexModule
import RealModule

extension StateVector {
  /// Measures `qubits` in the computational basis and collapses the state.
  ///
  /// Bit j of the returned outcome is the result on `qubits[j]`.
  /// - Throws: ``QuantumError/invalidQubit(index:qubitCount:)`` or
  ///   ``QuantumError/duplicateQubit(_:)``; the state is unchanged on error.
  public mutating func measure<G: RandomNumberGenerator>(
    qubits: [Int], using generator: inout G
  ) throws(QuantumError) -> Int {
    try validateQubits(qubits, qubitCount: qubitCount)
    var outcome = 0
    for (j, q) in qubits.enumerated() {
      let mask = 1 << q
      let p1 = withReadBuffer { $0.sumSquares(mask: mask, value: mask) }
      let total = withReadBuffer { $0.sumSquares() }
      let r = Double.random(in: 0..<1, using: &generator) * total
      let one = r < p1
      let kept = one ? p1 : total - p1
      if one { outcome |= 1 << j }
      withBuffer { $0.scale(1 / kept.squareRoot(), keepMask: mask, value: one ? mask : 0) }
    }
    return outcome
  }

  /// The probability of each outcome of measuring `qubits` (bit j of the outcome index is
  /// `qubits[j]`), without collapsing.
  /// - Throws: ``QuantumError/invalidQubit(index:qubitCount:)`` or
  ///   ``QuantumError/duplicateQubit(_:)``.
  public func probabilities(of qubits: [Int]) throws(QuantumError) -> [Double] {
    try validateQubits(qubits, qubitCount: qubitCount)
    var out = [Double](repeating: 0, count: 1 << qubits.count)
    for (i, z) in amplitudes.enumerated() {
      var o = 0
      for (j, q) in qubits.enumerated() where i & (1 << q) != 0 { o |= 1 << j }
      out[o] += z.lengthSquared
    }
    let total = out.reduce(0, +)
    return out.map { $0 / total }
  }

  /// Draws `shots` measurement outcomes of `qubits` without collapsing the state, returning counts
  /// per outcome (bit j of an outcome is `qubits[j]`; all qubits when `qubits` is nil).
  ///
  /// Counts come from a sequential binomial decomposition of the multinomial, so the cost follows
  /// the number of outcomes, not of shots.
  /// - Throws: ``QuantumError/invalidParameter(name:value:allowed:)`` for negative shots, or
  ///   qubit errors.
  public func sample<G: RandomNumberGenerator>(
    shots: Int, qubits: [Int]? = nil, using generator: inout G
  ) throws(QuantumError) -> [Int: Int] {
    guard shots >= 0 else {
      throw .invalidParameter(name: "shots", value: Double(shots), allowed: "≥ 0")
    }
    let probs = try probabilities(of: qubits ?? Array(0..<qubitCount))
    let counts = Sampling.multinomial(shots, probs, using: &generator)
    var out: [Int: Int] = [:]
    for (o, c) in counts.enumerated() where c > 0 { out[o] = c }
    return out
  }

  /// ⟨ψ|P|ψ⟩ for a Pauli string.
  /// - Throws: ``QuantumError/invalidQubit(index:qubitCount:)`` when the string acts beyond the
  ///   register.
  public func expectation(of pauli: PauliString) throws(QuantumError) -> Double {
    guard pauli.span <= qubitCount else {
      throw .invalidQubit(index: pauli.span - 1, qubitCount: qubitCount)
    }
    let m = pauli.masks
    return withReadBuffer { $0.pauliExpectation(xMask: m.x, zMask: m.z, yCount: m.y) }
  }

  /// The reduced density matrix of `keeping` (in that order: kept qubit j becomes qubit j), tracing
  /// out the rest; computed as M·M† with `cblas_zgemm`-sized products for large registers.
  /// - Throws: qubit errors.
  public func reducedDensityMatrix(keeping: [Int]) throws(QuantumError) -> DensityMatrix {
    try validateQubits(keeping, qubitCount: qubitCount)
    let rest = (0..<qubitCount).filter { !keeping.contains($0) }
    let da = 1 << keeping.count
    let db = 1 << rest.count
    // M[a, b] = ψ(a on kept, b on rest), column-major da × db.
    var m = [Complex<Double>](repeating: .zero, count: da * db)
    for (i, z) in amplitudes.enumerated() {
      var a = 0
      var b = 0
      for (j, q) in keeping.enumerated() where i & (1 << q) != 0 { a |= 1 << j }
      for (j, q) in rest.enumerated() where i & (1 << q) != 0 { b |= 1 << j }
      m[a + b * da] = z
    }
    let mat = ComplexMatrix(uncheckedRows: da, columns: db, elements: m)
    return DensityMatrix(uncheckedMatrix: mat * mat.adjoint)
  }
}

/// Sampling helpers shared by the engine and the layers above it.
public enum Sampling {
  /// A binomial(n, p) draw: by inversion for small n·p and by a normal-free exact method
  /// (sequential geometric skipping) otherwise; exact for all n, p.
  public static func binomial<G: RandomNumberGenerator>(_ n: Int, _ p: Double, using g: inout G)
    -> Int
  {
    // Iterative (not recursive): the loop runs O(log n) rounds, and deep recursion would overflow
    // the small stacks of concurrency worker threads. The answer is `result + sign·B(n, p)`.
    var n = n
    var p = p
    var result = 0
    var sign = 1
    while true {
      // NaN probabilities count as 0 rather than trapping.
      if n <= 0 || !(p > 0) { return result }
      if p >= 1 { return result + sign * n }
      if p > 0.5 {
        // B(n, p) = n − B(n, 1 − p).
        result += sign * n
        sign = -sign
        p = 1 - p
        continue
      }
      if Double(n) * p < 30 {
        // Count successes by skipping geometrically distributed gaps: cost O(n·p).
        let logq = Double.log(onePlus: -p)
        var count = 0
        var pos = 0
        while true {
          let u = Double.random(in: Double.ulpOfOne..<1, using: &g)
          // For tiny p the gap can exceed Int.max; compare as Double before converting.
          let gap = (Double.log(u) / logq).rounded(.down) + 1
          if gap > Double(n - pos) { return result + sign * count }
          pos += Int(gap)
          count += 1
        }
      }
      if n <= 64 {
        var c = 0
        for _ in 0..<n where Double.random(in: 0..<1, using: &g) < p { c += 1 }
        return result + sign * c
      }
      // Order-statistic step (exact): the k-th smallest of n uniforms is Beta(k, n + 1 − k);
      // whether it lies below p splits the count into a smaller binomial.
      let k = n - n / 2  // ⌈n/2⌉ without overflow at Int.max
      let x = beta(Double(k), Double(n + 1 - k), using: &g)
      if x <= p {
        result += sign * k
        n -= k
        p = (p - x) / (1 - x)
      } else {
        n = k - 1
        p = p / x
      }
    }
  }

  /// A standard normal draw (Box–Muller).
  public static func normal<G: RandomNumberGenerator>(using g: inout G) -> Double {
    let u1 = Double.random(in: Double.ulpOfOne..<1, using: &g)
    let u2 = Double.random(in: 0..<1, using: &g)
    return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * .pi * u2)
  }

  /// A Gamma(shape, 1) draw (Marsaglia & Tsang 2000; shape < 1 by the boost u^{1/a}).
  public static func gamma<G: RandomNumberGenerator>(_ shape: Double, using g: inout G) -> Double {
    guard shape.isFinite, shape > 0 else { return .nan }
    if shape < 1 {
      let u = Double.random(in: Double.ulpOfOne..<1, using: &g)
      return gamma(shape + 1, using: &g) * Double.pow(u, 1 / shape)
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x = 0.0
      var v = 0.0
      repeat {
        x = normal(using: &g)
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = Double.random(in: Double.ulpOfOne..<1, using: &g)
      if Double.log(u) < 0.5 * x * x + d - d * v + d * Double.log(v) { return d * v }
    }
  }

  /// A Beta(a, b) draw from two gamma draws.
  public static func beta<G: RandomNumberGenerator>(_ a: Double, _ b: Double, using g: inout G)
    -> Double
  {
    let x = gamma(a, using: &g)
    let y = gamma(b, using: &g)
    return x / (x + y)
  }

  /// A multinomial draw of `n` trials over `probabilities` (normalised by their sum), by the
  /// sequential conditional-binomial method.
  public static func multinomial<G: RandomNumberGenerator>(
    _ n: Int, _ probabilities: [Double], using g: inout G
  ) -> [Int] {
    var out = [Int](repeating: 0, count: probabilities.count)
    // Negative or NaN probabilities count as 0; a negative number of trials draws nothing.
    let probabilities = probabilities.map { $0 > 0 && $0.isFinite ? $0 : 0 }
    var remaining = max(0, n)
    var mass = probabilities.reduce(0, +)
    for (i, p) in probabilities.enumerated() {
      if remaining == 0 || mass <= 0 { break }
      if i == probabilities.count - 1 {
        out[i] = remaining
        break
      }
      let c = binomial(remaining, min(1, max(0, p / mass)), using: &g)
      out[i] = c
      remaining -= c
      mass -= p
    }
    return out
  }
}
