/// Bob's outcome counts for the pulses of one intensity sent and measured in one (matching)
/// basis. Double clicks are assigned a random bit (the squashing model of Lütkenhaus 1999), so
/// they count as detections and, when that bit is wrong, as errors.
public struct OutcomeCounts: Sendable, Codable, Equatable {
  /// Pulses sent with this intensity and basis (and measured in the same basis).
  public var pulses: Int
  /// Pulses with at least one click: the sifted bits.
  public var detections: Int
  /// Sifted bits in error (single clicks on the wrong detector and wrongly squashed doubles).
  public var errors: Int
  /// Double clicks.
  public var doubleClicks: Int

  /// Creates counts; throws unless 0 ≤ errors, doubleClicks ≤ detections ≤ pulses.
  public init(pulses: Int, detections: Int, errors: Int, doubleClicks: Int) throws {
    self.pulses = pulses
    self.detections = detections
    self.errors = errors
    self.doubleClicks = doubleClicks
    try validate()
  }

  /// Counts from the five outcome tallies: single right, single wrong, double with right bit,
  /// double with wrong bit, no click.
  init(uncheckedOutcomes o: [Int], pulses: Int) {
    self.pulses = pulses
    detections = o[0] + o[1] + o[2] + o[3]
    errors = o[1] + o[3]
    doubleClicks = o[2] + o[3]
  }

  /// Checks that the counts are non-negative and nested.
  public func validate() throws {
    let all = [pulses, detections, errors, doubleClicks]
    guard all.allSatisfy({ $0 >= 0 }) else {
      throw EveDetectionError.inconsistentCounts(reason: "negative count in \(all)")
    }
    guard detections <= pulses, errors <= detections, doubleClicks <= detections else {
      throw EveDetectionError.inconsistentCounts(
        reason: "need errors, doubleClicks <= detections <= pulses; got \(all)")
    }
  }
}

/// The counts of one session, indexed `[intensity][basis]` with intensities in the order of
/// ``DecoyProtocol/intensities`` (signal, decoy, vacuum) and bases Z = 0, X = 1.
public struct SessionCounts: Sendable, Codable, Equatable {
  /// `cells[intensity][basis]`.
  public var cells: [[OutcomeCounts]]

  /// Creates session counts; throws unless there are 3 intensities × 2 bases of valid counts.
  public init(cells: [[OutcomeCounts]]) throws {
    guard cells.count == 3 else {
      throw EveDetectionError.dimensionMismatch(
        what: "intensity count", expected: 3, found: cells.count)
    }
    for row in cells {
      guard row.count == 2 else {
        throw EveDetectionError.dimensionMismatch(
          what: "basis count", expected: 2, found: row.count)
      }
      for cell in row { try cell.validate() }
    }
    self.cells = cells
  }

  init(uncheckedCells: [[OutcomeCounts]]) { cells = uncheckedCells }

  /// Sifted signal-intensity bits in both bases.
  public var siftedSignalBits: Int { cells[0][0].detections + cells[0][1].detections }

  /// Adds another session's counts cell by cell (for pooling sessions on one link).
  public func adding(_ other: SessionCounts) -> SessionCounts {
    var out = self
    for i in 0..<3 {
      for b in 0..<2 {
        let o = other.cells[i][b]
        out.cells[i][b].pulses += o.pulses
        out.cells[i][b].detections += o.detections
        out.cells[i][b].errors += o.errors
        out.cells[i][b].doubleClicks += o.doubleClicks
      }
    }
    return out
  }
}
