public import AsyncHTTPClient
public import Foundation
public import JWTKit

/// Fetches a platform's public key set (a port: the HTTP implementation is
/// ``HTTPJWKSFetcher``).
public protocol JWKSFetching: Sendable {
    /// The key set published at `url`.
    /// - Throws: ``LTIError/Code/keySetUnavailable`` when it cannot be fetched or read.
    func fetchJWKS(from url: URL) async throws -> JWKS
}

/// Fetches key sets over HTTP(S) with AsyncHTTPClient, bounded in time and size, retrying
/// transient failures.
public struct HTTPJWKSFetcher: JWKSFetching {
    /// The largest accepted key set, in bytes.
    public static let maximumBodySize = 256 * 1024

    private let exchange: HTTPExchange

    /// Creates a fetcher.
    /// - Parameters:
    ///   - client: The HTTP client (owned and shut down by the caller).
    ///   - timeout: The deadline of one try.
    ///   - retry: How transient failures are retried.
    ///   - policy: where key sets may be fetched from.
    public init(client: HTTPClient, policy: OutboundPolicy, timeout: Duration = .seconds(10), retry: RetryPolicy = RetryPolicy(maximumAttempts: 2)) {
        self.exchange = HTTPExchange(client: client, timeout: timeout, retry: retry, policy: policy, maximumBodySize: Self.maximumBodySize)
    }

    public func fetchJWKS(from url: URL) async throws -> JWKS {
        do {
            let reply = try await exchange.send("GET", url, headers: [("Accept", "application/json")])
            guard reply.status == 200 else {
                throw LTIError(.keySetUnavailable, "The platform's key set answered HTTP \(reply.status).")
            }
            return try JSONDecoder().decode(JWKS.self, from: reply.body)
        } catch let error as LTIError where error.code == .keySetUnavailable {
            throw error
        } catch {
            throw LTIError(.keySetUnavailable, "The platform's key set could not be fetched or read.", cause: error)
        }
    }
}
