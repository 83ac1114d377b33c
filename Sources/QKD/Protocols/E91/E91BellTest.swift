/// The CHSH value estimated from the disclosed test coincidences.
public struct CHSHEstimate: Sendable, Hashable, Codable {
  /// Coincidences per correlation term, in the order E(a,b), E(a,b′), E(a′,b), E(a′,b′).
  public var coincidences: [Int]
  /// The correlations E = (agree − disagree)/coincidences of the four terms.
  public var correlations: [Double]
  /// The standard error √((1 − E²)/N) of each correlation.
  public var correlationSigmas: [Double]
  /// |S| = |E(a,b) − E(a,b′) + E(a′,b) + E(a′,b′)|.
  public var s: Double
  /// The standard error of S, √(Σ σ_E²) (the four terms are independent samples).
  public var sigma: Double

  /// (|S| − 2)/σ: by how many standard deviations the local bound is exceeded.
  public var violationStandardDeviations: Double {
    sigma > 0 ? (s - 2) / sigma : (s > 2 ? .infinity : -.infinity)
  }

  /// The estimate from agreement counts: `agreements[k]` of `coincidences[k]` results agreed.
  /// Terms without coincidences count as E = 0 with σ = 1.
  public init(coincidences: [Int], agreements: [Int]) {
    self.coincidences = coincidences
    var e: [Double] = []
    var sig: [Double] = []
    for k in 0..<min(4, coincidences.count, agreements.count) {
      let n = Double(coincidences[k])
      guard n > 0 else {
        e.append(0)
        sig.append(1)
        continue
      }
      let value = (2 * Double(agreements[k]) - n) / n
      e.append(value)
      sig.append(max(0, (1 - value * value) / n).squareRoot())
    }
    while e.count < 4 {
      e.append(0)
      sig.append(1)
    }
    correlations = e
    correlationSigmas = sig
    var total = 0.0
    for k in 0..<4 { total += CHSHSettings.signs[k] * e[k] }
    s = abs(total)
    sigma = sig.reduce(0) { $0 + $1 * $1 }.squareRoot()
  }
}

/// Stage 3: the Bell test. Bob discloses his results at the CHSH-test coincidences ("chsh: Bob's
/// test results", packed bits in coincidence order) and Alice hers ("chsh: Alice's test
/// results"); each computes the four correlations and S with its standard error. The session
/// goes on only when S exceeds the local (Bell–CHSH) bound 2 by
/// ``E91PostProcessing/chshAbortStandardDeviations`` standard deviations.
public enum E91BellTest {
  static let bobLabel = "chsh: Bob's test results"
  static let aliceLabel = "chsh: Alice's test results"
  /// Coincidences each CHSH term needs before S is estimated.
  public static let minimumCoincidencesPerTerm = 10

  /// Runs the exchange and returns Alice's estimate (Bob's is the same unless a message was
  /// altered, which aborts).
  /// - Throws: ``E91AbortReason`` (channel failures, malformed or inconsistent messages, too
  ///   few coincidences).
  public static func run(
    sifted: E91SiftingResult, channel: inout ClassicalChannel
  ) throws(E91AbortReason) -> CHSHEstimate {
    let bob = sifted.bob
    let alice = sifted.alice
    var w = BB84WireWriter()
    w.append(UInt64(bob.testBit.count))
    w.append(bytes: bb84PackBits(bob.testBit))
    let toAlice = try E91Wire.send(w.bytes, label: bobLabel, from: .bob, on: &channel)
    var wa = BB84WireWriter()
    wa.append(UInt64(alice.testBit.count))
    wa.append(bytes: bb84PackBits(alice.testBit))
    let toBob = try E91Wire.send(wa.bytes, label: aliceLabel, from: .alice, on: &channel)

    let aliceEstimate = try estimate(
      own: alice.testBit, terms: alice.testTerm, received: toAlice, label: bobLabel)
    let bobEstimate = try estimate(
      own: bob.testBit, terms: bob.testTerm, received: toBob, label: aliceLabel)
    guard aliceEstimate.coincidences == bobEstimate.coincidences,
      aliceEstimate.s == bobEstimate.s
    else {
      throw .postProcessing(
        .inconsistentMessages(
          "chsh: Alice finds S = \(aliceEstimate.s), Bob S = \(bobEstimate.s); a test result "
            + "or a sifting message was altered"))
    }
    let fewest = aliceEstimate.coincidences.min() ?? 0
    guard fewest >= minimumCoincidencesPerTerm else {
      throw .tooFewTestCoincidences(available: fewest, required: minimumCoincidencesPerTerm)
    }
    return aliceEstimate
  }

  /// Aborts unless |S| − 2 > k·σ.
  /// - Throws: ``E91AbortReason/bellViolationTooWeak(s:sigma:requiredStandardDeviations:)``.
  public static func check(_ estimate: CHSHEstimate, standardDeviations k: Double)
    throws(E91AbortReason)
  {
    guard estimate.s - 2 > k * estimate.sigma else {
      throw .bellViolationTooWeak(
        s: estimate.s, sigma: estimate.sigma, requiredStandardDeviations: k)
    }
  }

  private static func estimate(
    own: [UInt8], terms: [UInt8], received: [UInt8], label: String
  ) throws(E91AbortReason) -> CHSHEstimate {
    var r = BB84WireReader(received, label: label)
    let n = try E91Wire.read { () throws(BB84AbortReason) in try r.readCount(limit: Int.max) }
    guard n == own.count else {
      throw .postProcessing(
        r.malformed("\(n) test results announced, \(own.count) test coincidences held"))
    }
    let other = bb84UnpackBits(
      try E91Wire.read { () throws(BB84AbortReason) in try r.readBytes((n + 7) / 8) }, count: n)
    guard r.isAtEnd else { throw .postProcessing(r.malformed("trailing bytes")) }
    var total = [0, 0, 0, 0]
    var agree = [0, 0, 0, 0]
    for i in 0..<n {
      let t = Int(terms[i])
      guard t < 4 else { continue }
      total[t] += 1
      if own[i] == other[i] { agree[t] += 1 }
    }
    return CHSHEstimate(coincidences: total, agreements: agree)
  }
}
