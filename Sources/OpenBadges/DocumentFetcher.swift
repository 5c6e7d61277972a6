public import Foundation

/// The one way ``BadgeVerifier`` reaches the network: an HTTP GET of a JSON-LD document, a
/// CryptographicKey or a compact JWS.
///
/// The verifier checks every URL (only `http` and `https`) before it asks, and bounds how many
/// documents it fetches; an implementation must bound the body it reads to `maximumBytes`, apply
/// a timeout, and follow only http(s) redirects.
public protocol DocumentFetcher: Sendable {
    /// Fetches `url`.
    /// - Parameters:
    ///   - url: an absolute http(s) URL.
    ///   - maximumBytes: the largest body to read; a larger one is an error.
    /// - Returns: the response status and body.
    /// - Throws: when the request fails, times out, or the body is larger than `maximumBytes`.
    func get(_ url: URL, maximumBytes: Int) async throws -> FetchedDocument
}

/// A fetched response: status and body.
public struct FetchedDocument: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The body bytes.
    public var body: Data

    /// The `Accept` header a fetcher should send: JSON-LD first, so hosts that negotiate (badged
    /// serves browsers a page) answer with the document.
    public static let acceptHeader = "application/ld+json, application/json;q=0.9, text/plain;q=0.5"

    /// Creates a fetched response.
    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}
