import AsyncHTTPClient
import BadgeCore
import BadgeIssuing
import BadgeServer
import Configuration
public import Foundation
import Hummingbird
import LTI
public import Logging
import NIOCore
import NIOHTTP1

/// `badged bench launch`: full LTI 1.3 logins and launches against `badged serve` in a child
/// process on 127.0.0.1, with an in-process platform that publishes its JWKS and signs
/// id_tokens. Each iteration is one login redirect, one id_token signature and one validated
/// launch. The daemon's own CPU per launch is read from `/proc` for the measured phase, apart
/// from the platform's signing and the client's work, which run in the benchmark's process.
public struct LaunchBenchmark: Sendable {
    /// The figures of one run.
    public struct Result: Sendable, CustomStringConvertible {
        /// The database engine the daemon ran on.
        public let engine: String
        /// Completed login + launch pairs.
        public let launches: Int
        /// Launches per second over the measured phase.
        public let launchesPerSecond: Double
        /// Median and 99th percentile of one login + launch, in milliseconds.
        public let p50, p99: Double
        /// The daemon's CPU time (user plus system) per login + launch, in milliseconds.
        public let toolCPUMilliseconds: Double

        public var description: String {
            String(
                format: "%@: %d launches, %.0f launches/s, p50 %.2f ms, p99 %.2f ms, daemon CPU %.3f ms per launch",
                engine,
                launches,
                launchesPerSecond,
                p50,
                p99,
                toolCPUMilliseconds
            )
        }
    }

    private let launches: Int
    private let concurrency: Int
    private let executable: URL
    private let daemonLogLevel: String
    private let logger: Logger

    /// Creates a benchmark of `launches` iterations, `concurrency` at a time, against the
    /// daemon `executable` (badged itself), which logs at `daemonLogLevel` to standard error.
    public init(launches: Int, concurrency: Int, executable: URL, daemonLogLevel: String = "error", logger: Logger) {
        self.launches = max(launches, 1)
        self.concurrency = max(concurrency, 1)
        self.executable = executable
        self.daemonLogLevel = daemonLogLevel
        self.logger = logger
    }

    /// Runs against a fresh database at `databaseURL` (it is seeded with the sample catalogue).
    public func run(databaseURL: String, engine: String, catalog: Data) async throws -> Result {
        let platformKey = try EphemeralToolKey.make()
        let jwks = try ToolKeySet(current: platformKey).jwksJSON()
        let platformRouter = Router()
        platformRouter.get("mod/lti/certs.php") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: jwks)))
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let (platformURLs, platformContinuation) = AsyncStream.makeStream(of: String.self)
        let platform = Application(
            router: platformRouter,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in platformContinuation.yield("http://127.0.0.1:\(channel.localAddress?.port ?? 0)") },
            logger: logger
        )
        do {
            let result = try await withThrowingTaskGroup(of: Result?.self) { group -> Result in
                group.addTask {
                    try await platform.runService()
                    return nil
                }
                guard let issuer = await platformURLs.first(where: { _ in true }) else { throw BenchmarkError(.setup, "platform did not start") }
                let result = try await measure(client: client, issuer: issuer, databaseURL: databaseURL, engine: engine, catalog: catalog, platformKey: platformKey)
                group.cancelAll()
                return result
            }
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func measure(client: HTTPClient, issuer: String, databaseURL: String, engine: String, catalog: Data, platformKey: ToolKey) async throws -> Result {
        // The in-process platform listens on loopback: the daemon may reach exactly it.
        let platformHost = URLComponents(string: issuer).map { "\($0.host ?? "127.0.0.1"):\($0.port ?? 80)" } ?? "127.0.0.1"
        let keyEncryptionKey = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64EncodedString()
        let settings: [(key: String, value: String, isSecret: Bool)] = [
            ("db.url", databaseURL, true), ("http.port", "0", false), ("log.level", daemonLogLevel, false),
            ("public.base_url", "https://badges.bench", false), ("network.private_endpoint_allowlist", platformHost, false),
            ("signing.key_encryption_key", keyEncryptionKey, true),
        ]
        let values: [AbsoluteConfigKey: ConfigValue] = [
            "db.url": .init(.string(databaseURL), isSecret: true), "log.level": "error",
            "signing.key_encryption_key": .init(.string(keyEncryptionKey), isSecret: true),
        ]
        let session = try await AdminSession.open(reader: ConfigReader(provider: InMemoryProvider(values: values)), logger: logger)
        do {
            _ = try await session.administration.importCatalog(catalog)
            let registration = try PlatformFactory.make(
                preset: .moodle,
                issuer: issuer,
                clientID: "bench",
                deploymentIDs: ["3"],
                authURL: nil,
                tokenURL: nil,
                jwksURL: nil
            )
            try await session.administration.registerPlatform(registration, institution: "universiteit-harderwijk.nl")
            try await session.close()
        } catch {
            try? await session.close()
            throw error
        }
        let environment = Dictionary(uniqueKeysWithValues: settings.map { setting in
            ("BADGED_" + setting.key.uppercased().replacingOccurrences(of: ".", with: "_"), setting.value)
        })
        let daemon = try await DaemonProcess.start(executable: executable, environment: environment)
        defer { daemon.stop() }
        let driver = LaunchDriver(client: client, daemon: daemon.url, issuer: issuer, key: platformKey)
        for _ in 0..<min(20, launches) { _ = try await driver.loginAndLaunch() }  // warm-up: key cache, connections
        let cpuBefore = try daemon.cpuSeconds()
        let started = ContinuousClock.now
        var latencies: [Double] = []
        try await withThrowingTaskGroup(of: [Double].self) { workers in
            for worker in 0..<concurrency {
                let share = launches / concurrency + (worker < launches % concurrency ? 1 : 0)
                workers.addTask {
                    var own: [Double] = []
                    for _ in 0..<share { own.append(try await driver.loginAndLaunch()) }
                    return own
                }
            }
            for try await own in workers { latencies += own }
        }
        let seconds = started.duration(to: .now).inSeconds
        let cpu = try daemon.cpuSeconds() - cpuBefore
        latencies.sort()
        return Result(
            engine: engine,
            launches: latencies.count,
            launchesPerSecond: Double(latencies.count) / seconds,
            p50: latencies[latencies.count / 2],
            p99: latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))],
            toolCPUMilliseconds: cpu / Double(latencies.count) * 1000
        )
    }
}
