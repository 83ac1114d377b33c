import Foundation

/// Plain-language output helpers shared by the demos: numbered steps, indented sentences and
/// number formats a newcomer can read.
public enum Narration {
  /// Prints a step heading, e.g. "Step 2 — Bob measures".
  public static func step(_ number: Int, _ title: String) {
    print("")
    print("Step \(number) — \(title)")
  }

  /// Prints a heading without a number.
  public static func heading(_ title: String) {
    print("")
    print(title)
    print(String(repeating: "=", count: title.count))
  }

  /// Prints an indented sentence.
  public static func say(_ text: String) {
    print("  " + text)
  }

  /// A fraction as a percentage with `digits` decimals ("3.27 %"), or "–" for nil/non-finite.
  public static func percent(_ x: Double?, digits: Int = 2) -> String {
    guard let x, x.isFinite else { return "–" }
    return String(format: "%.\(digits)f %%", 100 * x)
  }

  /// A number in scientific notation ("7.12e-03"), or "–" for nil/non-finite.
  public static func scientific(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "–" }
    return String(format: "%.3e", x)
  }

  /// A number with `digits` decimals, or "–".
  public static func fixed(_ x: Double?, digits: Int = 3) -> String {
    guard let x, x.isFinite else { return "–" }
    return String(format: "%.\(digits)f", x)
  }

  /// An integer with thousands separators ("1 000 000").
  public static func count<I: BinaryInteger>(_ n: I) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(" ") }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }

  /// Lines of a table with left-aligned columns separated by two spaces, first line the header.
  public static func table(_ header: [String], _ rows: [[String]]) -> [String] {
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count {
        widths[i] = max(widths[i], cell.count)
      }
    }
    func line(_ cells: [String]) -> String {
      zip(cells, widths).map { $0 + String(repeating: " ", count: max(0, $1 - $0.count)) }
        .joined(separator: "  ").replacingOccurrences(
          of: "\\s+$", with: "", options: .regularExpression)
    }
    let head = line(header)
    return [head, String(repeating: "-", count: head.count)] + rows.map(line)
  }
}
