import Foundation

/// What is known about one simulated session besides its features.
public struct SessionLabel: Sendable, Codable, Equatable {
  /// The attack's family.
  public var family: AttackFamily
  /// Whether an intercept-resend attack used the Breidbart basis.
  public var breidbart: Bool
  /// The attack's strength (fraction intercepted, tapped, or single photons blocked).
  public var strength: Double
  /// Nominal fibre length of the link, km.
  public var lengthKm: Double
  /// Nominal detector efficiency of the link.
  public var detectorEfficiency: Double

  /// Creates a label.
  public init(
    family: AttackFamily, breidbart: Bool, strength: Double, lengthKm: Double,
    detectorEfficiency: Double
  ) {
    self.family = family
    self.breidbart = breidbart
    self.strength = strength
    self.lengthKm = lengthKm
    self.detectorEfficiency = detectorEfficiency
  }

  /// 1 if an eavesdropper was present, else 0.
  public var eve: Int { family == .none ? 0 : 1 }

  /// `none`, `intercept_resend`, `breidbart`, `beam_splitting` or `pns`.
  public var kindName: String { breidbart ? "breidbart" : family.description }
}

/// Features and labels of simulated sessions, with CSV import and export.
public struct DetectionDataset: Sendable, Codable, Equatable {
  /// Feature names, one per column of ``features``.
  public let featureNames: [String]
  /// One row per session.
  public let features: FeatureMatrix
  /// One label per session.
  public let labels: [SessionLabel]

  /// Label columns written after the features; `eve` (0/1) is last, as scikit-learn's parity
  /// script expects.
  public static let labelColumns = [
    "attack_family_code", "breidbart", "attack_strength", "length_km", "detector_efficiency", "eve",
  ]

  /// Creates a data set; throws if sizes disagree.
  public init(featureNames: [String], features: FeatureMatrix, labels: [SessionLabel]) throws {
    guard featureNames.count == features.columns else {
      throw EveDetectionError.dimensionMismatch(
        what: "feature names", expected: features.columns, found: featureNames.count)
    }
    guard labels.count == features.rows else {
      throw EveDetectionError.dimensionMismatch(
        what: "label count", expected: features.rows, found: labels.count)
    }
    self.featureNames = featureNames
    self.features = features
    self.labels = labels
  }

  /// Number of sessions.
  public var count: Int { labels.count }

  /// Binary labels (1 = eavesdropper).
  public var eveLabels: [Int] { labels.map(\.eve) }

  /// The sessions at the given indices, in order; throws if an index is out of range.
  public func subset(_ indices: [Int]) throws -> DetectionDataset {
    let features = try features.selecting(rows: indices)
    return DetectionDataset(
      unchecked: featureNames, features: features, labels: indices.map { labels[$0] })
  }

  /// This data set followed by `other`; throws if the feature names differ.
  public func appending(_ other: DetectionDataset) throws -> DetectionDataset {
    guard other.featureNames == featureNames else {
      throw EveDetectionError.featureMismatch(expected: featureNames, found: other.featureNames)
    }
    return DetectionDataset(
      unchecked: featureNames,
      features: FeatureMatrix(
        uncheckedRows: count + other.count, columns: features.columns,
        values: features.values + other.features.values), labels: labels + other.labels)
  }

  init(unchecked names: [String], features: FeatureMatrix, labels: [SessionLabel]) {
    featureNames = names
    self.features = features
    self.labels = labels
  }

  /// CSV text: a header of feature names and label columns, then one row per session. With
  /// `labelColumnsOnlyEve` only the `eve` column follows the features (the format of
  /// `shared/bench/sklearn_parity.py`).
  public func csv(labelColumnsOnlyEve: Bool = false) -> String {
    var lines = [
      (featureNames + (labelColumnsOnlyEve ? ["eve"] : Self.labelColumns)).joined(separator: ",")
    ]
    lines.reserveCapacity(count + 1)
    for i in 0..<count {
      var fields = features.uncheckedRow(i).map { String($0) }
      let l = labels[i]
      if !labelColumnsOnlyEve {
        fields += [
          String(l.family.rawValue), l.breidbart ? "1" : "0", String(l.strength),
          String(l.lengthKm),
          String(l.detectorEfficiency),
        ]
      }
      fields.append(String(l.eve))
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Parses CSV text written by ``csv(labelColumnsOnlyEve:)`` (full form).
  public init(csv text: String) throws {
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    guard !lines.isEmpty else { throw EveDetectionError.malformedCSV(line: 1, reason: "no header") }
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    guard header.count > Self.labelColumns.count,
      Array(header.suffix(Self.labelColumns.count)) == Self.labelColumns
    else {
      throw EveDetectionError.malformedCSV(
        line: 1, reason: "header must end with \(Self.labelColumns.joined(separator: ","))")
    }
    let d = header.count - Self.labelColumns.count
    var values = [Double]()
    values.reserveCapacity(lines.count * d)
    var labels = [SessionLabel]()
    for (index, line) in lines.enumerated() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == header.count else {
        throw EveDetectionError.malformedCSV(
          line: index + 2, reason: "\(fields.count) fields, header has \(header.count)")
      }
      var numbers = [Double]()
      for field in fields {
        guard let x = Double(field), x.isFinite else {
          throw EveDetectionError.malformedCSV(
            line: index + 2, reason: "'\(field)' is not a finite number")
        }
        numbers.append(x)
      }
      values.append(contentsOf: numbers[0..<d])
      guard let code = Int(exactly: numbers[d]), let family = AttackFamily(rawValue: code) else {
        throw EveDetectionError.malformedCSV(
          line: index + 2, reason: "attack_family_code \(numbers[d]) is not 0...3")
      }
      labels.append(
        SessionLabel(
          family: family, breidbart: numbers[d + 1] != 0, strength: numbers[d + 2],
          lengthKm: numbers[d + 3], detectorEfficiency: numbers[d + 4]))
    }
    try self.init(
      featureNames: Array(header.prefix(d)),
      features: FeatureMatrix(rows: labels.count, columns: d, values: values), labels: labels)
  }
}
