/// Why an E91 configuration or command-line option set was refused.
///
/// E91 shares BB84's flag conventions, link checks and post-processing settings, so it refuses
/// bad input with the same error cases (each message says what was wrong and what is allowed).
public typealias E91ConfigurationError = BB84ConfigurationError

/// Range checks of the E91 configuration types: the protocol-wide checks.
typealias E91Check = ProtocolCheck
