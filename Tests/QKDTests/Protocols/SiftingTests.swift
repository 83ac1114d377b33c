import ClassicalCrypto
import Testing

@testable import QKD

@Suite("BB84Sifting")
struct SiftingTests {
  /// Five detected pulses: bases match for pulses 3, 9 and 40.
  func records() -> (BB84AliceRecords, BB84BobRecords) {
    var alice = BB84AliceRecords(intensityCount: 3)
    alice.pulsesPerIntensity = [30, 10, 10]
    alice.pulseIndex = [3, 7, 9, 22, 40]
    alice.intensity = [0, 1, 0, 2, 1]
    alice.basis = [0, 1, 1, 0, 0]
    alice.bit = [1, 0, 1, 1, 0]
    var bob = BB84BobRecords()
    bob.pulseIndex = alice.pulseIndex
    bob.basis = [0, 0, 1, 1, 0]
    bob.bit = [1, 1, 0, 0, 0]
    return (alice, bob)
  }

  @Test("both parties keep exactly the matching-basis pulses, with Alice's intensities")
  func sifts() throws {
    let (alice, bob) = records()
    var channel = ClassicalChannel(authentication: .none)
    let result = try BB84Sifting.run(alice: alice, bob: bob, pulseCount: 50, channel: &channel)
    #expect(result.announcedDetections == 5)
    for key in [result.alice, result.bob] {
      #expect(key.pulseIndex == [3, 9, 40])
      #expect(key.intensity == [0, 0, 1])
      #expect(key.basis == [0, 1, 0])
      #expect(key.detectionsPerIntensity == [2, 2, 1])
    }
    #expect(result.alice.bit == [1, 1, 0])
    #expect(result.bob.bit == [1, 0, 0])
    #expect(channel.messagesSent == 2)
  }

  @Test("an announcement naming a pulse beyond those sent is refused, not trapped on")
  func refusesBadIndex() throws {
    let (alice, bob) = records()
    var channel = ClassicalChannel(authentication: .none)
    #expect(throws: BB84AbortReason.self) {
      try BB84Sifting.run(alice: alice, bob: bob, pulseCount: 20, channel: &channel)
    }
  }

  @Test("a truncated announcement is reported as inconsistent")
  func truncated() throws {
    let (alice, bob) = records()
    var channel = ClassicalChannel(
      authentication: .none,
      adversary: ManInTheMiddle { frame in
        var f = frame
        f.message.payload.removeLast()
        return [f]
      })
    do {
      _ = try BB84Sifting.run(alice: alice, bob: bob, pulseCount: 50, channel: &channel)
      Issue.record("expected an abort")
    } catch {
      #expect(error.code == "inconsistent_messages")
    }
  }
}
