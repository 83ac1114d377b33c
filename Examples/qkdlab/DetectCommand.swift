import ArgumentParser
import EveDetection
import Foundation
import QKDLabPlot

/// `qkdlab detect`: simulated link data sets, training and honest evaluation of the eavesdropper
/// detector.
struct DetectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "detect",
    abstract: "Generate link statistics, train the eavesdropper detector, and evaluate it.",
    subcommands: [Generate.self, Train.self, Evaluate.self])

  /// Which link ranges a data set is drawn from.
  enum RangeChoice: String, ExpressibleByArgument {
    case training
    case heldout = "held-out"

    var ranges: LinkRanges { self == .training ? .training : .heldOut }
  }

  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Simulate sessions (features and labels) and write them as CSV.")

    @Option(help: "Number of sessions.")
    var sessions: Int = 10_000
    @Option(help: "Sifted bits per session.")
    var siftedBits: Int = 100_000
    @Option(help: "Link ranges: training (1–150 km) or held-out (150–200 km, unseen efficiencies).")
    var ranges: RangeChoice = .training
    @Option(help: "Seed.")
    var seed: UInt64 = 1
    @Option(help: "CSV file to write (standard output when omitted).")
    var out: String?

    func run() throws {
      guard sessions >= 1 else { throw ValidationError("--sessions must be ≥ 1, got \(sessions)") }
      do {
        let generator = try DatasetGenerator(
          ranges: ranges.ranges, siftedBitsPerSession: siftedBits)
        let csv = try generator.generate(count: sessions, seed: seed).csv()
        if let out {
          try csv.write(toFile: out, atomically: true, encoding: .utf8)
        } else {
          print(csv, terminator: "")
        }
      } catch {
        throw refuse(error)
      }
    }
  }

  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train a detector (on a CSV, or on freshly simulated training links) and save it.")

    @Option(help: "Where to save the model (versioned JSON).")
    var out: String
    @Option(help: "Seed for simulation and training.")
    var seed: UInt64 = 1
    @Option(help: "Training CSV from `qkdlab detect generate`; simulated when omitted.")
    var data: String?
    @Option(help: "Sessions to simulate when no --data is given.")
    var sessions: Int = 100_000
    @Option(help: "Sifted bits per simulated session.")
    var siftedBits: Int = 100_000
    @Flag(help: "Print training metrics as one JSON object.")
    var json = false

    func run() throws {
      guard sessions >= 100 else {
        throw ValidationError("--sessions must be ≥ 100, got \(sessions)")
      }
      do {
        let dataset: DetectionDataset
        if let data {
          dataset = try DetectionDataset(csv: String(contentsOfFile: data, encoding: .utf8))
        } else {
          dataset = try DatasetGenerator(ranges: .training, siftedBitsPerSession: siftedBits)
            .generate(count: sessions, seed: seed)
        }
        let started = Date()
        let detector = try EveDetector.train(on: dataset, seed: seed)
        let seconds = Date().timeIntervalSince(started)
        try detector.jsonData().write(to: URL(fileURLWithPath: out))
        let summary = TrainSummary(
          sessions: dataset.count, trainingSeconds: seconds, model: out,
          threshold: detector.threshold.value)
        if json {
          try Output.printJSON(summary)
        } else {
          print(
            "trained on \(dataset.count) sessions in \(String(format: "%.2f", seconds)) s; saved \(out)"
          )
        }
      } catch let e as ValidationError {
        throw e
      } catch {
        throw refuse(error)
      }
    }
  }

  struct TrainSummary: Codable {
    var sessions: Int
    var trainingSeconds: Double
    var model: String
    var threshold: Double

    enum CodingKeys: String, CodingKey {
      case sessions, model, threshold
      case trainingSeconds = "training_seconds"
    }
  }

  struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluate a saved detector on held-out links (or a CSV) and report its metrics.")

    @Option(help: "The model saved by `qkdlab detect train`.")
    var model: String
    @Option(help: "Evaluation CSV; simulated from held-out ranges when omitted.")
    var data: String?
    @Option(help: "Sessions to simulate when no --data is given.")
    var sessions: Int = 20_000
    @Option(help: "Sifted bits per simulated session.")
    var siftedBits: Int = 100_000
    @Option(help: "Seed for the simulated evaluation set.")
    var seed: UInt64 = 2
    @Option(help: "Write the ROC curve as an SVG plot.")
    var plot: String?
    @Flag(help: "Print the metrics as one JSON object.")
    var json = false

    func run() throws {
      do {
        let detector = try EveDetector(jsonData: Data(contentsOf: URL(fileURLWithPath: model)))
        let dataset: DetectionDataset
        if let data {
          dataset = try DetectionDataset(csv: String(contentsOfFile: data, encoding: .utf8))
        } else {
          dataset = try DatasetGenerator(ranges: .heldOut, siftedBitsPerSession: siftedBits)
            .generate(count: sessions, seed: seed)
        }
        let report = try detector.evaluate(on: dataset)
        if let plot {
          var chart = Chart(
            title: "Eavesdropper detector: ROC on held-out links",
            xLabel: "false-positive rate (fraction of clean sessions flagged)",
            yLabel: "detection rate (fraction of attacked sessions flagged)")
          chart.legendPosition = .bottomRight
          chart.add(
            Series(
              name: String(format: "detector (AUC %.5f)", report.auc),
              x: report.roc.falsePositiveRates, y: report.roc.truePositiveRates))
          chart.add(
            Series(name: "chance", x: [0, 1], y: [0, 1], style: .dashed, color: "#999999"))
          try chart.svg().write(toFile: plot, atomically: true, encoding: .utf8)
        }
        if json {
          try Output.printJSON(report)
          return
        }
        print("evaluated on \(report.sessions) sessions")
        print(
          String(
            format: "  AUC %.6f; detection %.4f at 1%% FPR, %.4f at 0.1%% FPR", report.auc,
            report.detectionRateAtFPR1pct, report.detectionRateAtFPR01pct))
        print(
          String(
            format: "  at the model's threshold: detection %.4f, false positives %.4f",
            report.detectionRate, report.falsePositiveRate))
        for row in report.perAttack {
          print(
            "  \(row.attack.padding(toLength: 18, withPad: " ", startingAt: 0)) strength \(row.strengthMin)–\(row.strengthMax): "
              + String(format: "%6d sessions, detection %.4f", row.sessions, row.detectionRate))
        }
      } catch {
        throw refuse(error)
      }
    }
  }
}
