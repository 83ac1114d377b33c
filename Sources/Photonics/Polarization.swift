import ComplexModule
import QuantumEngine
import RealModule

/// The polarization of one photon, a qubit: |H⟩ = |0⟩ and |V⟩ = |1⟩.
///
/// Conventions (optics texts differ on the sign of circular polarization, so they are stated):
/// D = (H + V)/√2 (linear, +45°), A = (H − V)/√2 (−45°), R = (H + iV)/√2, L = (H − iV)/√2.
/// The Bloch vector is (⟨X⟩, ⟨Y⟩, ⟨Z⟩), so H, D and R sit at +z, +x and +y; the normalised
/// Stokes vector is (S1, S2, S3) = (⟨Z⟩, ⟨X⟩, ⟨Y⟩), so H, D and R have S1, S2 and S3 = +1.
/// The Jones vector (h, v) is the amplitude pair, identical to the engine's one-qubit
/// ``StateVector`` amplitudes (qubit 0 = least significant bit).
public struct Polarization: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The horizontal amplitude (Jones component along H).
  public let h: Complex<Double>
  /// The vertical amplitude (Jones component along V).
  public let v: Complex<Double>

  /// A polarization from a Jones vector, normalised to unit intensity.
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` for a non-finite or zero
  ///   vector.
  public init(jones h: Complex<Double>, _ v: Complex<Double>) throws(PhotonicsError) {
    let norm2 = h.lengthSquared + v.lengthSquared
    guard norm2.isFinite, norm2 > 1e-300 else {
      throw .invalidParameter(
        name: "Jones vector intensity", value: norm2, allowed: "finite and greater than 0")
    }
    let s = 1 / norm2.squareRoot()
    self.init(trusted: h.multiplied(by: s), v.multiplied(by: s))
  }

  init(trusted h: Complex<Double>, _ v: Complex<Double>) {
    self.h = h
    self.v = v
  }

  /// Linear polarization at `angle` radians from horizontal: cos θ·H + sin θ·V.
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` for a non-finite angle.
  public static func linear(angle: Double) throws(PhotonicsError) -> Polarization {
    try Check.finite(angle, "polarization angle")
    return Polarization(trusted: Complex(Double.cos(angle)), Complex(Double.sin(angle)))
  }

  /// Horizontal polarization |H⟩ = |0⟩.
  public static let horizontal = Polarization(trusted: .one, .zero)
  /// Vertical polarization |V⟩ = |1⟩.
  public static let vertical = Polarization(trusted: .zero, .one)
  /// Diagonal polarization |D⟩ = (|H⟩ + |V⟩)/√2.
  public static let diagonal = Polarization(
    trusted: Complex(0.5.squareRoot()), Complex(0.5.squareRoot()))
  /// Antidiagonal polarization |A⟩ = (|H⟩ − |V⟩)/√2.
  public static let antidiagonal = Polarization(
    trusted: Complex(0.5.squareRoot()), Complex(-0.5.squareRoot()))
  /// Right-circular polarization |R⟩ = (|H⟩ + i|V⟩)/√2 (S3 = +1 in this library's convention).
  public static let rightCircular = Polarization(
    trusted: Complex(0.5.squareRoot()), Complex(0, 0.5.squareRoot()))
  /// Left-circular polarization |L⟩ = (|H⟩ − i|V⟩)/√2 (S3 = −1).
  public static let leftCircular = Polarization(
    trusted: Complex(0.5.squareRoot()), Complex(0, -0.5.squareRoot()))

  /// A pure polarization from its normalised Stokes vector (S1, S2, S3), which must have length 1.
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` when the length is not 1
  ///   within 1e-9 (use ``StokesParameters`` for partial polarization).
  public init(stokes s1: Double, _ s2: Double, _ s3: Double) throws(PhotonicsError) {
    try self.init(bloch: s2, s3, s1)
  }

  /// A pure polarization from its Bloch vector (x, y, z), which must have length 1.
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` when the length is not 1
  ///   within 1e-9.
  public init(bloch x: Double, _ y: Double, _ z: Double) throws(PhotonicsError) {
    let r = (x * x + y * y + z * z).squareRoot()
    guard r.isFinite, abs(r - 1) <= 1e-9 else {
      throw .invalidParameter(
        name: "Bloch/Stokes vector length", value: r,
        allowed: "1 for a pure polarization (use StokesParameters for partial polarization)")
    }
    // |ψ⟩ = cos(θ/2)|0⟩ + e^{iφ} sin(θ/2)|1⟩ with z = cos θ, x + iy = sin θ e^{iφ}.
    let theta = Double.acos(max(-1, min(1, z / r)))
    let phi = Double.atan2(y: y, x: x)
    self.init(
      trusted: Complex(Double.cos(theta / 2)),
      Complex(length: Double.sin(theta / 2), phase: phi))
  }

  /// The Jones vector (h, v).
  public var jones: (h: Complex<Double>, v: Complex<Double>) { (h, v) }

  /// The Bloch vector (⟨X⟩, ⟨Y⟩, ⟨Z⟩).
  public var blochVector: (x: Double, y: Double, z: Double) {
    let c = h.conjugate * v  // ⟨ψ|0⟩⟨1|ψ⟩ conjugated: ρ_10 = v h̄
    return (2 * c.real, 2 * c.imaginary, h.lengthSquared - v.lengthSquared)
  }

  /// The normalised Stokes vector (S1, S2, S3) = (⟨Z⟩, ⟨X⟩, ⟨Y⟩).
  public var stokes: (s1: Double, s2: Double, s3: Double) {
    let b = blochVector
    return (b.z, b.x, b.y)
  }

  /// The probability that a photon of this polarization passes an ideal analyzer set to `other`:
  /// |⟨other|self⟩|² (Malus's law for linear polarizations).
  public func overlap(with other: Polarization) -> Double {
    (other.h.conjugate * h + other.v.conjugate * v).lengthSquared
  }

  /// The orthogonal polarization (the other output of an analyzer set to this one).
  public var orthogonal: Polarization {
    Polarization(trusted: -v.conjugate, h.conjugate)
  }

  /// The engine state vector of this polarization (one qubit).
  /// - Throws: ``PhotonicsError/engine(_:)`` (not expected: the vector is normalised).
  public func stateVector() throws(PhotonicsError) -> StateVector {
    try engine { () throws(QuantumError) in try StateVector(amplitudes: [h, v]) }
  }

  /// The engine density matrix |ψ⟩⟨ψ| of this polarization.
  /// - Throws: ``PhotonicsError/engine(_:)`` (not expected: the vector is normalised).
  public func densityMatrix() throws(PhotonicsError) -> DensityMatrix {
    let state = try stateVector()
    return try engine { () throws(QuantumError) in try DensityMatrix(state) }
  }

  /// The projector |ψ⟩⟨ψ| as a 2 × 2 matrix.
  var projector: ComplexMatrix {
    let a = [h, v]
    var elements = [Complex<Double>](repeating: .zero, count: 4)
    for c in 0..<2 { for r in 0..<2 { elements[r + 2 * c] = a[r] * a[c].conjugate } }
    return (try? ComplexMatrix(rows: 2, columns: 2, columnMajor: elements)) ?? .identity(2)
  }

  /// A short label (H, V, D, A, R, L when it is one of those, else the Stokes vector).
  public var description: String {
    let named: [(String, Polarization)] = [
      ("H", .horizontal), ("V", .vertical), ("D", .diagonal), ("A", .antidiagonal),
      ("R", .rightCircular), ("L", .leftCircular),
    ]
    for (name, p) in named where overlap(with: p) > 1 - 1e-12 { return name }
    let s = stokes
    return "Stokes(\(s.s1), \(s.s2), \(s.s3))"
  }
}

/// A measurement basis of polarization BB84: rectilinear (Z: H/V) or diagonal (X: D/A).
///
/// Bit 0 is H or D, bit 1 is V or A.
public enum Basis: UInt8, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// The H/V basis (Pauli Z).
  case rectilinear = 0
  /// The D/A basis (Pauli X).
  case diagonal = 1

  /// The polarization encoding `bit` (0 or 1; any other value counts as 1).
  public func state(bit: UInt8) -> Polarization {
    switch self {
    case .rectilinear: return bit == 0 ? .horizontal : .vertical
    case .diagonal: return bit == 0 ? .diagonal : .antidiagonal
    }
  }

  /// "Z" or "X".
  public var description: String { self == .rectilinear ? "Z" : "X" }
}

/// Stokes parameters of partially polarized light (or a mixed photon state): S0 = 1 and
/// (S1, S2, S3) with S1² + S2² + S3² ≤ 1, the degree of polarization.
public struct StokesParameters: Sendable, Hashable, Codable {
  /// ⟨Z⟩: horizontal minus vertical.
  public let s1: Double
  /// ⟨X⟩: diagonal minus antidiagonal.
  public let s2: Double
  /// ⟨Y⟩: right minus left circular.
  public let s3: Double

  /// Stokes parameters, checked to lie in the unit ball.
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` when non-finite or
  ///   longer than 1 (+1e-9).
  public init(s1: Double, s2: Double, s3: Double) throws(PhotonicsError) {
    let r = (s1 * s1 + s2 * s2 + s3 * s3).squareRoot()
    guard r.isFinite, r <= 1 + 1e-9 else {
      throw .invalidParameter(
        name: "degree of polarization", value: r, allowed: "a finite number in [0, 1]")
    }
    self.s1 = s1
    self.s2 = s2
    self.s3 = s3
  }

  /// The Stokes parameters of a one-qubit density matrix.
  /// - Throws: ``PhotonicsError/invalidConfiguration(_:)`` unless the state has one qubit.
  public init(_ state: DensityMatrix) throws(PhotonicsError) {
    guard state.qubitCount == 1 else {
      throw .invalidConfiguration(
        "Stokes parameters need a one-qubit state, got \(state.qubitCount) qubits")
    }
    let b = try engine { () throws(QuantumError) in try state.blochVector(of: 0) }
    try self.init(s1: b.z, s2: b.x, s3: b.y)
  }

  /// The degree of polarization √(S1² + S2² + S3²) (1 for a pure state).
  public var degreeOfPolarization: Double { (s1 * s1 + s2 * s2 + s3 * s3).squareRoot() }

  /// The density matrix (I + S2·X + S3·Y + S1·Z)/2.
  /// - Throws: ``PhotonicsError/engine(_:)`` (not expected for valid parameters).
  public func densityMatrix() throws(PhotonicsError) -> DensityMatrix {
    let m = try engine { () throws(QuantumError) in
      try ComplexMatrix([
        [Complex((1 + s1) / 2), Complex(s2 / 2, -s3 / 2)],
        [Complex(s2 / 2, s3 / 2), Complex((1 - s1) / 2)],
      ])
    }
    return try engine { () throws(QuantumError) in try DensityMatrix(matrix: m, tolerance: 1e-7) }
  }
}
