import Foundation
import Photonics

@testable import QKD

/// A short decoy link at `distanceKm` with a good detector: enough key from a few 10^5 pulses
/// in a debug build.
func bb84ShortOptions(
  seed: UInt64 = 1, pulses: Int = 400_000, distanceKm: Double = 10, finiteSize: Bool = false
) -> BB84LinkOptions {
  var o = BB84LinkOptions()
  o.distanceKm = distanceKm
  o.detectorEfficiency = 0.2
  o.pulses = pulses
  o.seed = seed
  o.finiteSizeBounds = finiteSize
  return o
}

/// Runs a session from options.
func bb84Run(_ options: BB84LinkOptions, adversary: (any ChannelAdversary)? = nil) throws
  -> BB84SessionResult
{
  try BB84Session(configuration: try options.makeConfiguration(), adversary: adversary).run()
}

/// Counts how many frames an adversary altered (thread-safe; the adversary closure is Sendable).
final class BB84TamperLog: @unchecked Sendable {
  private let lock = NSLock()
  private var altered = 0

  var count: Int { lock.withLock { altered } }

  func record() { lock.withLock { altered += 1 } }
}

/// A man in the middle that flips bit `bit` of the payload of the first message whose label
/// starts with `labelPrefix` (the bit index wraps to the payload length).
func bb84FlipFirst(_ labelPrefix: String, bit: Int, log: BB84TamperLog) -> ManInTheMiddle {
  ManInTheMiddle { frame in
    var f = frame
    guard f.message.label.hasPrefix(labelPrefix), log.count == 0, !f.message.payload.isEmpty
    else { return [frame] }
    let b = bit % (8 * f.message.payload.count)
    f.message.payload[b / 8] ^= 1 << UInt8(b % 8)
    log.record()
    return [f]
  }
}
