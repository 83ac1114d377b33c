import ComplexModule
import QuantumEngine
import Testing

@Test func bellPairHalfHasOneBitOfEntropy() throws {
  var psi = try StateVector(qubitCount: 2)
  try psi.apply(.h, to: 0)
  try psi.apply(.cnot, to: [0, 1])
  #expect(abs(psi.amplitudes[0].real - 0.5.squareRoot()) < 1e-12)
  #expect(abs(psi.amplitudes[3].real - 0.5.squareRoot()) < 1e-12)
  let half = try psi.reducedDensityMatrix(keeping: [0])
  #expect(abs(try half.entropy() - 1) < 1e-12)
  var rho = try DensityMatrix(psi)
  try rho.apply(try QuantumChannel.depolarizing(0.2), to: 0)
  let bell = try DensityMatrix(psi)
  let f = try rho.fidelity(with: bell)
  // Depolarizing p on one half of a Bell pair: F = 1 − 3p/4.
  #expect(abs(f - (1 - 0.75 * 0.2)) < 1e-10)
  #expect(abs(try psi.expectation(of: PauliString("ZZ")) - 1) < 1e-12)
  #expect(abs(try psi.expectation(of: PauliString("XX")) - 1) < 1e-12)
  #expect(abs(try psi.expectation(of: PauliString("YY")) + 1) < 1e-12)
  #expect(abs(try bell.expectation(of: PauliString("YY")) + 1) < 1e-12)
}
