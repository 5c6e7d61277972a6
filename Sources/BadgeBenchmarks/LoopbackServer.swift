import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Serves a router on an ephemeral loopback port for as long as a body runs: the in-process
/// platforms the benchmarks measure against.
enum LoopbackServer {
    /// Runs `router` on 127.0.0.1 and calls `body` with its base URL (`http://127.0.0.1:<port>`);
    /// the server shuts down gracefully when `body` returns or throws, and this returns once it has.
    /// - Throws: `body`'s error, or ``BenchmarkError`` `.setup` when the server does not start.
    static func withRunning<R: Sendable>(
        _ router: Router<BasicRequestContext>,
        logger: Logger,
        _ body: @escaping @Sendable (String) async throws -> R
    ) async throws -> R {
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield("http://127.0.0.1:\(channel.localAddress?.port ?? 0)") },
            logger: logger
        )
        // Stopped through the group's graceful shutdown, not by cancelling it: cancellation closes
        // the listening channel under the server, which then logs "Waiting on child channel:
        // CancellationError()" and "Server shutdown error: Already closed".
        let group = ServiceGroup(services: [app], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                // A server that fails to start ends the stream, so the wait below ends too.
                defer { continuation.finish() }
                try await group.run()
            }
            do {
                guard let baseURL = await urls.first(where: { _ in true }) else {
                    try await tasks.waitForAll()  // the server's own error, when it threw one
                    throw BenchmarkError(.setup, "a loopback server did not start")
                }
                let result = try await body(baseURL)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}
