import ArgumentParser
import DemoSupport
import Foundation
import QKDLab

/// `e91-demo`: Ekert's entanglement-based protocol, with a Bell test that exposes Eve.
@main
struct E91Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "e91-demo",
    abstract: "Watch entangled photons make a key, and the CHSH Bell test catch an eavesdropper.",
    discussion: """
      A source between Alice and Bob emits polarization-entangled pairs. Alice measures at 0°, \
      22.5° or 45°, Bob at 22.5°, 45° or 67.5°. Matching angles give key bits; four other \
      combinations give the CHSH value S, which quantum mechanics lets reach 2√2 ≈ 2.83 while \
      any eavesdropper who measures the photons pushes it to 2 or below. The demo runs the \
      honest link and then the same link with Eve intercepting and resending (--eve).
      """)

  @Option(help: "Source gates (pairs).")
  var pairs: Int = 400_000

  @Option(help: "Total fibre length in km, split evenly between the two arms.")
  var distanceKm: Double = 10

  @Option(help: "Source visibility V (S = 2√2·V without other noise).")
  var visibility: Double = 0.98

  @Option(help: "Detector efficiency of each station.")
  var detectorEfficiency: Double = 0.5

  @Option(help: "Dark-count probability per gate per detector.")
  var darkCount: Double = 1e-6

  @Option(help: "Misalignment error of each analyzer.")
  var misalignment: Double = 0.01

  @Option(
    help: "The attack of the second run: intercept-resend:P[:alice|bob[:random|hv|da|breidbart]].")
  var eve: String = "intercept-resend:1"

  @Option(help: "Seed for every random choice.")
  var seed: UInt64 = 7

  @Option(help: "Pairs to show in the opening table (exact path, coincidences only).")
  var tableRows: Int = 8

  @Option(help: "The message to encrypt with the key.")
  var message: String = "Entanglement says hello."

  func validate() throws {
    guard pairs >= 1 else { throw ValidationError("--pairs must be ≥ 1, got \(pairs)") }
    guard (0...100).contains(tableRows) else {
      throw ValidationError("--table-rows must be between 0 and 100, got \(tableRows)")
    }
  }

  func options(eve: String) throws -> E91LinkOptions {
    var o = E91LinkOptions()
    o.pairs = pairs
    o.distanceKm = distanceKm
    o.visibility = visibility
    o.detectorEfficiency = detectorEfficiency
    o.darkCount = darkCount
    o.misalignment = misalignment
    o.seed = seed
    do {
      o.eve = try E91EavesdropperOption(parsing: eve)
    } catch {
      throw ValidationError("--eve: \(error)")
    }
    return o
  }

  func run() throws {
    let honest: E91Configuration
    let attacked: E91Configuration
    do {
      honest = try options(eve: "none").makeConfiguration()
      attacked = try options(eve: eve).makeConfiguration()
    } catch let error as ValidationError {
      throw error
    } catch {
      throw ValidationError("\(error)")
    }
    E91Story(honest: honest, attacked: attacked, tableRows: tableRows).tell(message: message)
  }
}
