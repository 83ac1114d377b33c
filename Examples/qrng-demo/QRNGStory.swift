import DemoSupport
import Foundation
import QKDLab

/// The narration of the QRNG pipeline: source, bias, health tests, entropy, extraction, tests.
struct QRNGStory {
  let rawBits: Int
  let mismatch: Double
  let seed: UInt64

  func tell() throws(QRNGError) {
    Narration.heading("Quantum random numbers from a beam splitter (seed \(seed))")
    let sourceConfiguration = try BeamSplitterSourceConfiguration.typical(
      efficiencyMismatch: mismatch)

    Narration.step(1, "Raw clicks")
    var source = BeamSplitterSource(configuration: sourceConfiguration, seed: seed)
    let raw = try source.nextBits(rawBits)
    let s = source.statistics
    let ones = raw.popcount
    let p1 = Double(ones) / Double(raw.count)
    Narration.say(
      "Detector 0 is \(Narration.percent(sourceConfiguration.detector0.efficiency, digits: 1)) "
        + "efficient, detector 1 \(Narration.percent(sourceConfiguration.detector1.efficiency, digits: 1)); "
        + "both have dark counts, a dead gate after each click and 1 % afterpulsing.")
    Narration.say(
      "\(Narration.count(s.gates)) gates gave \(Narration.count(raw.count)) raw bits "
        + "(\(Narration.count(s.doubleClicks)) double clicks; empty gates give no bit).")
    Narration.say(
      "Ones: \(Narration.count(ones)) = \(Narration.percent(p1, digits: 3)); raw bias "
        + "\(Narration.percent(p1 - 0.5, digits: 3)) (a fair coin would be within "
        + "±\(Narration.percent(1 / (2 * Double(raw.count).squareRoot()), digits: 3)) one sigma).")
    Narration.say("First raw bytes: \(HexPreview.prefix(raw.bytes, bytes: 12))")

    Narration.step(2, "How much randomness is really there? (min-entropy, SP 800-90B)")
    let e = try MinEntropyEstimators.estimate(raw)
    let estimates = [
      ["most common value", Narration.fixed(e.mostCommonValue, digits: 4)],
      ["collision", Narration.fixed(e.collision, digits: 4)],
      ["Markov", Narration.fixed(e.markov, digits: 4)],
      ["compression", Narration.fixed(e.compression, digits: 4)],
    ]
    for line in Narration.table(["estimator", "bits of min-entropy per raw bit"], estimates) {
      Narration.say(line)
    }
    Narration.say(
      "The smallest, H = \(Narration.fixed(e.minEntropyPerBit, digits: 4)), is what we may "
        + "claim (a perfect coin gives 1). The bias alone would allow "
        + "\(Narration.fixed(-log2(max(p1, 1 - p1)), digits: 4)); the lower estimates also "
        + "see the correlations that dead time and afterpulsing put between neighbouring bits, "
        + "and the estimators are deliberately conservative.")

    Narration.step(3, "Health tests on the raw stream (repetition count, adaptive proportion)")
    var monitor = try HealthMonitor(minEntropyPerBit: e.minEntropyPerBit)
    do {
      try monitor.check(raw)
      Narration.say(
        "Passed: no run of identical bits longer than \(monitor.repetitionCount.cutoff) and no "
          + "window of \(monitor.adaptiveProportion.window) bits with more than "
          + "\(monitor.adaptiveProportion.cutoff) of one value.")
    } catch {
      Narration.say("FAILED: \(error). A real device would stop its output here.")
    }

    Narration.step(4, "Extraction: turning biased bits into uniform ones")
    let vonNeumann = VonNeumannExtractor.extract(raw)
    Narration.say(
      "Von Neumann (pairs 01 → 0, 10 → 1, drop 00 and 11): \(Narration.count(vonNeumann.count)) "
        + "bits, ones \(Narration.percent(Double(vonNeumann.popcount) / Double(max(1, vonNeumann.count)), digits: 3)). "
        + "Simple, but it wastes bits and assumes independent raw bits.")
    var seedStream = Xoshiro256StarStar(seed: seed).jumped()
    let extractor = try ToeplitzExtractor(
      inputLength: raw.count, minEntropyPerBit: e.minEntropyPerBit, epsilon: 1e-12,
      using: &seedStream)
    let extracted = try extractor.extract(raw)
    Narration.say(
      "Toeplitz hash sized from H (leftover hash lemma, ε = 1e-12): \(Narration.count(raw.count)) "
        + "raw → \(Narration.count(extracted.count)) output bits "
        + "(\(Narration.percent(Double(extracted.count) / Double(raw.count), digits: 1))), ones "
        + "\(Narration.percent(Double(extracted.popcount) / Double(max(1, extracted.count)), digits: 3))."
    )
    Narration.say("First output bytes: \(HexPreview.prefix(extracted.bytes, bytes: 12))")

    Narration.step(5, "The NIST SP 800-22 test battery (α = 0.01)")
    let battery = try TestBattery()
    let rawResults = try battery.run(raw)
    let outResults = try battery.run(extracted)
    let rows = zip(rawResults, outResults).map { r, o in
      [
        r.name, Narration.fixed(r.pValue, digits: 4), r.passed ? "pass" : "FAIL",
        Narration.fixed(o.pValue, digits: 4), o.passed ? "pass" : "FAIL",
      ]
    }
    for line in Narration.table(
      ["test", "raw p-value", "raw", "extracted p-value", "extracted"], rows)
    {
      Narration.say(line)
    }
    let rawFails = rawResults.filter { !$0.passed }.count
    let outFails = outResults.filter { !$0.passed }.count
    Narration.say(
      "Raw bits failed \(rawFails) of \(rawResults.count) tests; extracted bits failed "
        + "\(outFails). (At α = 0.01 a perfect source fails a test about once in 100.)")

    Narration.step(6, "Using it as a Swift random number generator")
    var qrng = try QRNG(
      configuration: try QRNGConfiguration(
        source: sourceConfiguration, assessmentBits: 1 << 16, blockLength: 1 << 16),
      seed: seed)
    var dice: [Int] = []
    for _ in 0..<10 { dice.append(Int.random(in: 1...6, using: &qrng)) }
    if let failure = qrng.failure {
      Narration.say("The generator stopped: \(failure)")
    } else {
      Narration.say(
        "Ten dice rolled with Int.random(in: 1...6, using: &qrng): \(dice.map(String.init).joined(separator: " "))"
      )
    }
  }
}
