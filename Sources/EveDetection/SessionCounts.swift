/// Bob's outcome counts for the pulses of one intensity sent and measured in one (matching)
/// basis. Double clicks are assigned a random bit (the squashing model of Lütkenhaus 1999) and
/// counted by whether that bit was right.
public struct OutcomeCounts: Sendable, Codable, Equatable {
  /// Pulses sent with this intensity and basis (and measured in the same basis).
  public var pulses: Int
  /// Single clicks on the correct detector.
  public var singleCorrect: Int
  /// Single clicks on the wrong detector.
  public var singleError: Int
  /// Double clicks whose random bit was right.
  public var doubleCorrect: Int
  /// Double clicks whose random bit was wrong.
  public var doubleError: Int

  /// Creates counts; throws if any is negative or the clicks exceed the pulses.
  public init(pulses: Int, singleCorrect: Int, singleError: Int, doubleCorrect: Int, doubleError: Int)
    throws
  {
    self.pulses = pulses
    self.singleCorrect = singleCorrect
    self.singleError = singleError
    self.doubleCorrect = doubleCorrect
    self.doubleError = doubleError
    try validate()
  }

  init(uncheckedOutcomes outcomes: [Int], pulses: Int) {
    self.pulses = pulses
    singleCorrect = outcomes[0]
    singleError = outcomes[1]
    doubleCorrect = outcomes[2]
    doubleError = outcomes[3]
  }

  /// Checks that counts are non-negative and add up to at most the pulses.
  public func validate() throws {
    let all = [pulses, singleCorrect, singleError, doubleCorrect, doubleError]
    guard all.allSatisfy({ $0 >= 0 }) else {
      throw EveDetectionError.inconsistentCounts(reason: "negative count in \(all)")
    }
    guard detections <= pulses else {
      throw EveDetectionError.inconsistentCounts(
        reason: "\(detections) detections exceed \(pulses) pulses")
    }
  }

  /// Sifted bits: every click (single or double).
  public var detections: Int { singleCorrect + singleError + doubleCorrect + doubleError }
  /// Sifted bits in error.
  public var errors: Int { singleError + doubleError }
  /// Double clicks.
  public var doubleClicks: Int { doubleCorrect + doubleError }
}

/// The counts of one session, indexed `[intensity][basis]` with intensities in the order of
/// ``DecoyProtocol/intensities`` (signal, decoy, vacuum) and bases Z = 0, X = 1.
public struct SessionCounts: Sendable, Codable, Equatable {
  /// `cells[intensity][basis]`.
  public var cells: [[OutcomeCounts]]

  /// Creates session counts; throws unless there are 3 intensities × 2 bases of valid counts.
  public init(cells: [[OutcomeCounts]]) throws {
    guard cells.count == 3 else {
      throw EveDetectionError.dimensionMismatch(what: "intensity count", expected: 3, found: cells.count)
    }
    for row in cells {
      guard row.count == 2 else {
        throw EveDetectionError.dimensionMismatch(what: "basis count", expected: 2, found: row.count)
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
        out.cells[i][b].singleCorrect += o.singleCorrect
        out.cells[i][b].singleError += o.singleError
        out.cells[i][b].doubleCorrect += o.doubleCorrect
        out.cells[i][b].doubleError += o.doubleError
      }
    }
    return out
  }
}
