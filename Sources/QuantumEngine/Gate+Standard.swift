import ComplexModule
import RealModule

extension Gate {
  private static func one(_ name: String, _ rows: [[Complex<Double>]]) -> Gate {
    var e = [Complex<Double>](repeating: .zero, count: 4)
    for r in 0..<2 { for c in 0..<2 { e[r + 2 * c] = rows[r][c] } }
    return Gate(trusted: name, ComplexMatrix(uncheckedRows: 2, columns: 2, elements: e))
  }

  private static func c(_ re: Double, _ im: Double = 0) -> Complex<Double> { Complex(re, im) }

  /// The identity.
  public static let i = one("I", [[c(1), c(0)], [c(0), c(1)]])
  /// Pauli X (NOT).
  public static let x = one("X", [[c(0), c(1)], [c(1), c(0)]])
  /// Pauli Y.
  public static let y = one("Y", [[c(0), c(0, -1)], [c(0, 1), c(0)]])
  /// Pauli Z.
  public static let z = one("Z", [[c(1), c(0)], [c(0), c(-1)]])
  /// Hadamard.
  public static let h = one(
    "H",
    [
      [c(1 / 2.0.squareRoot()), c(1 / 2.0.squareRoot())],
      [c(1 / 2.0.squareRoot()), c(-1 / 2.0.squareRoot())],
    ])
  /// Phase gate S = diag(1, i).
  public static let s = one("S", [[c(1), c(0)], [c(0), c(0, 1)]])
  /// S† = diag(1, −i).
  public static let sdg = one("S†", [[c(1), c(0)], [c(0), c(0, -1)]])
  /// T = diag(1, e^{iπ/4}).
  public static let t = one("T", [[c(1), c(0)], [c(0), polar(1, .pi / 4)]])
  /// T† = diag(1, e^{−iπ/4}).
  public static let tdg = one("T†", [[c(1), c(0)], [c(0), polar(1, -.pi / 4)]])
  /// √X = ½[[1+i, 1−i], [1−i, 1+i]].
  public static let sx = one("√X", [[c(0.5, 0.5), c(0.5, -0.5)], [c(0.5, -0.5), c(0.5, 0.5)]])

  /// Rotation about X: exp(−iθX/2).
  public static func rx(_ theta: Double) -> Gate {
    let cs = Double.cos(theta / 2)
    let sn = Double.sin(theta / 2)
    return one("Rx(\(theta))", [[c(cs), c(0, -sn)], [c(0, -sn), c(cs)]])
  }
  /// Rotation about Y: exp(−iθY/2), a real matrix.
  public static func ry(_ theta: Double) -> Gate {
    let cs = Double.cos(theta / 2)
    let sn = Double.sin(theta / 2)
    return one("Ry(\(theta))", [[c(cs), c(-sn)], [c(sn), c(cs)]])
  }
  /// Rotation about Z: exp(−iθZ/2) = diag(e^{−iθ/2}, e^{iθ/2}).
  public static func rz(_ theta: Double) -> Gate {
    one("Rz(\(theta))", [[polar(1, -theta / 2), c(0)], [c(0), polar(1, theta / 2)]])
  }
  /// Phase gate diag(1, e^{iλ}).
  public static func phase(_ lambda: Double) -> Gate {
    one("P(\(lambda))", [[c(1), c(0)], [c(0), polar(1, lambda)]])
  }
  /// The general one-qubit gate U(θ, φ, λ) of OpenQASM 3:
  /// [[cos θ/2, −e^{iλ} sin θ/2], [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]].
  public static func u(_ theta: Double, _ phi: Double, _ lambda: Double) -> Gate {
    let cs = Double.cos(theta / 2)
    let sn = Double.sin(theta / 2)
    return one(
      "U(\(theta),\(phi),\(lambda))",
      [
        [c(cs), polar(-sn, lambda)],
        [polar(sn, phi), polar(cs, phi + lambda)],
      ])
  }

  /// CNOT with local qubit 0 the control and local qubit 1 the target: apply to `[control, target]`.
  public static let cnot: Gate = {
    var m = ComplexMatrix.zeros(4, 4)
    m[0, 0] = .one
    m[3, 1] = .one
    m[2, 2] = .one
    m[1, 3] = .one
    return Gate(trusted: "CNOT", m)
  }()
  /// Controlled Z (symmetric in its qubits).
  public static let cz = Gate(trusted: "CZ", .diagonal([.one, .one, .one, Complex(-1)]))
  /// SWAP.
  public static let swap: Gate = {
    var m = ComplexMatrix.zeros(4, 4)
    m[0, 0] = .one
    m[2, 1] = .one
    m[1, 2] = .one
    m[3, 3] = .one
    return Gate(name: "SWAP", matrixUncheckedNoStructure: m)
  }()
  /// Toffoli (CCNOT): apply to `[control0, control1, target]`.
  public static let toffoli: Gate = {
    var m = ComplexMatrix.identity(8)
    m[3, 3] = .zero
    m[7, 7] = .zero
    m[7, 3] = .one
    m[3, 7] = .one
    return Gate(trusted: "Toffoli", m)
  }()

  /// Builds SWAP without structure detection (which itself compares against SWAP).
  private init(name: String, matrixUncheckedNoStructure m: ComplexMatrix) {
    self.name = name
    self.matrix = m
    self.structure = .swap
  }
}

/// r·e^{iφ} for any real r (swift-numerics' `Complex(length:phase:)` requires r ≥ 0).
@inline(__always)
func polar(_ r: Double, _ phi: Double) -> Complex<Double> {
  Complex(r * Double.cos(phi), r * Double.sin(phi))
}
