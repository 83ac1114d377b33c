import Foundation
import Testing

@testable import QKDLabPlot

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Test func svgIsWellFormedXMLWithAxesAndSeries() throws {
  var chart = Chart(
    title: "Key rate vs distance", xLabel: "distance (km)", yLabel: "key rate (bits/pulse)",
    logY: true)
  let d = stride(from: 0.0, through: 150, by: 10).map { $0 }
  chart.add(Series(name: "decoy theory", x: d, y: d.map { 1e-2 * pow(10, -0.021 * $0) }))
  chart.add(
    Series(
      name: "simulated <&>", x: d, y: d.map { 1e-2 * pow(10, -0.021 * $0) },
      yError: d.map { 1e-3 * pow(10, -0.021 * $0) }, style: .points))
  let svg = chart.svg()
  let doc = try XMLDocument(xmlString: svg)
  let root = try #require(doc.rootElement())
  #expect(root.name == "svg")
  let groups = try root.nodes(forXPath: "//*[local-name()='g'][@class='series']")
  #expect(groups.count == 2)
  let labels = try root.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
  #expect(labels.contains("distance (km)"))
  #expect(labels.contains("key rate (bits/pulse)"))
  #expect(labels.contains("simulated <&>"))
  // A decade axis from 1e-6 to 1e-2 covers the data.
  #expect(labels.contains("1e-2"))
  #expect(try root.nodes(forXPath: "//*[local-name()='circle']").count >= d.count)
}

@Test func niceRangeCoversDataWithRoundTicks() {
  let r = Axis.niceRange(0.13, 9.7, log: false)
  #expect(r.lo <= 0.13 && r.hi >= 9.7)
  #expect(r.ticks.count >= 3 && r.ticks.count <= 12)
  let l = Axis.niceRange(-5.3, -1.2, log: true)
  #expect(l.lo == -6 && l.hi == -1)
}

@Test func unusablePointsAreSkippedNotDrawn() throws {
  var chart = Chart(title: "t", xLabel: "x (1)", yLabel: "y (1)", logY: true)
  chart.add(Series(name: "s", x: [1, 2, 3], y: [1, 0, .nan], style: .points))
  let doc = try XMLDocument(xmlString: chart.svg())
  #expect(try doc.nodes(forXPath: "//*[local-name()='circle']").count == 2)  // one point + legend
}
