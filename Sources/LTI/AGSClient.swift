public import AsyncHTTPClient
public import Foundation

/// An Assignment and Grade Services 2.0 client: line items, results and scores.
public struct AGSClient: Sendable {
    static let lineItemContainerType = "application/vnd.ims.lis.v2.lineitemcontainer+json"
    static let lineItemType = "application/vnd.ims.lis.v2.lineitem+json"
    static let resultContainerType = "application/vnd.ims.lis.v2.resultcontainer+json"
    /// The score media type.
    public static let scoreType = "application/vnd.ims.lis.v1.score+json"

    private let service: ServiceClient

    /// Creates a client.
    /// - Parameters:
    ///   - client: The HTTP client (owned and shut down by the caller); it must not follow redirects.
    ///   - policy: Where service endpoints may be (every redirect hop is checked).
    ///   - tokens: The access-token provider.
    ///   - retry: How transient failures (5xx, 429, connection errors) are retried.
    ///   - timeout: The deadline of one try.
    public init(
        client: HTTPClient,
        policy: OutboundPolicy,
        tokens: AccessTokenProvider,
        retry: RetryPolicy = RetryPolicy(),
        timeout: Duration = .seconds(15)
    ) {
        service = ServiceClient(exchange: HTTPExchange(client: client, timeout: timeout, retry: retry, policy: policy), tokens: tokens)
    }

    /// Every line item of the context (all pages).
    /// - Parameters:
    ///   - lineItemsURL: The `lineitems` URL of the AGS claim.
    ///   - platform: The registration the URL belongs to.
    public func lineItems(at lineItemsURL: URL, platform: Platform) async throws -> [LineItem] {
        try await service.getAllPages(lineItemsURL, platform: platform, scopes: [AGSScope.lineItem], accept: Self.lineItemContainerType) {
            try JSONDecoder().decode([LineItem].self, from: $0)
        }
    }

    /// Creates a line item in the context (POST to the `lineitems` container).
    /// - Returns: the line item as the platform stored it, with its URL in `id`.
    public func create(_ lineItem: LineItem, at lineItemsURL: URL, platform: Platform) async throws -> LineItem {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let reply = try await service.send(
            "POST",
            lineItemsURL,
            platform: platform,
            scopes: [AGSScope.lineItem],
            accept: Self.lineItemType,
            contentType: Self.lineItemType,
            body: try encoder.encode(lineItem)
        )
        do {
            return try JSONDecoder().decode(LineItem.self, from: reply.body)
        } catch {
            throw LTIError(.invalidResponse, "The platform's answer to a new line item could not be read.", cause: error)
        }
    }

    /// Every result of a line item (all pages).
    /// - Parameters:
    ///   - lineItemURL: The line item URL (Moodle's query is kept after `/results`).
    ///   - platform: The registration the URL belongs to.
    public func results(of lineItemURL: URL, platform: Platform) async throws -> [AGSResult] {
        let url = try ServiceEndpoint.lineItem(lineItemURL, appending: "results")
        return try await service.getAllPages(url, platform: platform, scopes: [AGSScope.resultReadOnly], accept: Self.resultContainerType) {
            try JSONDecoder().decode([AGSResult].self, from: $0)
        }
    }

    /// Posts a score to a line item.
    /// - Parameters:
    ///   - score: The score.
    ///   - lineItemURL: The line item URL (Moodle's query is kept after `/scores`).
    ///   - platform: The registration the URL belongs to.
    public func post(_ score: Score, to lineItemURL: URL, platform: Platform) async throws {
        let url = try ServiceEndpoint.lineItem(lineItemURL, appending: "scores")
        _ = try await service.send(
            "POST",
            url,
            platform: platform,
            scopes: [AGSScope.score],
            accept: "application/json",
            contentType: Self.scoreType,
            body: try score.jsonBody()
        )
    }
}
