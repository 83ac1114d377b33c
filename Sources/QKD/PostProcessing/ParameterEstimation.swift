import ClassicalCrypto
import Foundation

/// The error rate measured on a disclosed random sample and its finite-size upper bound.
public struct ParameterEstimate: Sendable, Hashable, Codable {
  /// The number of disclosed (sampled) bits m.
  public var sampleSize: Int
  /// The number of sampled positions where Alice and Bob differ.
  public var sampleErrors: Int
  /// The number of bits kept for the key, n.
  public var remainingBits: Int
  /// The sample error rate k/m.
  public var observedQBER: Double
  /// The upper confidence bound on the error rate of the remaining n bits, failing with
  /// probability at most ``epsilon``.
  public var qberUpperBound: Double
  /// ε_PE.
  public var epsilon: Double
}

/// The remaining keys after sampling, with the estimate.
public struct ParameterEstimationResult: Sendable {
  /// The estimate.
  public var estimate: ParameterEstimate
  /// Alice's key without the disclosed positions.
  public var aliceKey: BitVector
  /// Bob's key without the disclosed positions.
  public var bobKey: BitVector
  /// The disclosed positions, ascending.
  public var sampleIndices: [Int]
}

/// Parameter estimation: Alice and Bob disclose a uniformly random subset of their sifted bits,
/// count the disagreements, and bound the error rate of the undisclosed rest.
///
/// The bound is the sampling-without-replacement (Serfling) bound used by Tomamichel, Lim,
/// Gisin & Renner, Nat. Commun. 3, 634 (2012): with k errors in m sampled bits and n bits kept,
/// Pr[λ_key > k/m + μ] ≤ ε_PE for μ = √( (n + m)/(n·m) · (m + 1)/m · ln(1/ε_PE) ).
/// For BB84 with symmetric bases the same bound serves for the phase-error rate.
public enum ParameterEstimation {
  /// The upper bound k/m + μ (capped at 1/2 for reporting is not applied; it may exceed it).
  /// - Throws: ``PostProcessingError/invalidParameter(name:value:allowed:)`` unless
  ///   0 ≤ k ≤ m, m ≥ 1, n ≥ 1 and 0 < ε < 1.
  public static func qberUpperBound(
    sampleErrors k: Int, sampleSize m: Int, remainingBits n: Int, epsilon: Double
  ) throws(PostProcessingError) -> Double {
    guard m >= 1 else {
      throw .invalidParameter(name: "sample size", value: Double(m), allowed: "≥ 1")
    }
    guard k >= 0, k <= m else {
      throw .invalidParameter(name: "sample errors", value: Double(k), allowed: "in 0...\(m)")
    }
    guard n >= 1 else {
      throw .invalidParameter(name: "remaining bits", value: Double(n), allowed: "≥ 1")
    }
    try requireEpsilon("epsilon_PE", epsilon)
    let dn = Double(n)
    let dm = Double(m)
    let mu = sqrt((dn + dm) / (dn * dm) * (dm + 1) / dm * log(1 / epsilon))
    return Double(k) / dm + mu
  }

  /// Samples `sampleSize` positions uniformly without replacement, compares them, removes them
  /// from both keys and bounds the remaining error rate.
  /// - Parameters:
  ///   - maximumQBER: the error rate at which no key remains (11 % for BB84 with one-way
  ///     post-processing, where 1 − 2h(Q) = 0); the run aborts when the bound reaches it.
  /// - Throws: ``PostProcessingError/keyLengthMismatch(_:_:)``,
  ///   ``PostProcessingError/invalidParameter(name:value:allowed:)`` (sample size outside
  ///   1..<count, ε_PE or threshold out of range) and
  ///   ``PostProcessingError/aborted(_:)`` with ``KeyAbortReason/qberAboveThreshold(upperBound:threshold:)``.
  public static func estimate<G: RandomNumberGenerator>(
    alice: BitVector, bob: BitVector, sampleSize: Int, epsilon: Double,
    maximumQBER: Double = 0.11, using generator: inout G
  ) throws(PostProcessingError) -> ParameterEstimationResult {
    guard alice.count == bob.count else { throw .keyLengthMismatch(alice.count, bob.count) }
    let total = alice.count
    guard sampleSize >= 1, sampleSize < total else {
      throw .invalidParameter(
        name: "sample size", value: Double(sampleSize), allowed: "in 1..<\(total) (the key length)")
    }
    try requireEpsilon("epsilon_PE", epsilon)
    guard maximumQBER.isFinite, maximumQBER > 0, maximumQBER <= 0.5 else {
      throw .invalidParameter(name: "maximum QBER", value: maximumQBER, allowed: "in (0, 0.5]")
    }
    // Partial Fisher–Yates: the first `sampleSize` entries become a uniform random subset.
    var order = Array(0..<total)
    for i in 0..<sampleSize {
      let j = i + Int.random(in: 0..<(total - i), using: &generator)
      order.swapAt(i, j)
    }
    var sampled = [Bool](repeating: false, count: total)
    for i in 0..<sampleSize { sampled[order[i]] = true }
    var errors = 0
    var aliceRest = BitVector([])
    var bobRest = BitVector([])
    var indices: [Int] = []
    indices.reserveCapacity(sampleSize)
    for i in 0..<total {
      if sampled[i] {
        indices.append(i)
        if alice[i] != bob[i] { errors += 1 }
      } else {
        aliceRest.append(alice[i])
        bobRest.append(bob[i])
      }
    }
    let remaining = total - sampleSize
    let bound = try qberUpperBound(
      sampleErrors: errors, sampleSize: sampleSize, remainingBits: remaining, epsilon: epsilon)
    if bound >= maximumQBER {
      throw .aborted(.qberAboveThreshold(upperBound: bound, threshold: maximumQBER))
    }
    let estimate = ParameterEstimate(
      sampleSize: sampleSize, sampleErrors: errors, remainingBits: remaining,
      observedQBER: Double(errors) / Double(sampleSize), qberUpperBound: bound, epsilon: epsilon)
    return ParameterEstimationResult(
      estimate: estimate, aliceKey: aliceRest, bobKey: bobRest, sampleIndices: indices)
  }
}
