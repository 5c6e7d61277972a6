public import AsyncHTTPClient
public import Foundation

/// A Names and Role Provisioning Services 2.0 client.
public struct NRPSClient: Sendable {
    static let containerType = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"

    private let service: ServiceClient

    /// Creates a client.
    /// - Parameters:
    ///   - client: The HTTP client (owned and shut down by the caller); it must not follow redirects.
    ///   - policy: Where service endpoints may be (every redirect hop is checked).
    ///   - tokens: The access-token provider.
    ///   - retry: How transient failures are retried.
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

    /// Every member of the context (all pages).
    /// - Parameters:
    ///   - membershipsURL: `context_memberships_url` of the NRPS claim.
    ///   - platform: The registration the URL belongs to.
    public func members(at membershipsURL: URL, platform: Platform) async throws -> [Member] {
        struct Container: Decodable { var members: [Member] }
        return try await service.getAllPages(
            membershipsURL,
            platform: platform,
            scopes: [AGSScope.nrpsMembershipReadOnly],
            accept: Self.containerType
        ) {
            try JSONDecoder().decode(Container.self, from: $0).members
        }
    }
}
