public import AsyncHTTPClient
public import Foundation
public import LTI
import NIOCore
import NIOHTTP1
public import OpenBadges

/// Fetches Open Badges documents over HTTP for ``OpenBadges/BadgeVerifier`` with AsyncHTTPClient.
///
/// Only http(s) URLs are requested, with `Accept: application/ld+json, …`; a body larger than the
/// verifier's bound is refused (by `Content-Length` before reading, and while reading); each
/// request has a deadline. Every URL, redirects included (at most three, followed here), must
/// pass the ``LTI/OutboundPolicy``: https to public addresses unless allowlisted.
/// ``withFetcher(policy:timeout:totalTimeout:_:)`` also bounds the time of a whole verification.
public struct HTTPDocumentFetcher: DocumentFetcher {
    /// The most redirects one document follows.
    static let maximumRedirects = 3

    let client: HTTPClient
    let policy: OutboundPolicy
    let timeout: TimeAmount
    let deadline: NIODeadline

    /// Creates a fetcher.
    /// - Parameters:
    ///   - client: an HTTP client that follows no redirects (``makeClient()``); the caller shuts it down.
    ///   - policy: where documents may be fetched from.
    ///   - timeout: the deadline of one request, body included.
    ///   - totalTimeout: the time every request of this fetcher together may take, from now.
    public init(client: HTTPClient, policy: OutboundPolicy, timeout: Duration = .seconds(10), totalTimeout: Duration = .seconds(60)) {
        self.client = client
        self.policy = policy
        self.timeout = TimeAmount(timeout)
        self.deadline = .now() + TimeAmount(totalTimeout)
    }

    /// A client for verification: no redirects of its own (the fetcher follows and checks them)
    /// and a 5 s connect timeout.
    public static func makeClient() -> HTTPClient {
        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(5), read: .seconds(10))
        )
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Runs `body` with a fetcher on a client from ``makeClient()``, shut down afterwards.
    public static func withFetcher<R: Sendable>(
        policy: OutboundPolicy = OutboundPolicy(),
        timeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(60),
        _ body: (HTTPDocumentFetcher) async throws -> R
    ) async throws -> R {
        let client = makeClient()
        do {
            let result = try await body(HTTPDocumentFetcher(client: client, policy: policy, timeout: timeout, totalTimeout: totalTimeout))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    public func get(_ url: URL, maximumBytes: Int) async throws -> FetchedDocument {
        var url = url
        var hops = 0
        while true {
            guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
                throw OpenBadgesError(.invalidInput, "only http(s) URLs are fetched")
            }
            do {
                try policy.check(url)
            } catch {
                throw OpenBadgesError(.invalidInput, "\(url.absoluteString) is not fetched: \(error.message)")
            }
            var request = HTTPClientRequest(url: url.absoluteString)
            request.headers.add(name: "accept", value: FetchedDocument.acceptHeader)
            request.headers.add(name: "user-agent", value: "badged-verify")
            let response = try await client.execute(request, deadline: min(.now() + timeout, deadline))
            if let next = OutboundPolicy.redirectTarget(
                status: Int(response.status.code),
                location: response.headers.first(name: "location"),
                from: url
            ) {
                hops += 1
                guard hops <= Self.maximumRedirects else {
                    throw OpenBadgesError(.unavailable, "\(url.absoluteString) redirects more than \(Self.maximumRedirects) times")
                }
                url = next
                continue
            }
            return try await Self.read(response, from: url, maximumBytes: maximumBytes)
        }
    }

    private static func read(_ response: HTTPClientResponse, from url: URL, maximumBytes: Int) async throws -> FetchedDocument {
        if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > maximumBytes {
            throw OpenBadgesError(.tooLarge, "\(url.absoluteString) is larger than \(maximumBytes) bytes")
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: maximumBytes)
        } catch is NIOTooManyBytesError {
            throw OpenBadgesError(.tooLarge, "\(url.absoluteString) is larger than \(maximumBytes) bytes")
        }
        return FetchedDocument(status: Int(response.status.code), body: Data(body.readableBytesView))
    }
}
