import Foundation
import QuantumEngine

/// Slow polarization drift in a fibre: the polarization frame performs a random walk (rotation
/// of linear polarization by an angle θ(t) with E[θ²] = D²·t), as thermal and mechanical stress
/// change the fibre's birefringence; real links re-align their reference frames periodically.
///
/// On the compiled path the angle is constant within one batch of pulses and steps between
/// batches (a piecewise-constant approximation of the walk); alignment resets it to zero.
public struct PolarizationDrift: Sendable, Hashable, Codable {
  /// The diffusion constant D in radians per √second.
  public let diffusionRadiansPerSqrtSecond: Double
  /// Seconds between reference-frame alignments (nil: never aligned).
  public let alignmentIntervalSeconds: Double?

  /// A drift with diffusion D ≥ 0 and an optional alignment interval (> 0).
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)``.
  public init(diffusionRadiansPerSqrtSecond: Double, alignmentIntervalSeconds: Double? = nil)
    throws(PhotonicsError)
  {
    try Check.inRange(diffusionRadiansPerSqrtSecond, 0...1e6, "drift diffusion (rad/√s)")
    if let t = alignmentIntervalSeconds {
      guard t.isFinite, t > 0 else {
        throw .invalidParameter(
          name: "alignment interval (s)", value: t, allowed: "a finite number > 0 (or nil)")
      }
    }
    self.diffusionRadiansPerSqrtSecond = diffusionRadiansPerSqrtSecond
    self.alignmentIntervalSeconds = alignmentIntervalSeconds
  }

  /// The drift angle of every batch in `batches`, for batches of `batchDuration` seconds: a
  /// Gaussian random walk from 0 drawn from its own stream of `seed`, reset at alignments
  /// (batch k is aligned when k·duration crosses a multiple of the interval).
  public func angles(seed: UInt64, batches: Range<Int>, batchDuration: Double) -> [Double] {
    guard !batches.isEmpty else { return [] }
    var out: [Double] = []
    out.reserveCapacity(batches.count)
    let step = diffusionRadiansPerSqrtSecond * max(0, batchDuration).squareRoot()
    // The walk is generated from batch 0 so that any sub-range gives the same angles.
    var rng = Xoshiro256StarStar.stream(seed: seed, index: UInt64.max)
    var theta = 0.0
    var lastEpoch = 0
    for k in 0..<batches.upperBound {
      if k > 0 {
        theta += step * Sampling.normal(using: &rng)
        if let interval = alignmentIntervalSeconds {
          let epoch = Int((Double(k) * batchDuration / interval).rounded(.down))
          if epoch != lastEpoch {
            theta = 0
            lastEpoch = epoch
          }
        }
      }
      if k >= batches.lowerBound { out.append(theta) }
    }
    return out
  }
}

/// An optical fibre: loss, polarization noise and drift.
///
/// Transmittance η = 10^{−(α·L + insertion loss)/10}. Depolarization and dephasing are given per
/// kilometre and compound over the length: the Bloch vector shrinks by (1 − p_dep)^L, and the
/// H/V coherence by (1 − 2p_deph)^L. Noise acts on each photon independently (exact for single
/// photons, which carry the secure key in the decoy analysis).
public struct Fibre: Sendable, Hashable, Codable {
  /// Length in kilometres.
  public let lengthKm: Double
  /// Attenuation in dB per kilometre (0.2 for standard telecom fibre at 1550 nm).
  public let attenuationDbPerKm: Double
  /// Fixed insertion loss (connectors, splices) in dB.
  public let insertionLossDb: Double
  /// Depolarizing probability per kilometre (ρ ↦ (1 − p)ρ + p·I/2 each km).
  public let depolarizationPerKm: Double
  /// Dephasing (H/V phase-flip) probability per kilometre, at most 1/2.
  public let dephasingPerKm: Double
  /// Slow polarization drift (nil: a stable fibre).
  public let drift: PolarizationDrift?

  /// A fibre; all parameters are validated.
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)``.
  public init(
    lengthKm: Double, attenuationDbPerKm: Double = 0.2, insertionLossDb: Double = 0,
    depolarizationPerKm: Double = 0, dephasingPerKm: Double = 0, drift: PolarizationDrift? = nil
  ) throws(PhotonicsError) {
    try Check.inRange(lengthKm, 0...100_000, "fibre length (km)")
    try Check.inRange(attenuationDbPerKm, 0...100, "attenuation (dB/km)")
    try Check.inRange(insertionLossDb, 0...1000, "insertion loss (dB)")
    try Check.probability(depolarizationPerKm, "depolarization per km")
    try Check.inRange(dephasingPerKm, 0...0.5, "dephasing per km")
    self.lengthKm = lengthKm
    self.attenuationDbPerKm = attenuationDbPerKm
    self.insertionLossDb = insertionLossDb
    self.depolarizationPerKm = depolarizationPerKm
    self.dephasingPerKm = dephasingPerKm
    self.drift = drift
  }

  /// A lossless, noiseless zero-length fibre.
  public static let none = Fibre(
    trustedLength: 0, attenuation: 0.2, insertion: 0, depolarization: 0, dephasing: 0)

  init(
    trustedLength: Double, attenuation: Double, insertion: Double, depolarization: Double,
    dephasing: Double
  ) {
    lengthKm = trustedLength
    attenuationDbPerKm = attenuation
    insertionLossDb = insertion
    depolarizationPerKm = depolarization
    dephasingPerKm = dephasing
    drift = nil
  }

  /// Total loss in dB.
  public var lossDb: Double { attenuationDbPerKm * lengthKm + insertionLossDb }

  /// The probability that a photon survives the fibre.
  public var transmittance: Double { pow(10, -lossDb / 10) }

  /// The depolarizing probability of the whole length: 1 − (1 − p_km)^L.
  public var totalDepolarization: Double { 1 - pow(1 - depolarizationPerKm, lengthKm) }

  /// The dephasing probability of the whole length: (1 − (1 − 2p_km)^L)/2.
  public var totalDephasing: Double { (1 - pow(1 - 2 * dephasingPerKm, lengthKm)) / 2 }

  /// The polarization channel of the fibre for a photon that survives: drift rotation by
  /// `driftAngle`, then depolarization, then dephasing.
  /// - Throws: ``PhotonicsError/invalidParameter(name:value:allowed:)`` for a non-finite angle.
  public func channel(driftAngle: Double = 0) throws(PhotonicsError) -> QuantumChannel {
    let rotation = try OpticalElement.rotator(angle: driftAngle).channel()
    let dep = totalDepolarization
    let deph = totalDephasing
    return try engine { () throws(QuantumError) in
      try rotation.composed(then: .depolarizing(dep)).composed(then: .dephasing(deph))
    }
  }
}
