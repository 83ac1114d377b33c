/// A two-dimensional chart rendered as standalone SVG: series of points or lines (with optional
/// vertical error bars), linear or logarithmic axes with labels and units, and a legend.
///
/// Charts are values: build one, add series, then call ``svg()``.
public struct Chart: Sendable, Codable {
  /// The title printed above the plot.
  public var title: String
  /// The x-axis label, including the unit, e.g. "distance (km)".
  public var xLabel: String
  /// The y-axis label, including the unit.
  public var yLabel: String
  /// Whether the y axis is logarithmic (base 10).
  public var logY: Bool
  /// Where the legend sits inside the plot area.
  public enum LegendPosition: String, Sendable, Codable {
    /// Top right corner.
    case topRight
    /// Bottom left corner.
    case bottomLeft
    /// Top left corner.
    case topLeft
    /// Bottom right corner.
    case bottomRight
    /// Right edge, vertically centred.
    case middleRight
  }

  /// The legend's corner (default top right).
  public var legendPosition: LegendPosition = .topRight
  /// The series, drawn in order.
  public var series: [Series] = []
  /// Width and height of the SVG in pixels.
  public var width: Double = 760
  /// Height of the SVG in pixels.
  public var height: Double = 480

  /// Creates an empty chart.
  public init(title: String, xLabel: String, yLabel: String, logY: Bool = false) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.logY = logY
  }

  /// Adds a series.
  public mutating func add(_ s: Series) { series.append(s) }
}

/// One data series of a ``Chart``.
public struct Series: Sendable, Codable {
  /// How the points are drawn.
  public enum Style: String, Sendable, Codable {
    /// A polyline through the points.
    case line
    /// A dashed polyline (theory curves, bounds).
    case dashed
    /// Markers at the points (simulated data), with error bars when given.
    case points
  }

  /// The legend entry.
  public var name: String
  /// The x values.
  public var x: [Double]
  /// The y values.
  public var y: [Double]
  /// Optional symmetric error (one standard deviation) on each y.
  public var yError: [Double]?
  /// The drawing style.
  public var style: Style
  /// A CSS colour; nil picks one from the palette.
  public var color: String?

  /// Creates a series; points whose x or y is not finite (or y ≤ 0 on a log axis) are skipped when
  /// drawing.
  public init(
    name: String, x: [Double], y: [Double], yError: [Double]? = nil, style: Style = .line,
    color: String? = nil
  ) {
    self.name = name
    self.x = x
    self.y = y
    self.yError = yError
    self.style = style
    self.color = color
  }
}
