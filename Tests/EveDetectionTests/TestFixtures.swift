import Foundation

@testable import EveDetection

/// A small detector trained once for the whole suite (debug builds are slow; 6000 sessions are
/// enough for the physics-level checks these tests make).
enum Fixtures {
  static let training: Result<DetectionDataset, any Error> = Result {
    try DatasetGenerator().generate(count: 6000, seed: 2024)
  }

  static let detector: Result<EveDetector, any Error> = Result {
    let config = DetectorTrainingConfiguration(
      perceptron: .init(hiddenLayers: [16], epochs: 8, batchSize: 128))
    return try EveDetector.train(on: training.get(), configuration: config, seed: 1)
  }
}
