import Foundation
import QKD
import QKDLabPlot

/// The plot for each sweep parameter.
enum SweepPlot {
  static func chart(parameter: String, rows: [SweepRow], link: LinkFlags) throws -> Chart {
    let x = rows.map(\.value)
    switch parameter {
    case "distance":
      var chart = Chart(
        title: "Decoy-state BB84: key rate against distance", xLabel: "fibre length (km)",
        yLabel: "secret key rate (bits per pulse)", logY: true)
      chart.legendPosition = .bottomLeft
      let lo = x.first ?? 0
      let hi = max(x.last ?? 0, lo + 1)
      var options = link.options()
      options.distanceKm = lo
      let params = try options.keyRateParameters()
      let fine = max((hi - lo) / 200, 0.01)
      let decoy = try KeyRateTheory.rows(
        protocol: .decoy, link: params, from: lo, to: hi, step: fine, mu: options.mu)
      let decoyOpt = try KeyRateTheory.rows(
        protocol: .decoy, link: params, from: lo, to: hi, step: fine)
      let gllp = try KeyRateTheory.rows(protocol: .gllp, link: params, from: lo, to: hi, step: fine)
      // Only signal pulses carry key in the decoy protocol, so its per-pulse rate is the
      // closed form times the signal probability (GLLP sends signals only).
      let ps = options.signalProbability
      chart.add(
        Series(
          name: "decoy theory, μ = \(options.mu) (× p_signal = \(ps))", x: decoy.map(\.distanceKm),
          y: decoy.map { $0.keyRatePerPulse * ps }))
      chart.add(
        Series(
          name: "decoy theory, optimal μ (× p_signal)", x: decoyOpt.map(\.distanceKm),
          y: decoyOpt.map { $0.keyRatePerPulse * ps }, style: .dashed))
      chart.add(
        Series(
          name: "GLLP (no decoys), optimal μ", x: gllp.map(\.distanceKm),
          y: gllp.map(\.keyRatePerPulse), style: .dashed))
      chart.add(
        Series(
          name: "PLOB bound −log₂(1−η)", x: decoy.map(\.distanceKm), y: decoy.map(\.plobBound),
          style: .line, color: "#000000"))
      chart.add(
        Series(
          name: "simulated (measured gains, ±1σ)", x: x,
          y: rows.map { $0.measuredAsymptoticRate ?? .nan },
          yError: rows.map { $0.measuredAsymptoticRateSigma ?? 0 }, style: .points))
      chart.add(
        Series(
          name: "simulated finite-size key", x: x, y: rows.map(\.keyRatePerPulse), style: .points,
          color: "#D55E00"))
      return chart
    case "intercept":
      var chart = Chart(
        title: "Intercept-resend: QBER against the fraction Eve intercepts",
        xLabel: "intercepted fraction p", yLabel: "QBER (fraction of sifted bits)")
      chart.legendPosition = .topLeft
      // Eve's wrong basis (half the time) gives Bob a 1/2 error rate, her right basis leaves the
      // link's own E₀: QBER = (1 − p)E₀ + p(1/4 + E₀/2), which is p/4 on a noiseless link.
      let e0 = rows.first?.qber ?? 0
      chart.add(
        Series(
          name: "(1−p)E₀ + p(1/4 + E₀/2), E₀ at p = \(x.first ?? 0)", x: x,
          y: x.map { (1 - $0) * e0 + $0 * (0.25 + e0 / 2) }, style: .dashed))
      chart.add(
        Series(
          name: "p/4 (noiseless link)", x: x, y: x.map { $0 / 4 }, style: .line, color: "#999999"))
      chart.add(
        Series(
          name: "simulated QBER (±1σ)", x: x, y: rows.map { $0.qber ?? .nan },
          yError: rows.map { $0.qberSigma ?? 0 }, style: .points))
      return chart
    case "mu", "dark-count":
      var chart = Chart(
        title:
          "Decoy-state BB84: key rate against \(parameter == "mu" ? "signal intensity μ" : "dark counts")",
        xLabel: parameter == "mu"
          ? "signal intensity μ (photons per pulse)"
          : "dark-count probability (per gate per detector)",
        yLabel: "secret key rate (bits per pulse)", logY: true)
      chart.add(
        Series(name: "decoy theory", x: x, y: rows.map { $0.theoryKeyRatePerPulse ?? .nan }))
      chart.add(
        Series(
          name: "simulated (measured gains, ±1σ)", x: x,
          y: rows.map { $0.measuredAsymptoticRate ?? .nan },
          yError: rows.map { $0.measuredAsymptoticRateSigma ?? 0 }, style: .points))
      return chart
    default:
      var chart = Chart(
        title: "E91: CHSH value against source visibility", xLabel: "visibility V",
        yLabel: "CHSH S (dimensionless)")
      chart.legendPosition = .bottomRight
      // Each station's misalignment e_d scales every correlation by (1 − 2e_d).
      let ed = link.misalignment
      let shrink = (1 - 2 * ed) * (1 - 2 * ed)
      chart.add(
        Series(
          name: "2√2·V (ideal detectors)", x: x, y: x.map { 2 * 2.0.squareRoot() * $0 },
          style: .dashed))
      chart.add(
        Series(
          name: "2√2·V·(1−2e_d)², e_d = \(ed)", x: x,
          y: x.map { 2 * 2.0.squareRoot() * $0 * shrink }, style: .dashed))
      chart.add(Series(name: "classical bound 2", x: x, y: x.map { _ in 2 }, color: "#000000"))
      chart.add(
        Series(
          name: "Tsirelson bound 2√2", x: x, y: x.map { _ in 2 * 2.0.squareRoot() },
          style: .dashed, color: "#999999"))
      chart.add(
        Series(
          name: "simulated S (±1σ)", x: x, y: rows.map { $0.chshS ?? .nan },
          yError: rows.map { $0.chshSigma ?? 0 }, style: .points))
      return chart
    }
  }
}
