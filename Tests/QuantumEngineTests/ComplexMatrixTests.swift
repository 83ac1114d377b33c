import ComplexModule
import QuantumEngine
import Testing

@Suite struct ComplexMatrixTests {
  @Test func rowsInitialiserStoresColumnMajor() throws {
    let m = try ComplexMatrix([[1, 2, 3], [4, 5, 6]])
    #expect(m.rows == 2 && m.columns == 3)
    #expect(m.elements == [1, 4, 2, 5, 3, 6])
    #expect(m[1, 2] == 6)
    #expect(m.transpose[2, 1] == 6)
  }

  @Test func smallProductAdjointTraceAndKron() throws {
    let a = try ComplexMatrix([[1, C(0, 1)], [2, 3]])
    let b = try ComplexMatrix([[0, 1], [C(1, -1), 4]])
    // By hand: a·b = [[1·0 + i(1−i), 1 + 4i], [3(1−i), 2 + 12]].
    let expected = try ComplexMatrix([[C(1, 1), C(1, 4)], [C(3, -3), 14]])
    #expect((a * b).maxDeviation(from: expected) < 1e-15)
    #expect(try a.multiplied(by: b) == a * b)
    #expect(a.adjoint[0, 1] == 2 && a.adjoint[1, 0] == C(0, -1))
    #expect(a.trace == 4)
    // kron: (a ⊗ b)[(i1·2 + i2), (j1·2 + j2)] = a[i1, j1]·b[i2, j2].
    let k = a.kron(b)
    for i1 in 0..<2 {
      for j1 in 0..<2 {
        for i2 in 0..<2 {
          for j2 in 0..<2 {
            #expect(k[i1 * 2 + i2, j1 * 2 + j2] == a[i1, j1] * b[i2, j2])
          }
        }
      }
    }
  }

  /// Products above 64³ multiply-adds go through `cblas_zgemm`; check them against a triple loop.
  @Test func blasProductMatchesTripleLoop() throws {
    var g = Xoshiro256StarStar(seed: 11)
    let (r, k, c) = (70, 66, 72)
    let a = try matrix(r, k, (0..<(r * k)).map { _ in C(gaussian(&g), gaussian(&g)) })
    let b = try matrix(k, c, (0..<(k * c)).map { _ in C(gaussian(&g), gaussian(&g)) })
    let p = a * b
    var worst = 0.0
    for i in 0..<r {
      for j in 0..<c {
        var s = C.zero
        for l in 0..<k { s += a[i, l] * b[l, j] }
        worst = max(worst, (s - p[i, j]).length)
      }
    }
    #expect(p.rows == r && p.columns == c)
    #expect(worst < 1e-11)
  }

  @Test func unitarityAndHermiticityDeviations() throws {
    var g = Xoshiro256StarStar(seed: 12)
    let u = try randomUnitary(8, &g)
    #expect(u.unitarityDeviation < 1e-13)
    let notUnitary = try ComplexMatrix([[1, 1], [0, 1]])
    #expect(abs(notUnitary.unitarityDeviation - 1) < 1e-15)
    let h = try u.adding(u.adjoint)
    #expect(h.hermiticityDeviation < 1e-15)
    #expect(abs(u.hermiticityDeviation) > 1e-3)
  }

  /// A = V·diag(λ)·V† with V unitary and λ ascending, for a Hermitian matrix with known spectrum.
  @Test func hermitianEigenReconstructsTheMatrix() throws {
    var g = Xoshiro256StarStar(seed: 13)
    let d = 6
    let v = try randomUnitary(d, &g)
    let spectrum: [Double] = [-2, -0.5, 0, 0.25, 1, 3]
    let a = v * ComplexMatrix.diagonal(spectrum.map { C($0) }) * v.adjoint
    let sym = try a.adding(a.adjoint).scaled(by: C(0.5))
    let (values, vectors) = try sym.hermitianEigen()
    for (x, y) in zip(values, spectrum) { #expect(abs(x - y) < 1e-12) }
    #expect(vectors.unitarityDeviation < 1e-12)
    let rebuilt = vectors * ComplexMatrix.diagonal(values.map { C($0) }) * vectors.adjoint
    #expect(rebuilt.maxDeviation(from: sym) < 1e-12)
  }

  @Test func psdSquareRootSquaresBack() throws {
    var g = Xoshiro256StarStar(seed: 14)
    let rho = try randomDensityMatrix(qubits: 2, rank: 3, &g).matrix
    let root = try rho.psdSquareRoot()
    #expect((root * root).maxDeviation(from: rho) < 1e-12)
    #expect(root.hermiticityDeviation < 1e-12)
    #expect(try root.hermitianEigenvalues().allSatisfy { $0 > -1e-12 })
  }

  @Test func shapeErrors() throws {
    let a = try ComplexMatrix([[1, 2, 3]])
    let b = try ComplexMatrix([[1, 2]])
    expectError(.dimensionMismatch) { try a.multiplied(by: b) }
    expectError(.dimensionMismatch) { try a.adding(b) }
    expectError(.dimensionMismatch) { try ComplexMatrix([[1, 2], [3]]) }
    expectError(.empty) { try ComplexMatrix([]) }
    expectError(.dimensionMismatch) { try ComplexMatrix(rows: 2, columns: 2, columnMajor: [1]) }
    expectError(.invalidParameter) { try ComplexMatrix(rows: 0, columns: 2, columnMajor: []) }
    expectError(.nonFinite) { try ComplexMatrix(rows: 1, columns: 1, columnMajor: [C(.nan, 0)]) }
    expectError(.notHermitian) { try ComplexMatrix([[1, 2], [0, 1]]).hermitianEigen() }
    expectError(.dimensionMismatch) { try a.hermitianEigen() }
  }

  /// The public `*` must not trap on shapes that do not chain (project rule: no traps reachable
  /// from the public API): it returns a NaN matrix, and `multiplied(by:)` throws. Run in a child
  /// process (exit test) so a regression fails one test instead of the run.
  @Test
  func mismatchedProductDoesNotTrap() async throws {
    await #expect(processExitsWith: .success) {
      let a = try ComplexMatrix([[1, 2, 3]])
      let b = try ComplexMatrix([[1, 2]])
      _ = a * b
    }
    let a = try ComplexMatrix([[1, 2, 3]])
    let b = try ComplexMatrix([[1, 2]])
    let poisoned = a * b
    #expect(poisoned.rows == 1 && poisoned.columns == 2)
    #expect(poisoned.elements.allSatisfy { $0.real.isNaN })
    expectError(.dimensionMismatch) { try a.multiplied(by: b) }
  }
}
