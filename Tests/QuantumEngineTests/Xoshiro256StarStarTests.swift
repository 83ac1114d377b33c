import Foundation
import QuantumEngine
import Testing

/// A generator with its raw state set through its `Codable` form.
func xoshiro(state s: [UInt64]) throws -> Xoshiro256StarStar {
  let json = "{\"s0\":\(s[0]),\"s1\":\(s[1]),\"s2\":\(s[2]),\"s3\":\(s[3])}"
  return try JSONDecoder().decode(Xoshiro256StarStar.self, from: Data(json.utf8))
}

@Suite struct Xoshiro256StarStarTests {
  /// The reference implementation (Blackman & Vigna, xoshiro256starstar.c) from state (1, 2, 3, 4);
  /// the same vector is used by rand_xoshiro's reference test.
  @Test func matchesReferenceOutputs() throws {
    var g = try xoshiro(state: [1, 2, 3, 4])
    let expected: [UInt64] = [
      11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360,
      607_988_272_756_665_600, 16_172_922_978_634_559_625, 8_476_171_486_693_032_832,
      10_595_114_339_597_558_777, 2_904_607_092_377_533_576,
    ]
    for e in expected { #expect(g.next() == e) }
  }

  /// Seeding expands the seed through SplitMix64: seed 0 gives the state of SplitMix64's first four
  /// outputs from 0 (0xE220A8397B1DCDAF, …).
  @Test func seedingThroughSplitMix64() throws {
    let g = Xoshiro256StarStar(seed: 0)
    let expected = try xoshiro(state: [
      0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC,
    ])
    #expect(g == expected)
  }

  /// The jump polynomial from state (0, 0, 0, 1), against the published jumped state.
  @Test func jumpMatchesReference() throws {
    let start = try xoshiro(state: [0, 0, 0, 1])
    let jumped = start.jumped()
    let expected = try xoshiro(state: [
      0x934D_05E8_B207_6310, 0xEABD_D0BF_76A1_BE51, 0x75DD_6A99_2ACC_B1E8, 0xC660_C602_A733_0187,
    ])
    #expect(jumped == expected)
    var j = jumped
    #expect(j.next() == 12_599_052_973_356_228_890)
    // Jumping commutes with stepping (both are powers of the same linear map).
    var stepped = start
    _ = stepped.next()
    var jumpedThenStepped = jumped
    _ = jumpedThenStepped.next()
    #expect(stepped.jumped() == jumpedThenStepped)
  }

  @Test func sameSeedSameStreamDifferentSeedDifferentStream() {
    var a = Xoshiro256StarStar(seed: 2024)
    var b = Xoshiro256StarStar(seed: 2024)
    var c = Xoshiro256StarStar(seed: 2025)
    let xa = (0..<100).map { _ in a.next() }
    let xb = (0..<100).map { _ in b.next() }
    let xc = (0..<100).map { _ in c.next() }
    #expect(xa == xb)
    #expect(xa != xc)
    #expect(Set(xa).count == 100)
  }

  @Test func splitStreamsAreTheJumpSequenceAndDiffer() {
    let g = Xoshiro256StarStar(seed: 9)
    let streams = g.split(into: 4)
    #expect(streams.count == 4)
    #expect(streams[0] == g)
    #expect(streams[1] == g.jumped())
    #expect(streams[3] == g.jumped().jumped().jumped())
    var firsts: Set<UInt64> = []
    for var s in streams { for _ in 0..<50 { firsts.insert(s.next()) } }
    #expect(firsts.count == 200)
    #expect(g.split(into: 0).isEmpty)
    // stream(seed:index:) is reproducible and distinct per index and per seed.
    var outputs: Set<UInt64> = []
    for index in UInt64(0)..<64 {
      var s = Xoshiro256StarStar.stream(seed: 5, index: index)
      var t = Xoshiro256StarStar.stream(seed: 5, index: index)
      let x = s.next()
      #expect(x == t.next())
      outputs.insert(x)
    }
    #expect(outputs.count == 64)
    var other = Xoshiro256StarStar.stream(seed: 6, index: 0)
    var same = Xoshiro256StarStar.stream(seed: 5, index: 0)
    #expect(other.next() != same.next())
  }

  /// nextUnitDouble: in [0, 1), mean 1/2 and variance 1/12 within 5σ for 10^6 draws.
  @Test func unitDoubleMomentsAndBitBalance() {
    var g = Xoshiro256StarStar(seed: 77)
    let n = 1_000_000
    var sum = 0.0
    var sumSq = 0.0
    var lo = 1.0
    var hi = 0.0
    for _ in 0..<n {
      let u = g.nextUnitDouble()
      sum += u
      sumSq += u * u
      lo = min(lo, u)
      hi = max(hi, u)
    }
    let mean = sum / Double(n)
    let variance = sumSq / Double(n) - mean * mean
    #expect(lo >= 0 && hi < 1)
    // σ(mean) = √(1/12/n); σ(variance) = √((1/80 − 1/144)/n) for the uniform distribution.
    #expect(abs(mean - 0.5) < 5 * (1.0 / 12 / Double(n)).squareRoot())
    #expect(abs(variance - 1.0 / 12) < 5 * ((1.0 / 80 - 1.0 / 144) / Double(n)).squareRoot())
    // Every output bit is set about half the time.
    var ones = [Int](repeating: 0, count: 64)
    let m = 20_000
    for _ in 0..<m {
      let x = g.next()
      for b in 0..<64 where x & (1 << UInt64(b)) != 0 { ones[b] += 1 }
    }
    for c in ones {
      #expect(abs(Double(c) - Double(m) / 2) <= fiveSigma(trials: m, probability: 0.5))
    }
  }

  @Test func codableRoundTrip() throws {
    var g = Xoshiro256StarStar(seed: 123)
    _ = g.next()
    let data = try JSONEncoder().encode(g)
    var back = try JSONDecoder().decode(Xoshiro256StarStar.self, from: data)
    #expect(back == g)
    #expect(back.next() == g.next())
  }
}
