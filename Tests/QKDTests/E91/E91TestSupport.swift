import Foundation
import Photonics

@testable import QKD

/// Short E91 options for debug-build tests: ideal one-pair-per-gate source, 0 km, good
/// detectors without dark counts, batches small enough that two threads share the work.
func e91Options(
  seed: UInt64 = 1, pairs: Int = 60_000, visibility: Double = 1, misalignment: Double = 0,
  darkCount: Double = 0, efficiency: Double = 1, distanceKm: Double = 0,
  eve: E91EavesdropperOption = .none
) -> E91LinkOptions {
  var o = E91LinkOptions()
  o.seed = seed
  o.pairs = pairs
  o.visibility = visibility
  o.misalignment = misalignment
  o.darkCount = darkCount
  o.detectorEfficiency = efficiency
  o.distanceKm = distanceKm
  o.eve = eve
  return o
}

/// The configuration of `options` with a small batch size (several batches per run).
func e91Configuration(_ options: E91LinkOptions, batchSize: Int = 1 << 14) throws
  -> E91Configuration
{
  var c = try options.makeConfiguration()
  c.link.batchSize = batchSize
  try c.validate()
  return c
}

/// Runs a session from options.
func e91Run(_ options: E91LinkOptions, threads: Int? = nil) throws -> E91SessionResult {
  try E91Session(configuration: try e91Configuration(options)).run(threads: threads)
}

/// Whether an observed frequency is within 5 binomial standard deviations of `p` (plus a tiny
/// absolute slack for p at 0 or 1).
func e91WithinBinomial(_ observed: Double, _ p: Double, n: Int) -> Bool {
  guard n > 0 else { return false }
  let sigma = (p * (1 - p) / Double(n)).squareRoot()
  return abs(observed - p) <= 5 * sigma + 1e-12
}

/// Tsirelson's bound 2√2.
let e91Tsirelson = 2 * 2.0.squareRoot()
