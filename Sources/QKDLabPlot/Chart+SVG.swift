import Foundation

extension Chart {
  /// Colour-blind-safe palette (Okabe & Ito 2008).
  static let palette = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
  ]

  /// The chart as a standalone, well-formed SVG document.
  public func svg() -> String {
    let left = 86.0
    let right = 20.0
    let top = 44.0
    let bottom = 62.0
    let plotW = width - left - right
    let plotH = height - top - bottom
    let pts = series.flatMap { s in zip(s.x, s.y).filter { usable($0.0, $0.1) } }
    var xs = pts.map(\.0)
    var ys = pts.map { logY ? log10($0.1) : $0.1 }
    for s in series {
      guard let err = s.yError else { continue }
      for (i, y) in s.y.enumerated() where i < err.count && usable(s.x[i], y) {
        let lo = y - err[i]
        let hi = y + err[i]
        if logY {
          if lo > 0 { ys.append(log10(lo)) }
          ys.append(log10(hi))
        } else {
          ys.append(contentsOf: [lo, hi])
        }
      }
    }
    if xs.isEmpty { xs = [0, 1] }
    if ys.isEmpty { ys = [0, 1] }
    let xr = Axis.niceRange(xs.min()!, xs.max()!, log: false)
    let yr = Axis.niceRange(ys.min()!, ys.max()!, log: logY)
    func px(_ x: Double) -> Double { left + (x - xr.lo) / (xr.hi - xr.lo) * plotW }
    func py(_ y: Double) -> Double {
      let v = logY ? log10(y) : y
      return top + plotH - (v - yr.lo) / (yr.hi - yr.lo) * plotH
    }

    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" \
      viewBox="0 0 \(f(width)) \(f(height))" font-family="Helvetica, Arial, sans-serif" font-size="13">
      <rect x="0" y="0" width="\(f(width))" height="\(f(height))" fill="white"/>
      <text x="\(f(width / 2))" y="26" text-anchor="middle" font-size="16" font-weight="bold">\(escape(title))</text>

      """
    // Grid and ticks.
    out += "<g id=\"x-axis\" stroke=\"#999\" stroke-width=\"0.5\">\n"
    for t in xr.ticks {
      let x = px(t)
      out +=
        "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + plotH))\" stroke=\"#e5e5e5\"/>\n"
      out +=
        "<text x=\"\(f(x))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\" stroke=\"none\" fill=\"#222\">\(Axis.label(t, log: false))</text>\n"
    }
    out += "</g>\n<g id=\"y-axis\" stroke=\"#999\" stroke-width=\"0.5\">\n"
    for t in yr.ticks {
      let y = top + plotH - (t - yr.lo) / (yr.hi - yr.lo) * plotH
      out +=
        "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y))\" stroke=\"#e5e5e5\"/>\n"
      out +=
        "<text x=\"\(f(left - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\" stroke=\"none\" fill=\"#222\">\(Axis.label(t, log: logY))</text>\n"
    }
    out += "</g>\n"
    out +=
      "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#333\"/>\n"
    out +=
      "<text id=\"x-label\" x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 18))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
    out +=
      "<text id=\"y-label\" transform=\"translate(20 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))</text>\n"

    // Series, clipped to the plot area.
    out +=
      "<clipPath id=\"plot-area\"><rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\"/></clipPath>\n"
    for (k, s) in series.enumerated() {
      let color = s.color ?? Chart.palette[k % Chart.palette.count]
      out += "<g class=\"series\" data-name=\"\(escape(s.name))\" clip-path=\"url(#plot-area)\">\n"
      let points = zip(s.x, s.y).enumerated().filter { usable($0.element.0, $0.element.1) }
      switch s.style {
      case .line, .dashed:
        let path = points.map { "\(f(px($0.element.0))),\(f(py($0.element.1)))" }.joined(
          separator: " ")
        let dash = s.style == .dashed ? " stroke-dasharray=\"7 5\"" : ""
        out +=
          "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
      case .points:
        for (i, p) in points {
          let x = px(p.0)
          let y = py(p.1)
          if let err = s.yError, i < err.count, err[i] > 0 {
            let lo = p.1 - err[i]
            let yLo = logY && lo <= 0 ? top + plotH : py(lo)
            let yHi = py(p.1 + err[i])
            out +=
              "<line x1=\"\(f(x))\" y1=\"\(f(yLo))\" x2=\"\(f(x))\" y2=\"\(f(yHi))\" stroke=\"\(color)\" stroke-width=\"1.2\"/>\n"
          }
          out += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3.5\" fill=\"\(color)\"/>\n"
        }
      }
      out += "</g>\n"
    }
    // Legend (top right, inside the plot).
    let legendW = 12.0 + 7.2 * Double(series.map(\.name.count).max() ?? 0) + 36
    let legendH = Double(series.count) * 20 + 8
    let onLeft = legendPosition == .topLeft || legendPosition == .bottomLeft
    let onBottom = legendPosition == .bottomLeft || legendPosition == .bottomRight
    let lx = onLeft ? left + 8 : left + plotW - legendW - 8
    let ly =
      legendPosition == .middleRight
      ? top + (plotH - legendH) / 2 : (onBottom ? top + plotH - legendH - 8 : top + 8)
    out +=
      "<g id=\"legend\">\n<rect x=\"\(f(lx))\" y=\"\(f(ly))\" width=\"\(f(legendW))\" height=\"\(f(Double(series.count) * 20 + 8))\" fill=\"white\" fill-opacity=\"0.9\" stroke=\"#bbb\"/>\n"
    for (k, s) in series.enumerated() {
      let color = s.color ?? Chart.palette[k % Chart.palette.count]
      let y = ly + 16 + Double(k) * 20
      if s.style == .points {
        out += "<circle cx=\"\(f(lx + 20))\" cy=\"\(f(y - 4))\" r=\"3.5\" fill=\"\(color)\"/>\n"
      } else {
        let dash = s.style == .dashed ? " stroke-dasharray=\"7 5\"" : ""
        out +=
          "<line x1=\"\(f(lx + 8))\" y1=\"\(f(y - 4))\" x2=\"\(f(lx + 32))\" y2=\"\(f(y - 4))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
      }
      out += "<text x=\"\(f(lx + 40))\" y=\"\(f(y))\">\(escape(s.name))</text>\n"
    }
    out += "</g>\n</svg>\n"
    return out
  }

  private func usable(_ x: Double, _ y: Double) -> Bool {
    x.isFinite && y.isFinite && (!logY || y > 0)
  }
}

/// Number formatting for SVG attributes: fixed two decimals.
func f(_ x: Double) -> String { String(format: "%.2f", x) }

/// Escapes text for XML.
func escape(_ s: String) -> String {
  s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
