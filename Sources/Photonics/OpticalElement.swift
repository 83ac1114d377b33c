import ComplexModule
import QuantumEngine
import RealModule

/// A linear optical element acting on polarization, described by its 2 × 2 Jones matrix.
///
/// Wave plates and rotators are unitary (``gate()``, ``channel()``); a polarizer is a filter
/// whose Jones matrix K satisfies K†K ≤ I, so it transmits a photon with probability tr(KρK†)
/// (``transmission(of:)``). Angles are in radians, measured from horizontal.
public struct OpticalElement: Sendable, Hashable, CustomStringConvertible {
  /// A short name ("HWP(0.3927)").
  public let name: String
  /// The Jones matrix (column-major, acting on (h, v)).
  public let jonesMatrix: ComplexMatrix

  init(
    name: String, rowMajor a: Complex<Double>, _ b: Complex<Double>, _ c: Complex<Double>,
    _ d: Complex<Double>
  ) {
    self.name = name
    self.jonesMatrix =
      (try? ComplexMatrix(rows: 2, columns: 2, columnMajor: [a, c, b, d])) ?? .identity(2)
  }

  /// A wave plate (linear retarder) with retardance `retardance` and fast axis at `angle`:
  /// J = R(−θ)·diag(1, e^{iΓ})·R(θ), global phase dropped (Hecht, Optics, §8.12 / Jones 1941).
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` for non-finite input.
  public static func wavePlate(retardance: Double, angle: Double) throws(PhotonicsError)
    -> OpticalElement
  {
    try Check.finite(retardance, "wave plate retardance")
    try Check.finite(angle, "wave plate angle")
    let c = Double.cos(angle)
    let s = Double.sin(angle)
    let e = Complex(length: 1, phase: retardance)
    let off = (Complex(1) - e).multiplied(by: c * s)
    return OpticalElement(
      name: "WP(Γ=\(retardance), θ=\(angle))",
      rowMajor: Complex(c * c) + e.multiplied(by: s * s), off,
      off, Complex(s * s) + e.multiplied(by: c * c))
  }

  /// A half-wave plate with fast axis at `angle`: linear polarization at φ leaves at 2θ − φ.
  /// Jones matrix [[cos 2θ, sin 2θ], [sin 2θ, −cos 2θ]].
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` for a non-finite angle.
  public static func halfWavePlate(angle: Double) throws(PhotonicsError) -> OpticalElement {
    try Check.finite(angle, "half-wave plate angle")
    let c = Double.cos(2 * angle)
    let s = Double.sin(2 * angle)
    return OpticalElement(
      name: "HWP(\(angle))", rowMajor: Complex(c), Complex(s), Complex(s), Complex(-c))
  }

  /// A quarter-wave plate with fast axis at `angle` (retardance π/2): at 45° it turns H into a
  /// circular polarization.
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` for a non-finite angle.
  public static func quarterWavePlate(angle: Double) throws(PhotonicsError) -> OpticalElement {
    let plate = try wavePlate(retardance: .pi / 2, angle: angle)
    return OpticalElement(name: "QWP(\(angle))", matrix: plate.jonesMatrix)
  }

  /// A polarization rotator (e.g. a Faraday rotator or a twisted fibre section) turning linear
  /// polarization by `angle`: [[cos α, −sin α], [sin α, cos α]].
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` for a non-finite angle.
  public static func rotator(angle: Double) throws(PhotonicsError) -> OpticalElement {
    try Check.finite(angle, "rotator angle")
    let c = Double.cos(angle)
    let s = Double.sin(angle)
    return OpticalElement(
      name: "Rot(\(angle))", rowMajor: Complex(c), Complex(-s), Complex(s), Complex(c))
  }

  /// A linear polarizer transmitting polarization at `angle`; with a finite `extinctionRatio`
  /// (ratio of transmitted power for the passing and the blocked polarization, ≥ 1; nil = ideal)
  /// the orthogonal polarization leaks with probability 1/extinctionRatio.
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` for a non-finite angle or
  ///   an extinction ratio below 1.
  public static func linearPolarizer(angle: Double, extinctionRatio: Double? = nil)
    throws(PhotonicsError) -> OpticalElement
  {
    try Check.finite(angle, "polarizer angle")
    var leak = 0.0
    if let er = extinctionRatio {
      guard er.isFinite, er >= 1 else {
        throw .invalidParameter(
          name: "polarizer extinction ratio", value: er, allowed: "a finite number ≥ 1 (or nil)")
      }
      leak = (1 / er).squareRoot()
    }
    let c = Double.cos(angle)
    let s = Double.sin(angle)
    // K = |θ⟩⟨θ| + √(1/ER)·|θ⊥⟩⟨θ⊥| with |θ⟩ = (c, s), |θ⊥⟩ = (−s, c).
    return OpticalElement(
      name: "Pol(\(angle))",
      rowMajor: Complex(c * c + leak * s * s), Complex(c * s * (1 - leak)),
      Complex(c * s * (1 - leak)), Complex(s * s + leak * c * c))
  }

  init(name: String, matrix: ComplexMatrix) {
    self.name = name
    self.jonesMatrix = matrix
  }

  /// Whether the element is lossless (its Jones matrix is unitary within 1e-10).
  public var isUnitary: Bool { jonesMatrix.unitarityDeviation <= 1e-10 }

  /// The element followed by `next` (Jones matrices multiply right to left).
  public func then(_ next: OpticalElement) -> OpticalElement {
    OpticalElement(name: name + "→" + next.name, matrix: next.jonesMatrix * jonesMatrix)
  }

  /// The element as an engine gate.
  /// - Throws: ``PhotonicsError/invalidConfiguration(_:)`` for a lossy element (a polarizer).
  public func gate() throws(PhotonicsError) -> Gate {
    guard isUnitary else {
      throw .invalidConfiguration("\(name) is lossy, not unitary; use transmission(of:) instead")
    }
    let m = jonesMatrix
    return try engine { () throws(QuantumError) in try Gate(name: name, matrix: m, tolerance: 1e-9)
    }
  }

  /// The element as a (unitary) quantum channel.
  /// - Throws: as ``gate()``.
  public func channel() throws(PhotonicsError) -> QuantumChannel {
    QuantumChannel.unitary(try gate())
  }

  /// The probability that a photon in `state` passes, and its state afterwards (nil when it
  /// certainly does not pass): p = tr(KρK†), ρ' = KρK†/p.
  /// - Throws: ``PhotonicsError/invalidConfiguration(_:)`` unless `state` has one qubit.
  public func transmission(of state: DensityMatrix) throws(PhotonicsError) -> (
    probability: Double, output: DensityMatrix?
  ) {
    guard state.qubitCount == 1 else {
      throw .invalidConfiguration("optical elements act on one photon (one qubit)")
    }
    let out = jonesMatrix * state.matrix * jonesMatrix.adjoint
    let p = max(0, out.trace.real)
    guard p > 1e-300 else { return (0, nil) }
    let rho = try engine { () throws(QuantumError) in
      try DensityMatrix(matrix: out.scaled(by: Complex(1 / p)), tolerance: 1e-7)
    }
    return (min(1, p), rho)
  }

  /// The transmission probability and output polarization for a pure input.
  public func transmission(of state: Polarization) -> (probability: Double, output: Polarization?) {
    let m = jonesMatrix
    let h = m[0, 0] * state.h + m[0, 1] * state.v
    let v = m[1, 0] * state.h + m[1, 1] * state.v
    let p = h.lengthSquared + v.lengthSquared
    return (min(1, p), try? Polarization(jones: h, v))
  }

  /// The element's name.
  public var description: String { name }
}
