import ComplexModule
import RealModule

/// The pure state of n qubits: 2^n complex amplitudes.
///
/// Qubit 0 is the least significant bit of a basis index (as in Qiskit and Qulacs): in
/// |q2 q1 q0⟩ the amplitude of |011⟩ (q0 = 1, q1 = 1) is `amplitudes[3]`. The amplitudes are kept in
/// an array with copy-on-write; kernels see them only through a closure-scoped buffer.
public struct StateVector: Sendable, Hashable, CustomStringConvertible {
  /// The largest register the engine allocates (2^30 amplitudes = 16 GiB).
  public static let maxQubits = 30

  /// The amplitudes, indexed by basis state.
  public internal(set) var amplitudes: [Complex<Double>]
  /// The number of qubits.
  public let qubitCount: Int

  /// The all-zero state |0…0⟩ on `qubitCount` qubits.
  /// - Throws: ``QuantumError/invalidQubitCount(_:allowed:)`` outside `1...maxQubits`.
  public init(qubitCount: Int) throws(QuantumError) {
    try self.init(basisState: 0, qubitCount: qubitCount)
  }

  /// The computational basis state |index⟩.
  /// - Throws: ``QuantumError/invalidQubitCount(_:allowed:)``, or
  ///   ``QuantumError/invalidParameter(name:value:allowed:)`` for an index outside `0..<2^n`.
  public init(basisState index: Int, qubitCount: Int) throws(QuantumError) {
    guard qubitCount >= 1, qubitCount <= StateVector.maxQubits else {
      throw .invalidQubitCount(qubitCount, allowed: "1...\(StateVector.maxQubits)")
    }
    guard index >= 0, index < 1 << qubitCount else {
      throw .invalidParameter(
        name: "basis index", value: Double(index), allowed: "0..<\(1 << qubitCount)")
    }
    var a = [Complex<Double>](repeating: .zero, count: 1 << qubitCount)
    a[index] = .one
    self.amplitudes = a
    self.qubitCount = qubitCount
  }

  /// A state from its amplitudes.
  /// - Throws: ``QuantumError/dimensionNotPowerOfTwo(_:)``, ``QuantumError/nonFinite(_:)``, or
  ///   ``QuantumError/notNormalized(norm:)`` when Σ|a|² differs from 1 by more than `tolerance`.
  public init(amplitudes: [Complex<Double>], tolerance: Double = defaultTolerance)
    throws(QuantumError)
  {
    let d = amplitudes.count
    guard d >= 2, d & (d - 1) == 0 else { throw .dimensionNotPowerOfTwo(d) }
    guard d <= 1 << StateVector.maxQubits else {
      throw .invalidQubitCount(d.trailingZeroBitCount, allowed: "1...\(StateVector.maxQubits)")
    }
    var norm = 0.0
    for z in amplitudes {
      guard z.real.isFinite && z.imaginary.isFinite else { throw .nonFinite("amplitudes") }
      norm += z.lengthSquared
    }
    guard abs(norm - 1) <= tolerance else { throw .notNormalized(norm: norm.squareRoot()) }
    self.amplitudes = amplitudes
    self.qubitCount = d.trailingZeroBitCount
  }

  /// A state from amplitudes that need not be normalised: they are divided by their norm.
  /// - Throws: as ``init(amplitudes:tolerance:)``, and ``QuantumError/zeroProbability(_:)`` for
  ///   the zero vector.
  public init(normalizing amplitudes: [Complex<Double>]) throws(QuantumError) {
    var norm = 0.0
    for z in amplitudes {
      guard z.real.isFinite && z.imaginary.isFinite else { throw .nonFinite("amplitudes") }
      norm += z.lengthSquared
    }
    guard norm > 0 else { throw .zeroProbability("the zero vector") }
    let s = 1 / norm.squareRoot()
    try self.init(amplitudes: amplitudes.map { $0.multiplied(by: s) })
  }

  /// Internal initialiser for amplitudes the engine produced itself.
  init(unchecked amplitudes: [Complex<Double>]) {
    self.amplitudes = amplitudes
    self.qubitCount = amplitudes.count.trailingZeroBitCount
  }

  /// The dimension 2^n.
  public var dimension: Int { amplitudes.count }

  /// Runs `body` on the amplitudes as interleaved doubles.
  mutating func withBuffer<R>(_ body: (AmplitudeBuffer) -> R) -> R {
    let n = amplitudes.count
    return amplitudes.withUnsafeMutableBufferPointer { buf in
      buf.withMemoryRebound(to: Double.self) { d in
        body(AmplitudeBuffer(base: d.baseAddress!, count: n))
      }
    }
  }

  /// Read-only variant of ``withBuffer(_:)`` (kernels that only read).
  func withReadBuffer<R>(_ body: (AmplitudeBuffer) -> R) -> R {
    let n = amplitudes.count
    return amplitudes.withUnsafeBufferPointer { buf in
      buf.withMemoryRebound(to: Double.self) { d in
        body(AmplitudeBuffer(base: UnsafeMutablePointer(mutating: d.baseAddress!), count: n))
      }
    }
  }

  /// Σ|a|², 1 for a valid state up to rounding.
  public var norm: Double { withReadBuffer { $0.sumSquares() }.squareRoot() }

  /// The tensor product: `self` keeps qubits `0..<n`, `other`'s qubits become `n..<n+m`.
  /// - Throws: ``QuantumError/invalidQubitCount(_:allowed:)`` beyond ``maxQubits``.
  public func tensor(_ other: StateVector) throws(QuantumError) -> StateVector {
    let total = qubitCount + other.qubitCount
    guard total <= StateVector.maxQubits else {
      throw .invalidQubitCount(total, allowed: "1...\(StateVector.maxQubits)")
    }
    var out = [Complex<Double>](repeating: .zero, count: 1 << total)
    let d = dimension
    for (j, b) in other.amplitudes.enumerated() where b != .zero {
      for (i, a) in amplitudes.enumerated() { out[i + j * d] = a * b }
    }
    return StateVector(unchecked: out)
  }

  /// ⟨self|other⟩.
  /// - Throws: ``QuantumError/dimensionMismatch(expected:actual:)``.
  public func inner(_ other: StateVector) throws(QuantumError) -> Complex<Double> {
    guard dimension == other.dimension else {
      throw .dimensionMismatch(expected: dimension, actual: other.dimension)
    }
    var re = 0.0
    var im = 0.0
    for i in 0..<dimension {
      let a = amplitudes[i]
      let b = other.amplitudes[i]
      re += a.real * b.real + a.imaginary * b.imaginary
      im += a.real * b.imaginary - a.imaginary * b.real
    }
    return Complex(re, im)
  }

  /// The fidelity |⟨self|other⟩|².
  /// - Throws: ``QuantumError/dimensionMismatch(expected:actual:)``.
  public func fidelity(with other: StateVector) throws(QuantumError) -> Double {
    try inner(other).lengthSquared
  }

  /// The probability of every basis state, |a_i|².
  public func probabilities() -> [Double] { amplitudes.map(\.lengthSquared) }

  /// Amplitudes with magnitude above 1e-12, as "a|i⟩" terms, with the basis index in binary
  /// (qubit 0 rightmost).
  public var description: String {
    var terms: [String] = []
    for (i, z) in amplitudes.enumerated() where z.lengthSquared > 1e-24 {
      let bits = String(i, radix: 2)
      let padded = String(repeating: "0", count: qubitCount - bits.count) + bits
      let re = (z.real * 1e4).rounded() / 1e4
      let im = (z.imaginary * 1e4).rounded() / 1e4
      let coeff = im == 0 ? "\(re)" : "(\(re)\(im < 0 ? "-" : "+")\(abs(im))i)"
      terms.append("\(coeff)|\(padded)⟩")
      if terms.count == 16 {
        terms.append("…")
        break
      }
    }
    return terms.joined(separator: " + ")
  }
}
