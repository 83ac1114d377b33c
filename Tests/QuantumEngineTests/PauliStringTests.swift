import QuantumEngine
import Testing

@Suite struct PauliStringTests {
  @Test func labelsPutQubitZeroRightmost() throws {
    let p = try PauliString("XIZ")
    #expect(p.operators == [2: .x, 0: .z])
    #expect(p.span == 3)
    #expect(p.description == "XIZ")
    let q = try PauliString(operators: [3: .y, 1: .i])
    #expect(q.operators == [3: .y] && q.description == "YIII")
    #expect(try PauliString("III").description == "I" && (try PauliString("")).span == 0)
  }

  /// ⟨Z_q⟩ on a basis state reads bit q: the rightmost label character is qubit 0.
  @Test func expectationOfSingleFactorsOnBasisStates() throws {
    let psi = try StateVector(basisState: 0b011, qubitCount: 3)
    #expect(try psi.expectation(of: PauliString("IIZ")) == -1)
    #expect(try psi.expectation(of: PauliString("IZI")) == -1)
    #expect(try psi.expectation(of: PauliString("ZII")) == 1)
    #expect(try psi.expectation(of: PauliString("ZZZ")) == 1)
    #expect(try psi.expectation(of: PauliString("")) == 1)
  }

  @Test func invalidLabelsAndRanges() throws {
    expectError(.invalidParameter) { try PauliString("XA") }
    expectError(.invalidQubit) { try PauliString(operators: [-1: .x]) }
    let psi = try StateVector(qubitCount: 2)
    expectError(.invalidQubit) { try psi.expectation(of: PauliString("XII")) }
    expectError(.invalidQubit) { try DensityMatrix(psi).expectation(of: PauliString("ZII")) }
  }
}
