public import AsyncHTTPClient
import Foundation
import Primitives

/// Gets OAuth 2 access tokens for LTI Advantage services with the client-credentials grant and
/// a signed client assertion (1EdTech Security Framework §4.1), caching each token per
/// (platform, scopes) until shortly before it expires.
public actor AccessTokenProvider {
    private struct CacheKey: Hashable {
        var issuer: String
        var clientID: String
        var scopes: [String]
    }

    private let exchange: HTTPExchange
    private let key: ToolKey
    private let clock: any LTIClock
    private let randomness: any LTIRandomness
    private var cache: [CacheKey: (token: String, validUntil: Date)] = [:]

    /// Creates a provider.
    /// - Parameters:
    ///   - client: The HTTP client (owned and shut down by the caller).
    ///   - key: The tool's current signing key (its public half is in the tool JWKS the platform knows).
    ///   - clock: The time source for assertions and cache expiry.
    ///   - randomness: The random source for assertion `jti`s.
    ///   - retry: How transient failures are retried.
    ///   - timeout: The deadline of one try.
    ///   - policy: Where token endpoints may be (the client must not follow redirects).
    public init(
        client: HTTPClient,
        policy: OutboundPolicy,
        key: ToolKey,
        clock: any LTIClock = SystemLTIClock(),
        randomness: any LTIRandomness = SystemLTIRandomness(),
        retry: RetryPolicy = RetryPolicy(),
        timeout: Duration = .seconds(15)
    ) {
        self.exchange = HTTPExchange(client: client, timeout: timeout, retry: retry, policy: policy, maximumBodySize: 64 * 1024)
        self.key = key
        self.clock = clock
        self.randomness = randomness
    }

    /// A bearer token for `scopes` on `platform`, from the cache or freshly requested.
    /// - Throws: ``LTIError/Code/tokenRequestFailed`` or ``LTIError/Code/invalidResponse``.
    public func token(for platform: Platform, scopes: Set<String>) async throws -> String {
        let cacheKey = CacheKey(issuer: platform.issuer, clientID: platform.clientID, scopes: scopes.sorted())
        if let cached = cache[cacheKey], cached.validUntil > clock.now() { return cached.token }
        let requestedAt = clock.now()
        let assertion = try await makeAssertion(for: platform, at: requestedAt)
        let form = [
            ("grant_type", "client_credentials"),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", assertion),
            ("scope", cacheKey.scopes.joined(separator: " ")),
        ]
        .map { "\($0.0)=\(LoginInitiator.formEncode($0.1))" }.joined(separator: "&")
        let reply = try await exchange.send(
            "POST",
            platform.tokenURL,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: Data(form.utf8)
        )
        guard reply.status == 200 else {
            throw LTIError(.tokenRequestFailed, "The platform's token endpoint answered HTTP \(reply.status).")
        }
        struct TokenResponse: Decodable {
            var access_token: String
            var expires_in: Double?
        }
        guard let response = try? JSONDecoder().decode(TokenResponse.self, from: reply.body), !response.access_token.isEmpty else {
            throw LTIError(.invalidResponse, "The platform's token response could not be read.")
        }
        let lifetime = response.expires_in ?? 3600
        // Renew a minute early (or halfway through very short lifetimes).
        let validUntil = requestedAt.addingTimeInterval(max(0, lifetime - min(60, lifetime / 2)))
        cache[cacheKey] = (response.access_token, validUntil)
        return response.access_token
    }

    /// Forgets the cached token for `platform` and `scopes` (after the platform refused it).
    public func invalidate(for platform: Platform, scopes: Set<String>) {
        cache[CacheKey(issuer: platform.issuer, clientID: platform.clientID, scopes: scopes.sorted())] = nil
    }

    /// The client-assertion JWT: iss = sub = client id, aud = token URL, unique jti, 5-minute life.
    func makeAssertion(for platform: Platform, at date: Date) async throws -> String {
        let now = date.timeIntervalSince1970.rounded(.down)
        return try await key.sign([
            "iss": .string(platform.clientID),
            "sub": .string(platform.clientID),
            "aud": .string(platform.tokenURL.absoluteString),
            "iat": .double(now),
            "exp": .double(now + 300),
            "jti": .string(randomness.makeToken()),
        ])
    }
}
