import ClassicalCrypto
import Foundation

extension RandomnessTests {
  /// Binary matrix rank test, SP 800-22 section 2.5: the sequence fills N = ⌊n/1024⌋ 32×32
  /// matrices row by row; F_32, F_31 and the rest count full rank, rank 31 and lower ranks over
  /// GF(2). χ² = Σ (F − Np)²/(Np) with p the exact asymptotic rank probabilities of
  /// section 3.5 (≈ 0.2888, 0.5776, 0.1336), and p-value = e^{−χ²/2}.
  /// - Throws: ``QRNGError/sequenceTooShort(test:length:minimum:)`` below 1024 bits.
  public static func binaryMatrixRank(
    _ bits: BitVector, significance: Double = defaultSignificance
  ) throws(QRNGError) -> StatisticalTestResult {
    try checkSignificance(significance)
    try checkLength(bits, 1024, "binary matrix rank test")
    return matrixRank(
      bits, rows: 32, columns: 32,
      probabilities: rankProbabilities(rows: 32, columns: 32), significance: significance)
  }

  /// The rank test on `rows`×`columns` matrices (columns ≤ 64) with the given probabilities of
  /// full rank, full rank − 1 and lower.
  static func matrixRank(
    _ bits: BitVector, rows: Int, columns: Int, probabilities: [Double], significance: Double
  ) -> StatisticalTestResult {
    let size = rows * columns
    let matrices = bits.count / size
    let fullRank = min(rows, columns)
    var full = 0
    var nextToFull = 0
    var matrix = [UInt64](repeating: 0, count: rows)
    for k in 0..<matrices {
      for r in 0..<rows {
        var row: UInt64 = 0
        let start = k * size + r * columns
        for c in 0..<columns where bits[start + c] {
          row |= 1 << UInt64(c)
        }
        matrix[r] = row
      }
      let rank = gf2Rank(&matrix)
      if rank == fullRank {
        full += 1
      } else if rank == fullRank - 1 {
        nextToFull += 1
      }
    }
    let n = Double(matrices)
    let observed = [Double(full), Double(nextToFull), Double(matrices - full - nextToFull)]
    var chiSquared = 0.0
    for i in 0..<3 {
      let expected = probabilities[i] * n
      chiSquared += (observed[i] - expected) * (observed[i] - expected) / expected
    }
    return StatisticalTestResult(
      name: "binary_matrix_rank", statistic: chiSquared, pValues: [exp(-chiSquared / 2)],
      significance: significance)
  }

  /// The rank over GF(2) of the rows (as bit masks), by Gaussian elimination; destroys `rows`.
  static func gf2Rank(_ rows: inout [UInt64]) -> Int {
    var rank = 0
    for column in 0..<64 {
      let mask: UInt64 = 1 << UInt64(column)
      guard let pivot = (rank..<rows.count).first(where: { rows[$0] & mask != 0 }) else {
        continue
      }
      rows.swapAt(rank, pivot)
      for r in 0..<rows.count where r != rank && rows[r] & mask != 0 {
        rows[r] ^= rows[rank]
      }
      rank += 1
      if rank == rows.count { break }
    }
    return rank
  }

  /// P(rank = r) for a random M×Q binary matrix, SP 800-22 section 3.5:
  /// 2^{r(Q+M−r)−MQ} Π_{i<r} (1−2^{i−Q})(1−2^{i−M})/(1−2^{i−r}); returns the probabilities of
  /// rank min(M,Q), min(M,Q) − 1 and the remainder.
  static func rankProbabilities(rows m: Int, columns q: Int) -> [Double] {
    func probability(_ r: Int) -> Double {
      var product = 1.0
      for i in 0..<r {
        product *=
          (1 - pow(2, Double(i - q))) * (1 - pow(2, Double(i - m)))
          / (1 - pow(2, Double(i - r)))
      }
      return pow(2, Double(r * (q + m - r) - m * q)) * product
    }
    let full = min(m, q)
    let p0 = probability(full)
    let p1 = probability(full - 1)
    return [p0, p1, 1 - p0 - p1]
  }
}
