public import AsyncHTTPClient
import BadgeServer
public import Configuration
public import Foundation
import Hummingbird
public import NIOCore
public import NIOHTTP1
import ServiceLifecycle

/// badged running as in production on a fixed 127.0.0.1 port, so that `public.base_url` can
/// name it (HummingbirdTesting's live mode always picks its own port).
public struct LiveApp: Sendable {
    /// `http://127.0.0.1:<port>`.
    public let baseURL: String
    let client: HTTPClient

    /// A response's status and body.
    public struct Reply: Sendable {
        public let status: Int
        public let text: String
        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
        }
    }

    /// Sends a request with an optional API key and JSON body.
    public func send(
        _ method: HTTPMethod,
        _ path: String,
        key: String? = nil,
        json: String? = nil,
        headers: [String: String] = [:],
        timeout: TimeAmount = .seconds(300)
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let key { request.headers.add(name: "authorization", value: "Bearer \(key)") }
        if let json {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await client.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: 16 << 20)
        return Reply(status: Int(response.status.code), text: String(buffer: body))
    }

    /// Downloads a response body to a file, byte for byte.
    public func download(_ path: String, to file: URL) async throws {
        let response = try await client.execute(HTTPClientRequest(url: baseURL + path), timeout: .seconds(300))
        let body = try await response.body.collect(upTo: 16 << 20)
        try Data(body.readableBytesView).write(to: file)
    }

    /// A client whose waits fit a loaded 2-core test machine: many suites run in parallel in
    /// one process, so a request may wait long for a connection or a turn on the server. The
    /// deadlines are there to end a hang, not to measure speed.
    static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(120), read: .seconds(300))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 16)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Runs `body` with a client of a badged already listening at `baseURL` (a child process, say).
    public static func connect<R: Sendable>(to baseURL: String, _ body: @Sendable (LiveApp) async throws -> R) async throws -> R {
        let client = makeClient()
        do {
            let result = try await body(LiveApp(baseURL: baseURL, client: client))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Runs badged on `databaseURL` at a free port with `public.base_url` set to it.
    /// - Parameters:
    ///   - extra: more configuration values (such as `signing.key_encryption_key`).
    ///   - port: the port to listen on, to run a daemon again at the same public URL; a free one when nil.
    ///   - publicHost: the host name of `public.base_url` (a browser test reaches badged at
    ///     `localhost` to put it on another site than a test platform at 127.0.0.1).
    public static func run<R: Sendable>(
        databaseURL: String,
        configuration extra: [AbsoluteConfigKey: ConfigValue] = [:],
        port fixedPort: Int? = nil,
        publicHost: String = "127.0.0.1",
        _ body: @Sendable (LiveApp) async throws -> R
    ) async throws -> R {
        let port = try fixedPort ?? FreePort.make()
        let base = "http://\(publicHost):\(port)"
        var values: [AbsoluteConfigKey: ConfigValue] = [
            "db.url": .init(.string(databaseURL), isSecret: true), "http.port": .init(.int(port), isSecret: false),
            "public.base_url": .init(.string(base), isSecret: false), "log.level": "critical",
            "network.private_endpoint_allowlist": .init(.stringArray(["127.0.0.1"]), isSecret: false),
        ]
        values.merge(extra) { _, new in new }
        let (listening, continuation) = AsyncStream.makeStream(of: String.self)
        let app = try await buildApplication(
            reader: ConfigReader(provider: InMemoryProvider(values: values)),
            dependencies: AppDependencies(logger: TestDatabases.logger, onListening: { continuation.yield($0) })
        )
        let client = makeClient()
        // Stopped as the daemon stops on SIGTERM, through its service group's graceful shutdown
        // (its background services finish, the database closes), and without installing signal
        // handlers in the test process.
        let services = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: TestDatabases.logger)
        do {
            let result = try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // A daemon that fails to start ends the stream, so the wait below ends too.
                    defer { continuation.finish() }
                    try await services.run()
                }
                do {
                    guard await listening.first(where: { _ in true }) != nil else {
                        try await group.waitForAll()  // the daemon's own error, when it threw one
                        throw TestSetupError("badged did not start listening")
                    }
                    let result = try await body(LiveApp(baseURL: base, client: client))
                    await services.triggerGracefulShutdown()
                    try await group.waitForAll()
                    return result
                } catch {
                    await services.triggerGracefulShutdown()
                    try? await group.waitForAll()
                    throw error
                }
            }
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
