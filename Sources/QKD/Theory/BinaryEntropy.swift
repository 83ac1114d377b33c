import Foundation

/// The binary Shannon entropy h(p) = −p·log2 p − (1 − p)·log2(1 − p) in bits.
///
/// h(0) = h(1) = 0 (0·log 0 = 0); arguments outside [0, 1] are clamped to it, and NaN gives NaN.
/// It is the information Eve may hold per bit at error rate p and the Shannon limit
/// n·h(p) on the bits that error correction must disclose (Slepian & Wolf 1973).
public func binaryEntropy(_ p: Double) -> Double {
  if p.isNaN { return .nan }
  let q = min(max(p, 0), 1)
  if q == 0 || q == 1 { return 0 }
  return -q * log2(q) - (1 - q) * log2(1 - q)
}
