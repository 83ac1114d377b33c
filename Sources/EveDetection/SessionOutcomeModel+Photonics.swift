import Photonics

extension SessionCounts {
  /// The session counts of a Photonics run (three intensities: signal, decoy, vacuum), taking the
  /// matched-basis pulses of each intensity and basis. Throws unless there are three intensities.
  public init(statistics s: LinkStatistics) throws {
    guard s.intensityCount == 3 else {
      throw EveDetectionError.dimensionMismatch(
        what: "intensities in the link statistics", expected: 3, found: s.intensityCount)
    }
    let rows = try (0..<3).map { i in
      try [Basis.rectilinear, .diagonal].map { b in
        try OutcomeCounts(
          pulses: Int(clamping: s.pulses(intensity: i, aliceBasis: b, bobBasis: b)),
          detections: Int(clamping: s.sifted(intensity: i, basis: b)),
          errors: Int(clamping: s.errors(intensity: i, basis: b)),
          doubleClicks: Int(clamping: s.doubleClicks(intensity: i, aliceBasis: b, bobBasis: b)))
      }
    }
    try self.init(cells: rows)
  }
}

extension LinkParameters {
  /// A Photonics link configuration with this fibre, two identical detectors, Alice's decoy
  /// settings and the attack. Photon-number splitting becomes Photonics' own plan (Eve blocks as
  /// many single photons as the signal gain allows), whatever block fraction is given.
  public func linkConfiguration(decoyProtocol: DecoyProtocol = .standard, attack: Attack = .none)
    throws -> LinkConfiguration
  {
    try validate()
    try attack.validate()
    let eve: Eavesdropper
    switch attack {
    case .none: eve = .none
    case .interceptResend(let f, .random): eve = .interceptResend(fraction: f, strategy: .random)
    case .interceptResend(let f, .breidbart):
      eve = .interceptResend(fraction: f, strategy: .breidbart)
    case .beamSplitting(let tap): eve = .beamSplitting(tapFraction: tap)
    case .photonNumberSplitting: eve = .photonNumberSplitting
    }
    let mu = decoyProtocol.intensities
    let p = decoyProtocol.intensityProbabilities
    let detector = try Detector(
      efficiency: detectorEfficiency, darkCountProbability: darkCountProbability)
    return try LinkConfiguration(
      source: PulseSource.decoy(
        signal: mu[0], decoy: mu[1], signalProbability: p[0], decoyProbability: p[1],
        vacuumProbability: p[2]),
      fibre: Fibre(lengthKm: lengthKm, attenuationDbPerKm: attenuationDBPerKm), eavesdropper: eve,
      receiver: Receiver(detector: detector, misalignment: misalignment),
      aliceRectilinearProbability: decoyProtocol.zBasisProbability,
      bobRectilinearProbability: decoyProtocol.zBasisProbability)
  }
}

extension SessionOutcomeModel {
  /// The outcome model read from Photonics' compiled fast-path tables: for each intensity and
  /// matched basis, Bob's outcome probabilities averaged over Alice's bit. The link must have
  /// three intensities (vacuum last, zero mean) and identical detectors.
  /// ``pnsForwardProbability`` is 0 (Photonics plans photon-number splitting by line
  /// transmittance instead).
  public init(compiled: CompiledLink) throws {
    let c = compiled.configuration
    let calibration = try LinkCalibration(configuration: c)
    let link = calibration.nominal
    let decoy = calibration.decoyProtocol
    let attack: Attack
    switch c.eavesdropper {
    case .none: attack = .none
    case .interceptResend(let f, .random): attack = .interceptResend(fraction: f, basis: .random)
    case .interceptResend(let f, .breidbart):
      attack = .interceptResend(fraction: f, basis: .breidbart)
    case .interceptResend(_, .fixed):
      throw EveDetectionError.invalidParameter(
        name: "intercept-resend strategy", value: 0, allowed: "random or Breidbart basis")
    case .beamSplitting(let tap): attack = .beamSplitting(tapFraction: tap)
    case .photonNumberSplitting:
      attack = .photonNumberSplitting(
        singlePhotonBlockFraction: compiled.photonNumberSplittingPlan?.blockedSingleFraction ?? 1)
    }
    var rows = [[ClickProbabilities]]()
    for i in 0..<3 {
      var row = [ClickProbabilities]()
      for b in [Basis.rectilinear, .diagonal] {
        var cell = ClickProbabilities.zero
        for bit in [UInt8(0), 1] {
          func p(_ pattern: ClickPattern) -> Double {
            compiled.probability(
              of: pattern, intensity: i, aliceBasis: b, aliceBit: bit, bobBasis: b)
          }
          let right: ClickPattern = bit == 0 ? .detector0 : .detector1
          let wrong: ClickPattern = bit == 0 ? .detector1 : .detector0
          cell.add(
            ClickProbabilities(
              singleCorrect: p(right), singleError: p(wrong), double: p(.both), none: p(.none)),
            weight: 0.5)
        }
        row.append(cell)
      }
      rows.append(row)
    }
    self.link = link
    self.decoyProtocol = decoy
    self.attack = attack
    self.cells = rows
    self.pnsForwardProbability = 0
  }
}

extension LinkCalibration {
  /// The calibration record of a Photonics link (its nominal fibre, detector 0's efficiency and
  /// dark counts, the misalignment, and Alice's decoy settings, with the Z-basis share of the
  /// matched-basis pulses). Throws unless the source has three intensities (signal > decoy >
  /// vacuum) as ``DecoyProtocol`` requires.
  public init(configuration c: LinkConfiguration) throws {
    let intensities = c.source.intensities
    guard intensities.count == 3 else {
      throw EveDetectionError.dimensionMismatch(
        what: "source intensities", expected: 3, found: intensities.count)
    }
    let pa = c.aliceRectilinearProbability
    let pb = c.bobRectilinearProbability
    let matchedZ = pa * pb / (pa * pb + (1 - pa) * (1 - pb))
    let decoy = try DecoyProtocol(
      intensities: intensities.map(\.mean), intensityProbabilities: intensities.map(\.probability),
      zBasisProbability: matchedZ)
    let d0 = c.receiver.detector0
    let link = try LinkParameters(
      lengthKm: c.fibre.lengthKm, attenuationDBPerKm: c.fibre.attenuationDbPerKm,
      detectorEfficiency: d0.efficiency, darkCountProbability: d0.darkCountProbability,
      misalignment: c.receiver.misalignment)
    self.init(nominal: link, decoyProtocol: decoy)
  }
}
