import AsyncHTTPClient
import BadgeIssuing
import Foundation
import LTI

/// The AGS and NRPS clients of the daemon, with one access-token cache per tool key: tokens
/// are reused across syncs and write-backs until shortly before they expire, and a tool-key
/// rotation starts a fresh cache signed with the new key.
actor AdvantageServices: GradeServices {
    private let client: HTTPClient
    private let policy: OutboundPolicy
    private let toolKeys: ToolKeyResolver
    private let clock: any LTIClock
    private let retry: RetryPolicy
    private var provider: (keyID: String, tokens: AccessTokenProvider)?

    /// Creates the services.
    /// - Parameters:
    ///   - client: the outbound client (it must not follow redirects).
    ///   - policy: where service endpoints may be.
    ///   - toolKeys: the tool's keys (client assertions are signed with the current one).
    ///   - clock: the time source of client assertions.
    ///   - retry: how 5xx, 429 and connection errors are retried (Retry-After is honoured).
    init(client: HTTPClient, policy: OutboundPolicy, toolKeys: ToolKeyResolver, clock: any LTIClock, retry: RetryPolicy = RetryPolicy()) {
        self.client = client
        self.policy = policy
        self.toolKeys = toolKeys
        self.clock = clock
        self.retry = retry
    }

    func results(of lineItemURL: URL, platform: Platform) async throws -> [AGSResult] {
        try await ags().results(of: lineItemURL, platform: platform)
    }

    func members(at membershipsURL: URL, platform: Platform) async throws -> [Member] {
        try await NRPSClient(client: client, policy: policy, tokens: try await tokens(), retry: retry).members(at: membershipsURL, platform: platform)
    }

    func lineItems(at lineItemsURL: URL, platform: Platform) async throws -> [LineItem] {
        try await ags().lineItems(at: lineItemsURL, platform: platform)
    }

    func create(_ lineItem: LineItem, at lineItemsURL: URL, platform: Platform) async throws -> LineItem {
        try await ags().create(lineItem, at: lineItemsURL, platform: platform)
    }

    func post(_ score: Score, to lineItemURL: URL, platform: Platform) async throws {
        try await ags().post(score, to: lineItemURL, platform: platform)
    }

    private func ags() async throws -> AGSClient {
        AGSClient(client: client, policy: policy, tokens: try await tokens(), retry: retry)
    }

    private func tokens() async throws -> AccessTokenProvider {
        let key = try await toolKeys.source().keySet().current
        if let provider, provider.keyID == key.kid { return provider.tokens }
        let tokens = AccessTokenProvider(client: client, policy: policy, key: key, clock: clock, retry: retry)
        provider = (key.kid, tokens)
        return tokens
    }
}
