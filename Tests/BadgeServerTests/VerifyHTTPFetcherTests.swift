import BadgeIssuing
import BadgeServer
import Foundation
import Hummingbird
import LTI
import LTITesting
import Logging
import NIOCore
import OpenBadges
import Primitives
import Testing

/// The AsyncHTTPClient fetcher's bounds, against a small server on 127.0.0.1.
@Suite("HTTP document fetcher")
struct VerifyHTTPFetcherTests {
    /// Serves a document, a large one (with and without Content-Length), a slow one and a redirect.
    private static func withServer<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.get("doc") { request, _ -> Response in
            let accept = request.headers[.accept] ?? ""
            return Response(status: .ok, headers: [.contentType: "application/ld+json"], body: .init(byteBuffer: ByteBuffer(string: accept)))
        }
        router.get("big") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: 0x41, count: 300_000))) }
        router.get("big-chunked") { _, _ in
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    for _ in 0..<30 { try await writer.write(ByteBuffer(repeating: 0x41, count: 10_000)) }
                    try await writer.finish(nil)
                }
            )
        }
        router.get("slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(10))
            return Response(status: .ok)
        }
        router.get("moved") { _, _ in Response(status: .found, headers: [.location: "/doc"]) }
        router.get("gone") { _, _ in Response(status: .gone) }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "verify-fetcher-test")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            defer { group.cancelAll() }
            return try await body("http://127.0.0.1:\(port)")
        }
    }

    private static func url(_ text: String) throws -> URL {
        try #require(URL(string: text))
    }

    @Test func fetchesWithTheJSONLDAcceptHeaderAndFollowsRedirects() async throws {
        try await Self.withServer { base in
            try await HTTPDocumentFetcher.withFetcher(policy: TestPlatform.outboundPolicy) { fetcher in
                let moved = try await fetcher.get(try Self.url("\(base)/moved"), maximumBytes: 1000)
                #expect(moved.status == 200)
                #expect(String(decoding: moved.body, as: UTF8.self) == FetchedDocument.acceptHeader)
                #expect(try await fetcher.get(try Self.url("\(base)/gone"), maximumBytes: 1000).status == 410)
            }
        }
    }

    @Test func refusesLargeBodiesNonHTTPURLsAndSlowServers() async throws {
        try await Self.withServer { base in
            try await HTTPDocumentFetcher.withFetcher(policy: TestPlatform.outboundPolicy) { fetcher in
                for path in ["big", "big-chunked"] {
                    do {
                        _ = try await fetcher.get(try Self.url("\(base)/\(path)"), maximumBytes: 100_000)
                        Issue.record("\(path) was accepted")
                    } catch let error as OpenBadgesError {
                        #expect(error.code == .tooLarge, "\(path)")
                    }
                }
                await #expect(throws: OpenBadgesError.self) { try await fetcher.get(try Self.url("file:///etc/hostname"), maximumBytes: 1000) }
            }
            try await HTTPDocumentFetcher.withFetcher(policy: TestPlatform.outboundPolicy, timeout: .milliseconds(500)) { fetcher in
                let start = ContinuousClock.now
                await #expect(throws: (any Error).self) { try await fetcher.get(try Self.url("\(base)/slow"), maximumBytes: 1000) }
                #expect(ContinuousClock.now - start < .seconds(5))
            }
            // The total budget bounds a whole verification, whatever each request's timeout.
            try await HTTPDocumentFetcher.withFetcher(policy: TestPlatform.outboundPolicy, timeout: .seconds(10), totalTimeout: .milliseconds(300)) {
                fetcher in
                let start = ContinuousClock.now
                await #expect(throws: (any Error).self) { try await fetcher.get(try Self.url("\(base)/slow"), maximumBytes: 1000) }
                #expect(ContinuousClock.now - start < .seconds(5))
            }
        }
    }

    /// Without an allowlist, loopback is refused before any request, and a redirect from an
    /// allowed server to a refused address is not followed.
    @Test func privateTargetsAreRefusedOnEveryHop() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            let direct = try #require(URL(string: platform.baseURL + "/jwks"))
            let refused = await #expect(throws: OpenBadgesError.self) {
                try await HTTPDocumentFetcher.withFetcher { fetcher in _ = try await fetcher.get(direct, maximumBytes: 1 << 20) }
            }
            #expect(refused?.code == .invalidInput)
            let port = try #require(URLComponents(string: platform.baseURL)?.port)
            let onlyPlatform = OutboundPolicy(allowlist: ["127.0.0.1:\(port)"])
            let hop = try #require(URL(string: platform.baseURL + "/redirect?to=http://2130706433:\(port == 9 ? 10 : 9)/x"))
            let redirected = await #expect(throws: OpenBadgesError.self) {
                try await HTTPDocumentFetcher.withFetcher(policy: onlyPlatform) { fetcher in _ = try await fetcher.get(hop, maximumBytes: 1 << 20) }
            }
            #expect(redirected?.message.contains("is not fetched") == true)
            let allowed = try await HTTPDocumentFetcher.withFetcher(policy: onlyPlatform) { fetcher in
                try await fetcher.get(direct, maximumBytes: 1 << 20)
            }
            #expect(allowed.status == 200)
        }
    }
}
