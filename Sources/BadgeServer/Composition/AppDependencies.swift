public import AsyncHTTPClient
public import BadgeCore
public import LTI
public import Logging
public import OpenBadges
public import Prometheus

/// What the application takes from its surroundings: time, identifiers, the metrics registry,
/// the logger, and a hook for the "listening" line. Tests pass fixed values.
public struct AppDependencies: Sendable {
    /// The clock.
    public var clock: any TimeSource
    /// Identifier generation.
    public var ids: any IDGenerator
    /// Random bytes for secrets (API tokens, link and session secrets, ephemeral key-encryption keys).
    public var random: any RandomSource
    /// The Prometheus registry `/metrics` renders; `badged serve` also bootstraps swift-metrics with it.
    public var metrics: PrometheusCollectorRegistry
    /// The application logger.
    public var logger: Logger
    /// The HTTP client for platform key sets and LTI services; it must not follow redirects
    /// (the outbound policy follows them and checks each hop).
    public var httpClient: HTTPClient
    /// The LTI tool's signing keys; nil makes an ephemeral development key at start (with a warning).
    public var toolKeys: ToolKeySet?
    /// Seals issuer private keys; nil takes `signing.key_encryption_key`, or an ephemeral key.
    public var keyEncryption: KeyEncryption?
    /// Called once the server listens, with the URL it listens on.
    public var onListening: @Sendable (String) async -> Void

    /// Creates dependencies; the defaults are the production ones.
    public init(
        clock: any TimeSource = SystemTimeSource(),
        ids: any IDGenerator = UUIDv7Generator(),
        random: any RandomSource = SystemRandomSource(),
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        logger: Logger = Logger(label: "badged"),
        httpClient: HTTPClient = OutboundClient.shared,
        toolKeys: ToolKeySet? = nil,
        keyEncryption: KeyEncryption? = nil,
        onListening: @escaping @Sendable (String) async -> Void = { _ in }
    ) {
        self.clock = clock
        self.ids = ids
        self.random = random
        self.metrics = metrics
        self.logger = logger
        self.httpClient = httpClient
        self.toolKeys = toolKeys
        self.keyEncryption = keyEncryption
        self.onListening = onListening
    }
}

extension AppDependencies {
    /// The key-encryption key to use: the injected one, the configured one, or a new ephemeral one.
    func keyEncryption(_ configuration: AppConfiguration) throws -> KeyEncryption {
        if let keyEncryption { return keyEncryption }
        if let configured = configuration.keyEncryptionKey {
            do {
                return try KeyEncryption(base64Secret: configured)
            } catch {
                throw BadgeServerError.configuration("signing.key_encryption_key", "must be base64 of 32 bytes")
            }
        }
        return try KeyEncryption(secret: random.bytes(32))
    }
}
