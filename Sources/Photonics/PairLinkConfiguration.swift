import Foundation
import QuantumEngine

/// Which photon of a pair an eavesdropper attacks.
public enum PairArm: String, Sendable, Hashable, Codable {
  /// The photon going to Alice.
  case alice
  /// The photon going to Bob.
  case bob
}

/// An attack on an entangled-pair link.
public enum PairEavesdropper: Sendable, Hashable, Codable {
  /// No eavesdropper.
  case none
  /// Intercept-resend on one arm: each pair's photon on that arm is, with probability `fraction`,
  /// measured in Eve's basis and re-prepared in the state found (a measure-and-prepare channel,
  /// which breaks the entanglement and so the Bell violation).
  case interceptResend(fraction: Double, strategy: EveBasisStrategy, arm: PairArm)

  /// Checks the parameters.
  /// - Throws: ``PhotonicsError``.
  public func validate() throws(PhotonicsError) {
    if case .interceptResend(let p, _, _) = self {
      try Check.probability(p, "intercept-resend fraction")
    }
  }

  /// The channel Eve applies to her arm's photon: Kraus √(1 − p)·I and √(p·w_b)·|e⟩⟨e| for each
  /// basis b (weight w_b) and result e.
  func channel() throws(PhotonicsError) -> QuantumChannel {
    guard case .interceptResend(let p, let strategy, _) = self else { return .identity }
    var kraus: [ComplexMatrix] = [ComplexMatrix.identity(2).scaled(by: .init((1 - p).squareRoot()))]
    for (b, w) in strategy.bases {
      for e in [UInt8(0), 1] {
        kraus.append(
          EveBasisStrategy.state(basis: b, bit: e).projector.scaled(by: .init((p * w).squareRoot()))
        )
      }
    }
    let ops = kraus
    return try engine { () throws(QuantumError) in
      try QuantumChannel(kraus: ops, name: "intercept-resend(\(p))", tolerance: 1e-9)
    }
  }
}

/// An entangled-pair link for E91 / BBM92: a pair source, one fibre and one receiver per side,
/// the analyzer angles each side chooses from, and an optional attacker. Codable.
public struct PairLinkConfiguration: Sendable, Hashable, Codable {
  /// The pair source.
  public var source: EntangledPairSource
  /// Fibre from the source to Alice.
  public var fibreA: Fibre
  /// Fibre from the source to Bob.
  public var fibreB: Fibre
  /// Alice's receiver (detector 0 = polarization at the analyzer angle, 1 = orthogonal).
  public var receiverA: Receiver
  /// Bob's receiver.
  public var receiverB: Receiver
  /// Alice's analyzer angles in degrees (Ekert: 0, 22.5, 45).
  public var aliceAnglesDegrees: [Double]
  /// Bob's analyzer angles in degrees (Ekert: 22.5, 45, 67.5).
  public var bobAnglesDegrees: [Double]
  /// Probability of each of Alice's settings (nil: uniform).
  public var aliceSettingProbabilities: [Double]?
  /// Probability of each of Bob's settings (nil: uniform).
  public var bobSettingProbabilities: [Double]?
  /// The attacker.
  public var eavesdropper: PairEavesdropper
  /// Gate rate in Hz (time scale of drift).
  public var pulseRateHz: Double
  /// Gates per batch of the compiled path (see ``LinkConfiguration/batchSize``).
  public var batchSize: Int

  /// A validated configuration.
  /// - Throws: ``PhotonicsError``.
  public init(
    source: EntangledPairSource, fibreA: Fibre, fibreB: Fibre, receiverA: Receiver,
    receiverB: Receiver, aliceAnglesDegrees: [Double] = [0, 22.5, 45],
    bobAnglesDegrees: [Double] = [22.5, 45, 67.5], aliceSettingProbabilities: [Double]? = nil,
    bobSettingProbabilities: [Double]? = nil, eavesdropper: PairEavesdropper = .none,
    pulseRateHz: Double = 1e9, batchSize: Int = 1 << 20
  ) throws(PhotonicsError) {
    self.source = source
    self.fibreA = fibreA
    self.fibreB = fibreB
    self.receiverA = receiverA
    self.receiverB = receiverB
    self.aliceAnglesDegrees = aliceAnglesDegrees
    self.bobAnglesDegrees = bobAnglesDegrees
    self.aliceSettingProbabilities = aliceSettingProbabilities
    self.bobSettingProbabilities = bobSettingProbabilities
    self.eavesdropper = eavesdropper
    self.pulseRateHz = pulseRateHz
    self.batchSize = batchSize
    try validate()
  }

  /// Re-checks every parameter.
  /// - Throws: ``PhotonicsError``.
  public func validate() throws(PhotonicsError) {
    _ = try EntangledPairSource(
      bellState: source.bellState, visibility: source.visibility,
      pairProbability: source.pairProbability, multiPairProbability: source.multiPairProbability)
    for f in [fibreA, fibreB] {
      _ = try Fibre(
        lengthKm: f.lengthKm, attenuationDbPerKm: f.attenuationDbPerKm,
        insertionLossDb: f.insertionLossDb, depolarizationPerKm: f.depolarizationPerKm,
        dephasingPerKm: f.dephasingPerKm, drift: f.drift)
    }
    try receiverA.validate()
    try receiverB.validate()
    for (name, angles, probs) in [
      ("Alice", aliceAnglesDegrees, aliceSettingProbabilities),
      ("Bob", bobAnglesDegrees, bobSettingProbabilities),
    ] {
      guard (1...16).contains(angles.count) else {
        throw .invalidConfiguration("\(name) needs 1...16 analyzer angles, got \(angles.count)")
      }
      for a in angles { try Check.finite(a, "\(name)'s analyzer angle (degrees)") }
      if let p = probs {
        guard p.count == angles.count else {
          throw .invalidConfiguration(
            "\(name) has \(angles.count) angles but \(p.count) setting probabilities")
        }
        for x in p { try Check.probability(x, "\(name)'s setting probability") }
        guard abs(p.reduce(0, +) - 1) <= 1e-9 else {
          throw .invalidConfiguration("\(name)'s setting probabilities must sum to 1")
        }
      }
    }
    try eavesdropper.validate()
    guard pulseRateHz.isFinite, pulseRateHz > 0 else {
      throw .invalidParameter(
        name: "pulse rate (Hz)", value: pulseRateHz, allowed: "a finite number > 0")
    }
    try Check.count(batchSize, 1024...(1 << 30), "batch size (gates)")
  }

  var aliceProbabilities: [Double] {
    aliceSettingProbabilities
      ?? [Double](repeating: 1 / Double(aliceAnglesDegrees.count), count: aliceAnglesDegrees.count)
  }

  var bobProbabilities: [Double] {
    bobSettingProbabilities
      ?? [Double](repeating: 1 / Double(bobAnglesDegrees.count), count: bobAnglesDegrees.count)
  }
}
