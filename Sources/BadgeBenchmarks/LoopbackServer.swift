import Hummingbird
import Logging
import NIOCore

/// Serves a router on an ephemeral loopback port for as long as a body runs: the in-process
/// platforms the benchmarks measure against.
enum LoopbackServer {
    /// Runs `router` on 127.0.0.1 and calls `body` with its base URL (`http://127.0.0.1:<port>`);
    /// the server stops when `body` returns or throws.
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
        return try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask {
                try await app.runService()
                return nil
            }
            guard let baseURL = await urls.first(where: { _ in true }) else { throw BenchmarkError(.setup, "a loopback server did not start") }
            let result = try await body(baseURL)
            group.cancelAll()
            return result
        }
    }
}
