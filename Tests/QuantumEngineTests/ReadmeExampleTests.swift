import QuantumEngine
import Testing

/// The README's "engine in ten lines" example, kept compiling and checked.
@Test func readmeExampleRunsAndPrintsWhatItSays() throws {
  var bell = try StateVector(qubitCount: 2)
  try bell.apply(.h, to: 0)
  try bell.apply(.cnot, to: [0, 1])
  var rho = try DensityMatrix(bell)
  try rho.apply(QuantumChannel.depolarizing(0.2), to: 1)
  #expect(abs(try rho.fidelity(with: DensityMatrix(bell)) - 0.85) < 1e-12)
  #expect(abs(try rho.reduced(keeping: [0]).entropy() - 1) < 1e-12)
  var rng = Xoshiro256StarStar(seed: 7)
  let counts = try bell.sample(shots: 1000, using: &rng)
  #expect(Set(counts.keys).isSubset(of: [0, 3]))
  #expect(counts.values.reduce(0, +) == 1000)
}
