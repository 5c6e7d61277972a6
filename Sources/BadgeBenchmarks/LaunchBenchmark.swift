import AsyncHTTPClient
import BadgeCore
import BadgeIssuing
import BadgeServer
import Configuration
public import Foundation
import LTI
public import Logging

/// `badged bench launch`: full LTI 1.3 logins and launches against `badged serve` in a child
/// process on 127.0.0.1, with an in-process platform that publishes its JWKS and signs
/// id_tokens. Each iteration is one login redirect, one id_token signature and one validated
/// launch. The daemon's own CPU per launch is read from `/proc` for the measured phase, apart
/// from the platform's signing and the client's work, which run in the benchmark's process.
/// ``runPyLTI(python:script:)`` measures the PyLTI1p3 + Flask tool the same way.
public struct LaunchBenchmark: Sendable {
    /// The figures of one run.
    public struct Result: Sendable, CustomStringConvertible {
        /// What was measured: the database engine badged ran on, or the comparison tool.
        public let label: String
        /// Completed login + launch pairs.
        public let launches: Int
        /// Launches per second over the measured phase.
        public let launchesPerSecond: Double
        /// Median and 99th percentile of one login + launch, in milliseconds.
        public let p50, p99: Double
        /// The tool's CPU time (user plus system, its child processes included) per login +
        /// launch, in milliseconds.
        public let toolCPUMilliseconds: Double
        /// The tool's CPU per two requests that it answers without work of its own (its health
        /// check), made as the launches are: the HTTP server's and the kernel's share of a
        /// login + launch, below which no change to the tool's own code can go.
        public let floorCPUMilliseconds: Double
        /// The statuses of a forged and of a replayed launch (the forged one is always refused).
        let refusals: LaunchDriver.Refusals

        public var description: String {
            String(
                format: "%@: %d launches, %.0f launches/s, p50 %.2f ms, p99 %.2f ms, tool CPU %.3f ms per launch "
                    + "(floor of two bare requests %.3f ms); forged signature refused (%d), replayed launch %@ (%d)",
                label,
                launches,
                launchesPerSecond,
                p50,
                p99,
                toolCPUMilliseconds,
                floorCPUMilliseconds,
                refusals.forgedSignature,
                refusals.refusesReplay ? "refused" : "ACCEPTED",
                refusals.replayedState
            )
        }
    }

    let launches: Int
    let concurrency: Int
    private let executable: URL
    private let daemonLogLevel: String
    let logger: Logger

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
        try await LaunchPlatform.withRunning(logger: logger) { platform in
            try await withClient { client in
                let daemon = try await startDaemon(platform: platform, databaseURL: databaseURL, catalog: catalog)
                defer { daemon.stop() }
                let driver = LaunchDriver(client: client, tool: .badged(at: daemon.url), issuer: platform.issuer, key: platform.key)
                return try await measure(label: engine, driver: driver, cpuSeconds: daemon.cpuSeconds)
            }
        }
    }

    private func startDaemon(platform: LaunchPlatform, databaseURL: String, catalog: Data) async throws -> DaemonProcess {
        let keyEncryptionKey = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64EncodedString()
        // The in-process platform listens on loopback: the daemon may reach exactly it.
        let settings: [(key: String, value: String, isSecret: Bool)] = [
            ("db.url", databaseURL, true), ("http.port", "0", false), ("log.level", daemonLogLevel, false),
            ("public.base_url", "https://badges.bench", false), ("network.private_endpoint_allowlist", platform.host, false),
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
                issuer: platform.issuer,
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
        return try await DaemonProcess.start(executable: executable, environment: environment)
    }

    /// Runs `body` with an HTTP client that does not follow redirects, and shuts it down.
    func withClient<R: Sendable>(_ body: (HTTPClient) async throws -> R) async throws -> R {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Warms the tool up (key cache, connections), probes its refusals, then times `launches`
    /// flows, `concurrency` at a time, reading the tool's CPU before and after; then as many
    /// pairs of bare requests (the floor).
    func measure(label: String, driver: LaunchDriver, cpuSeconds: () throws -> Double) async throws -> Result {
        for _ in 0..<min(20, launches) { _ = try await driver.loginAndLaunch() }
        let refusals = try await driver.probeRefusals()
        let cpuBefore = try cpuSeconds()
        let started = ContinuousClock.now
        var latencies = try await spread { try await driver.loginAndLaunch() }
        let seconds = started.duration(to: .now).inSeconds
        let cpu = try cpuSeconds() - cpuBefore
        // The floor: as many pairs of bare requests, made the same way.
        let floorBefore = try cpuSeconds()
        _ = try await spread { try await driver.floorPair() }
        let floor = try cpuSeconds() - floorBefore
        latencies.sort()
        return Result(
            label: label,
            launches: latencies.count,
            launchesPerSecond: Double(latencies.count) / seconds,
            p50: latencies[latencies.count / 2],
            p99: latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))],
            toolCPUMilliseconds: cpu / Double(latencies.count) * 1000,
            floorCPUMilliseconds: floor / Double(latencies.count) * 1000,
            refusals: refusals
        )
    }

    /// Runs `step` `launches` times from `concurrency` workers, each taking its share in turn.
    /// - Returns: every run's result, in no particular order.
    private func spread<R: Sendable>(_ step: @escaping @Sendable () async throws -> R) async throws -> [R] {
        try await withThrowingTaskGroup(of: [R].self) { workers in
            for worker in 0..<concurrency {
                let share = launches / concurrency + (worker < launches % concurrency ? 1 : 0)
                workers.addTask {
                    var own: [R] = []
                    for _ in 0..<share { own.append(try await step()) }
                    return own
                }
            }
            var all: [R] = []
            for try await own in workers { all += own }
            return all
        }
    }
}
