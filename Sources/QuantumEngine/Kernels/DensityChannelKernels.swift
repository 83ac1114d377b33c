/// Closed-form one-qubit channel kernels on a vectorised density matrix.
///
/// For qubit q of an n-qubit density matrix, the ket bit is q and the bra bit is q + n, so every
/// quad (ρ00, ρ10, ρ01, ρ11) of that qubit sits at offsets (0, 1<<q, 1<<(q+n), both). The standard
/// channels act on a quad with real coefficients: populations mix, coherences scale.
extension AmplitudeBuffer {
  /// ρ00' = a·ρ00 + b·ρ11, ρ11' = c·ρ00 + d·ρ11, coherences ρ01, ρ10 multiplied by `s` (real).
  ///
  /// Depolarizing(p): a = d = 1 − p/2, b = c = p/2, s = 1 − p.
  /// Amplitude damping(γ): a = 1, b = γ, c = 0, d = 1 − γ, s = √(1 − γ).
  func applyPopulationCoherence(
    ket q: Int, bra qb: Int, a: Double, b: Double, c: Double, d: Double, s: Double
  ) {
    let p = base
    let oK = 2 << q
    let oB = 2 << qb
    let va = SIMD2(repeating: a)
    let vb = SIMD2(repeating: b)
    let vc = SIMD2(repeating: c)
    let vd = SIMD2(repeating: d)
    let vs = SIMD2(repeating: s)
    Parallelism.forEachRange(total: count >> 2, amplitudes: count) { k0, k1 in
      forEachQuadRun(k0, k1, low: q, high: qb) { i0, len in
        let x00 = p + 2 &* i0
        let x10 = x00 + oK
        let x01 = x00 + oB
        let x11 = x01 + oK
        var j = 0
        while j < 2 &* len {
          let u = load2(x00 + j)
          let v = load2(x11 + j)
          store2(va * u + vb * v, x00 + j)
          store2(vc * u + vd * v, x11 + j)
          store2(load2(x10 + j) * vs, x10 + j)
          store2(load2(x01 + j) * vs, x01 + j)
          j &+= 2
        }
      }
    }
  }

  /// Scales only the coherences of the qubit by `s` (dephasing: s = 1 − 2p): half the memory.
  func applyDephasing(ket q: Int, bra qb: Int, s: Double) {
    let p = base
    let oK = 2 << q
    let oB = 2 << qb
    Parallelism.forEachRange(total: count >> 2, amplitudes: count) { k0, k1 in
      forEachQuadRun(k0, k1, low: q, high: qb) { i0, len in
        let x10 = p + 2 &* i0 + oK
        let x01 = p + 2 &* i0 + oB
        for j in 0..<(2 &* len) {
          x10[j] *= s
          x01[j] *= s
        }
      }
    }
  }
}
