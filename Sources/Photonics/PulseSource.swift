import Foundation

/// One intensity setting of a weak-coherent source: its mean photon number μ and the probability
/// that Alice picks it for a pulse.
public struct PulseIntensity: Sendable, Hashable, Codable {
  /// A label ("signal", "decoy", "vacuum").
  public let name: String
  /// Mean photon number per pulse (0 for the vacuum decoy).
  public let mean: Double
  /// Probability that a pulse uses this intensity.
  public let probability: Double

  /// An intensity with mean photon number in [0, 50] and selection probability in [0, 1].
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)``.
  public init(name: String, mean: Double, probability: Double) throws(PhotonicsError) {
    try Check.inRange(mean, 0...50, "mean photon number of \(name)")
    try Check.probability(probability, "probability of \(name)")
    self.name = name
    self.mean = mean
    self.probability = probability
  }
}

/// Alice's light source: ideal single photons, or phase-randomised weak coherent pulses with
/// Poissonian photon number, one or several intensities (decoy states, Hwang 2003; Lo, Ma & Chen
/// 2005).
///
/// Phase randomisation makes a coherent pulse of mean μ a Poisson mixture of photon-number
/// states, P(n) = e^{−μ} μⁿ/n!, all photons in the encoded polarization.
public struct PulseSource: Sendable, Hashable, Codable {
  /// How the photon number of a pulse is distributed.
  public enum PhotonStatistics: String, Sendable, Hashable, Codable {
    /// Exactly one photon per pulse.
    case singlePhoton
    /// Poissonian with the intensity's mean (phase-randomised coherent state).
    case poisson
  }

  /// The photon-number statistics.
  public let statistics: PhotonStatistics
  /// The intensities (for a single-photon source, one entry with mean 1). Index 0 is the signal.
  public let intensities: [PulseIntensity]

  /// A source from its parts; the intensity probabilities must sum to 1 (within 1e-9).
  /// - Throws: ``PhotonicsError/invalidConfiguration(_:)`` for an empty list, probabilities that
  ///   do not sum to 1, more than 8 intensities, or a single-photon source with other than one
  ///   intensity of mean 1.
  public init(statistics: PhotonStatistics, intensities: [PulseIntensity]) throws(PhotonicsError) {
    guard !intensities.isEmpty, intensities.count <= 8 else {
      throw .invalidConfiguration(
        "a source needs 1...8 intensities, got \(intensities.count)")
    }
    let total = intensities.reduce(0) { $0 + $1.probability }
    guard abs(total - 1) <= 1e-9 else {
      throw .invalidConfiguration("intensity probabilities sum to \(total); they must sum to 1")
    }
    if statistics == .singlePhoton {
      guard intensities.count == 1, intensities[0].mean == 1 else {
        throw .invalidConfiguration(
          "a single-photon source has exactly one intensity with mean 1")
      }
    }
    self.statistics = statistics
    self.intensities = intensities
  }

  /// An ideal single-photon source.
  public static let singlePhoton = PulseSource(
    trustedStatistics: .singlePhoton,
    intensities: [PulseIntensity(trustedName: "single photon", mean: 1, probability: 1)])

  /// A weak coherent source with one intensity μ.
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` for μ outside [0, 50].
  public static func weakCoherent(mean: Double) throws(PhotonicsError) -> PulseSource {
    try PulseSource(
      statistics: .poisson,
      intensities: [PulseIntensity(name: "signal", mean: mean, probability: 1)])
  }

  /// The vacuum + weak decoy method (Ma, Qi, Zhao & Lo 2005): signal μ, weak decoy ν < μ and
  /// vacuum, chosen with the given probabilities (summing to 1).
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` or
  ///   ``PhotonicsError/invalidConfiguration(_:)`` (e.g. ν ≥ μ).
  public static func decoy(
    signal: Double, decoy: Double, signalProbability: Double, decoyProbability: Double,
    vacuumProbability: Double
  ) throws(PhotonicsError) -> PulseSource {
    guard decoy < signal else {
      throw .invalidConfiguration(
        "the weak decoy intensity (\(decoy)) must be below the signal intensity (\(signal))")
    }
    return try PulseSource(
      statistics: .poisson,
      intensities: [
        PulseIntensity(name: "signal", mean: signal, probability: signalProbability),
        PulseIntensity(name: "decoy", mean: decoy, probability: decoyProbability),
        PulseIntensity(name: "vacuum", mean: 0, probability: vacuumProbability),
      ])
  }

  init(trustedStatistics: PhotonStatistics, intensities: [PulseIntensity]) {
    self.statistics = trustedStatistics
    self.intensities = intensities
  }

  /// P(n) for n = 0, 1, … for intensity `index`, truncated where the Poisson tail is below
  /// 1e-17 (the last entry absorbs the remainder so the list sums to 1).
  public func photonNumberProbabilities(intensity index: Int) -> [Double] {
    guard intensities.indices.contains(index) else { return [1] }
    switch statistics {
    case .singlePhoton: return [0, 1]
    case .poisson: return PulseSource.poisson(mean: intensities[index].mean)
    }
  }

  /// Poisson probabilities e^{−μ}μⁿ/n!, truncated where the tail is below 1e-17.
  static func poisson(mean mu: Double) -> [Double] {
    if mu == 0 { return [1] }
    var out: [Double] = []
    var term = exp(-mu)
    var sum = 0.0
    var n = 0
    while true {
      out.append(term)
      sum += term
      n += 1
      if Double(n) > mu && 1 - sum < 1e-17 { break }
      if n > 400 { break }
      term *= mu / Double(n)
    }
    out[out.count - 1] += max(0, 1 - sum)
    return out
  }

  /// A photon number for intensity `index`, drawn by inversion.
  public func samplePhotonNumber<G: RandomNumberGenerator>(
    intensity index: Int, using generator: inout G
  ) -> Int {
    let p = photonNumberProbabilities(intensity: index)
    var u = Double.random(in: 0..<1, using: &generator)
    for (n, pn) in p.enumerated() {
      if u < pn { return n }
      u -= pn
    }
    return p.count - 1
  }
}

extension PulseIntensity {
  init(trustedName: String, mean: Double, probability: Double) {
    self.name = trustedName
    self.mean = mean
    self.probability = probability
  }
}
