// One import for the whole lab: `import QKDLab` brings every layer into scope.
@_exported import ClassicalCrypto
@_exported import EveDetection
@_exported import Photonics
@_exported import QKD
@_exported import QRNG
@_exported import QuantumEngine
