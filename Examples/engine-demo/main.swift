// engine-demo: a Bell pair sent through a depolarizing channel, the engine's short tour.
//
//   swift run engine-demo [p ...]     (depolarizing strengths; default 0 0.1 0.2 … 1)
import Foundation
import QuantumEngine

func run() throws {
  let strengths = CommandLine.arguments.dropFirst().compactMap(Double.init)
  let ps = strengths.isEmpty ? stride(from: 0.0, through: 1.0, by: 0.1).map { $0 } : strengths

  var bell = try StateVector(qubitCount: 2)
  try bell.apply(.h, to: 0)
  try bell.apply(.cnot, to: [0, 1])
  print("Bell state |Φ+⟩ = \(bell)")
  let half = try bell.reducedDensityMatrix(keeping: [0])
  print(
    String(format: "entropy of one half: %.6f bit (maximal entanglement)\n", try half.entropy()))

  print("Qubit 1 travels through a depolarizing channel ρ ↦ (1 − p)ρ + p·I/2:")
  print("    p   fidelity  entropy(bits)  purity   CHSH S")
  let ideal = try DensityMatrix(bell)
  for p in ps {
    var rho = ideal
    try rho.apply(try QuantumChannel.depolarizing(p), to: 1)
    // CHSH with the optimal settings: S = ⟨A0B0⟩ + ⟨A0B1⟩ + ⟨A1B0⟩ − ⟨A1B1⟩ where A = Z, X and
    // B = (Z ± X)/√2, so S = √2 (⟨ZZ⟩ + ⟨XX⟩).
    let s =
      2.0.squareRoot()
      * (try rho.expectation(of: PauliString("ZZ"))
        + rho.expectation(of: PauliString("XX")))
    print(
      String(
        format: "  %.2f   %.4f     %.4f       %.4f   %.4f%@", p, try rho.fidelity(with: ideal),
        try rho.entropy(), rho.purity, s, s > 2 ? "  (violates Bell's bound 2)" : ""))
  }
}

do {
  try run()
} catch {
  FileHandle.standardError.write("engine-demo: \(error)\n".data(using: .utf8)!)
  exit(1)
}
