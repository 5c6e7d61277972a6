public import AsyncHTTPClient
import Foundation
public import LTI

/// The AGS and NRPS clients of the daemon, with one access-token cache per tool key: tokens
/// are reused across syncs and write-backs until shortly before they expire, and a tool-key
/// rotation starts a fresh cache signed with the new key.
public actor AdvantageServices {
    private let client: HTTPClient
    private let policy: OutboundPolicy
    private let toolKeys: ToolKeySource
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
    public init(client: HTTPClient, policy: OutboundPolicy, toolKeys: ToolKeySource, clock: any LTIClock, retry: RetryPolicy = RetryPolicy()) {
        self.client = client
        self.policy = policy
        self.toolKeys = toolKeys
        self.clock = clock
        self.retry = retry
    }

    /// The AGS client for the current tool key.
    public func ags() async throws -> AGSClient {
        AGSClient(client: client, policy: policy, tokens: try await tokens(), retry: retry)
    }

    /// The NRPS client for the current tool key.
    public func nrps() async throws -> NRPSClient {
        NRPSClient(client: client, policy: policy, tokens: try await tokens(), retry: retry)
    }

    private func tokens() async throws -> AccessTokenProvider {
        let key = try await toolKeys.keySet().current
        if let provider, provider.keyID == key.kid { return provider.tokens }
        let tokens = AccessTokenProvider(client: client, policy: policy, key: key, clock: clock, retry: retry)
        provider = (key.kid, tokens)
        return tokens
    }
}
