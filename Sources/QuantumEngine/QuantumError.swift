/// Everything that can be wrong with input to the engine.
///
/// The engine validates at its public boundary (as QuEST does) and throws one of these cases with a
/// message that says what was wrong and what is allowed; kernels then assume valid input.
public enum QuantumError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A qubit index outside `0..<qubitCount`.
  case invalidQubit(index: Int, qubitCount: Int)
  /// The same qubit named twice where distinct qubits are required.
  case duplicateQubit(Int)
  /// A qubit count that is negative, zero where one is needed, or beyond what fits in memory.
  case invalidQubitCount(Int, allowed: String)
  /// A length that is not a power of two where a register dimension is needed.
  case dimensionNotPowerOfTwo(Int)
  /// Two objects whose sizes must agree did not.
  case dimensionMismatch(expected: Int, actual: Int)
  /// A state whose norm (or trace) is not 1 within tolerance.
  case notNormalized(norm: Double)
  /// A NaN or infinite number in input.
  case nonFinite(String)
  /// A matrix that should be unitary is not: `deviation` is max |U†U − I|.
  case notUnitary(deviation: Double)
  /// A matrix that should be Hermitian is not: `deviation` is max |A − A†|.
  case notHermitian(deviation: Double)
  /// A matrix that should be positive semidefinite has a negative eigenvalue.
  case notPositive(minEigenvalue: Double)
  /// A Kraus set with Σ K†K ≠ I: `deviation` is the largest entry of |Σ K†K − I|.
  case notTracePreserving(deviation: Double)
  /// POVM elements that do not sum to the identity.
  case povmNotComplete(deviation: Double)
  /// A probability outside [0, 1] (or a parameter outside its allowed range).
  case invalidParameter(name: String, value: Double, allowed: String)
  /// An empty list where at least one element is needed.
  case empty(String)
  /// A LAPACK routine reported failure.
  case lapackFailure(routine: String, info: Int)
  /// An operation needs nonzero probability (e.g. collapsing onto an impossible outcome).
  case zeroProbability(String)

  /// A sentence saying what was wrong and what is allowed.
  public var description: String {
    switch self {
    case .invalidQubit(let i, let n):
      return "qubit index \(i) is out of range: this register has \(n) qubits, allowed 0...\(n - 1)"
    case .duplicateQubit(let q):
      return "qubit \(q) is listed more than once; the qubits of one operation must be distinct"
    case .invalidQubitCount(let n, let allowed):
      return "qubit count \(n) is not allowed; allowed: \(allowed)"
    case .dimensionNotPowerOfTwo(let d):
      return "dimension \(d) is not a power of two; a register of n qubits has dimension 2^n"
    case .dimensionMismatch(let e, let a):
      return "dimension mismatch: expected \(e), got \(a)"
    case .notNormalized(let norm):
      return "state is not normalised (norm or trace \(norm)); it must be 1 within 1e-8"
    case .nonFinite(let what):
      return "\(what) contains NaN or infinity; all entries must be finite"
    case .notUnitary(let d):
      return "matrix is not unitary: max |U†U − I| = \(d), allowed ≤ 1e-8"
    case .notHermitian(let d):
      return "matrix is not Hermitian: max |A − A†| = \(d), allowed ≤ 1e-8"
    case .notPositive(let e):
      return "matrix is not positive semidefinite: smallest eigenvalue \(e), allowed ≥ −1e-8"
    case .notTracePreserving(let d):
      return "Kraus operators are not trace preserving: max |Σ K†K − I| = \(d), allowed ≤ 1e-8"
    case .povmNotComplete(let d):
      return "POVM elements do not sum to the identity: max deviation \(d), allowed ≤ 1e-8"
    case .invalidParameter(let name, let value, let allowed):
      return "\(name) = \(value) is not allowed; allowed: \(allowed)"
    case .empty(let what):
      return "\(what) is empty; at least one element is required"
    case .lapackFailure(let routine, let info):
      return "LAPACK \(routine) failed with info = \(info)"
    case .zeroProbability(let what):
      return "\(what) has probability zero"
    }
  }
}

/// Default tolerance for unitarity, normalisation, trace preservation and positivity checks.
public let defaultTolerance: Double = 1e-8

@inline(__always)
func checkProbability(_ p: Double, _ name: String) throws(QuantumError) {
  guard p.isFinite, p >= 0, p <= 1 else {
    throw .invalidParameter(name: name, value: p, allowed: "a probability in [0, 1]")
  }
}

@inline(__always)
func checkFinite(_ x: Double, _ name: String) throws(QuantumError) {
  guard x.isFinite else { throw .nonFinite(name) }
}

/// Validates a list of distinct qubit indices for an `n`-qubit register.
func validateQubits(_ qubits: [Int], qubitCount n: Int) throws(QuantumError) {
  guard !qubits.isEmpty else { throw .empty("qubit list") }
  var seen: UInt64 = 0
  for q in qubits {
    guard q >= 0, q < n else { throw .invalidQubit(index: q, qubitCount: n) }
    guard seen & (1 << UInt64(q)) == 0 else { throw .duplicateQubit(q) }
    seen |= 1 << UInt64(q)
  }
}
