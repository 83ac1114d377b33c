/// What the monitor reports after each session.
public struct MonitorUpdate: Sendable, Codable, Equatable {
  /// Index of the session in the stream (0-based).
  public var session: Int
  /// The detector's verdict on this session alone.
  public var assessment: EveAssessment
  /// Whether the alarm is raised: at least `requiredFlags` of the last `window` sessions flagged.
  public var alarm: Bool
  /// The attack named by the alarm (the family with the largest summed head probability over the
  /// flagged sessions of the window), `none` without an alarm.
  public var attack: AttackFamily
  /// Mean eavesdropping probability of the flagged sessions in the window (0 without an alarm).
  public var probability: Double
}

/// Watches the stream of sessions of one calibrated link and raises an alarm, with the attack
/// type and a probability, when enough recent sessions are flagged by the detector.
public struct LinkMonitor: Sendable {
  /// The detector.
  public let detector: EveDetector
  /// The link's calibration.
  public let calibration: LinkCalibration
  /// Number of recent sessions considered.
  public let window: Int
  /// Flagged sessions within the window that raise the alarm.
  public let requiredFlags: Int
  private let expected: SessionOutcomeModel
  private var recent: [EveAssessment] = []
  private var processed = 0

  /// Creates a monitor; throws unless 1 ≤ requiredFlags ≤ window ≤ 1000 and the detector uses
  /// ``LinkFeatures``.
  public init(
    detector: EveDetector, calibration: LinkCalibration, window: Int = 1, requiredFlags: Int = 1
  ) throws {
    guard (1...1000).contains(window), (1...window).contains(requiredFlags) else {
      throw EveDetectionError.invalidParameter(
        name: "window/requiredFlags", value: Double(requiredFlags),
        allowed: "1 <= requiredFlags <= window <= 1000")
    }
    guard detector.featureNames == LinkFeatures.names else {
      throw EveDetectionError.featureMismatch(
        expected: LinkFeatures.names, found: detector.featureNames)
    }
    self.detector = detector
    self.calibration = calibration
    self.window = window
    self.requiredFlags = requiredFlags
    expected = try SessionOutcomeModel(
      link: calibration.nominal, decoyProtocol: calibration.decoyProtocol)
  }

  /// Scores the next session of the stream and updates the alarm.
  public mutating func observe(_ counts: SessionCounts) throws -> MonitorUpdate {
    let verdict = try detector.assess(LinkFeatures(counts: counts, expected: expected))
    recent.append(verdict)
    if recent.count > window { recent.removeFirst(recent.count - window) }
    let flagged = recent.filter(\.flagged)
    let alarm = flagged.count >= requiredFlags
    var attack = AttackFamily.none
    var probability = 0.0
    if alarm {
      var totals = [Double](repeating: 0, count: AttackFamily.allCases.count)
      for v in flagged {
        for (j, p) in v.attackProbabilities.enumerated() where j < totals.count { totals[j] += p }
      }
      var best = AttackFamily.interceptResend
      for family in AttackFamily.allCases
      where family != .none && totals[family.rawValue] > totals[best.rawValue] {
        best = family
      }
      attack = best
      probability = flagged.map(\.eveProbability).reduce(0, +) / Double(flagged.count)
    }
    defer { processed += 1 }
    return MonitorUpdate(
      session: processed, assessment: verdict, alarm: alarm, attack: attack,
      probability: probability)
  }
}
