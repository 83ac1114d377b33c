// swift-tools-version: 6.1
// QKDLab: quantum key distribution from the photon to the final secret key.
import PackageDescription

let package = Package(
  name: "QKDLab",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "QKDLab", targets: ["QKDLab"]),
    .library(name: "QuantumEngine", targets: ["QuantumEngine"]),
    .library(name: "Photonics", targets: ["Photonics"]),
    .library(name: "ClassicalCrypto", targets: ["ClassicalCrypto"]),
    .library(name: "QKD", targets: ["QKD"]),
    .library(name: "QRNG", targets: ["QRNG"]),
    .library(name: "EveDetection", targets: ["EveDetection"]),
    .library(name: "QKDLabPlot", targets: ["QKDLabPlot"]),
    .executable(name: "qkdlab-bench", targets: ["qkdlab-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // MARK: C libraries behind module maps (system packages installed by scripts/setup.sh)
    .systemLibrary(
      name: "CBLAS", pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]),
    .systemLibrary(
      name: "CLAPACKE", pkgConfig: "lapacke",
      providers: [.apt(["liblapacke-dev"]), .brew(["lapack"])]),
    .systemLibrary(
      name: "COpenSSL", pkgConfig: "openssl",
      providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),

    // MARK: Libraries (arrows in ../shared/DESIGN.md are the only imports)
    .target(
      name: "QuantumEngine",
      dependencies: [
        "CBLAS", "CLAPACKE",
        .product(name: "Numerics", package: "swift-numerics"),
      ]),
    .target(name: "Photonics", dependencies: ["QuantumEngine"], exclude: ["README.md"]),
    .target(name: "ClassicalCrypto", dependencies: ["COpenSSL"]),
    .target(
      name: "QKD", dependencies: ["Photonics", "ClassicalCrypto"],
      exclude: ["Protocols/E91/README.md"]),
    .target(name: "QRNG", dependencies: ["Photonics", "ClassicalCrypto"], exclude: ["README.md"]),
    .target(
      name: "EveDetection", dependencies: ["QKD", "CBLAS", "CLAPACKE"], exclude: ["README.md"]),
    .target(name: "QKDLabPlot"),
    .target(
      name: "QKDLab",
      dependencies: ["QuantumEngine", "Photonics", "ClassicalCrypto", "QKD", "QRNG", "EveDetection"]),

    // MARK: Examples
    .executableTarget(
      name: "engine-demo", dependencies: ["QuantumEngine"], path: "Examples/engine-demo"),
    // Shared narration helpers of the demos (pulse table, key preview, message encryption).
    .target(
      name: "DemoSupport",
      dependencies: ["QKDLab", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      path: "Examples/DemoSupport"),
    .executableTarget(
      name: "bb84-demo",
      dependencies: [
        "DemoSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Examples/bb84-demo"),
    .executableTarget(
      name: "e91-demo",
      dependencies: [
        "DemoSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Examples/e91-demo"),
    .executableTarget(
      name: "qrng-demo",
      dependencies: [
        "DemoSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Examples/qrng-demo"),
    .executableTarget(
      name: "eavesdropper-demo",
      dependencies: [
        "DemoSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Examples/eavesdropper-demo"),

    .executableTarget(
      name: "qkdlab",
      dependencies: [
        "QKDLab", "QKDLabPlot",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Examples/qkdlab"),

    // MARK: Benchmarks
    .executableTarget(
      name: "qkdlab-bench",
      dependencies: ["QKDLab"],
      path: "Benchmarks/qkdlab-bench"),

    // MARK: Tests (one target per library target)
    .testTarget(name: "QuantumEngineTests", dependencies: ["QuantumEngine"]),
    .testTarget(name: "PhotonicsTests", dependencies: ["Photonics"]),
    .testTarget(name: "ClassicalCryptoTests", dependencies: ["ClassicalCrypto"]),
    .testTarget(name: "QKDTests", dependencies: ["QKD"]),
    .testTarget(name: "QRNGTests", dependencies: ["QRNG"]),
    .testTarget(name: "EveDetectionTests", dependencies: ["EveDetection"]),
    .testTarget(name: "QKDLabPlotTests", dependencies: ["QKDLabPlot"]),
    // End-to-end tests of the example executables (built first because the target depends on
    // them); they run the binaries from the products directory next to the test bundle.
    .testTarget(
      name: "ExamplesTests",
      dependencies: ["bb84-demo", "e91-demo", "qrng-demo", "eavesdropper-demo", "qkdlab"]),
  ],
  swiftLanguageModes: [.v6]
)
