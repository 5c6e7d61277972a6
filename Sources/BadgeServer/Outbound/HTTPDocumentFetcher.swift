public import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1
public import OpenBadges

/// Fetches Open Badges documents over HTTP for ``OpenBadges/BadgeVerifier`` with AsyncHTTPClient.
///
/// Only http(s) URLs are requested, with `Accept: application/ld+json, …`; a body larger than the
/// verifier's bound is refused (by `Content-Length` before reading, and while reading); each
/// request has a deadline. Use ``makeClient()`` for a client that follows at most three
/// redirects, never in a cycle, and only between http and https; ``withFetcher(timeout:totalTimeout:_:)``
/// also bounds the time of a whole verification.
public struct HTTPDocumentFetcher: DocumentFetcher {
    let client: HTTPClient
    let timeout: TimeAmount
    let deadline: NIODeadline

    /// Creates a fetcher.
    /// - Parameters:
    ///   - client: the HTTP client; the caller shuts it down.
    ///   - timeout: the deadline of one request, body included.
    ///   - totalTimeout: the time every request of this fetcher together may take, from now.
    public init(client: HTTPClient, timeout: Duration = .seconds(10), totalTimeout: Duration = .seconds(60)) {
        self.client = client
        self.timeout = TimeAmount(timeout)
        self.deadline = .now() + TimeAmount(totalTimeout)
    }

    /// A client for verification: redirects (at most 3, no cycles, http(s) only) and a 5 s connect timeout.
    public static func makeClient() -> HTTPClient {
        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 3, allowCycles: false),
            timeout: .init(connect: .seconds(5), read: .seconds(10))
        )
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Runs `body` with a fetcher on a client from ``makeClient()``, shut down afterwards.
    public static func withFetcher<R: Sendable>(
        timeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(60),
        _ body: (HTTPDocumentFetcher) async throws -> R
    ) async throws -> R {
        let client = makeClient()
        do {
            let result = try await body(HTTPDocumentFetcher(client: client, timeout: timeout, totalTimeout: totalTimeout))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    public func get(_ url: URL, maximumBytes: Int) async throws -> FetchedDocument {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw OpenBadgesError(.invalidInput, "only http(s) URLs are fetched")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "accept", value: FetchedDocument.acceptHeader)
        request.headers.add(name: "user-agent", value: "badged-verify")
        let response = try await client.execute(request, deadline: min(.now() + timeout, deadline))
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
