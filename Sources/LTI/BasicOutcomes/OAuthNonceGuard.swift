public import Foundation

/// Remembers the OAuth 1.0a nonces already used, so that a signed request cannot be replayed.
///
/// Several daemons may share one database, so the real implementation is SQL (an `INSERT` that
/// fails on a duplicate `(consumer_key, nonce)` key); ``InMemoryOAuthNonceGuard`` serves tests.
public protocol OAuthNonceGuard: Sendable {
    /// Records the nonce; `true` only for the first call per consumer key and nonce.
    ///
    /// - Parameters:
    ///   - consumerKey: The verified consumer key the nonce belongs to.
    ///   - nonce: The request's `oauth_nonce`.
    ///   - expiresAt: When the nonce may be forgotten: after it, the request's timestamp is
    ///     outside the verifier's window, so a replay fails for that reason instead.
    /// - Throws: When the store cannot be reached; the request is then not accepted.
    func firstUse(consumerKey: String, nonce: String, expiresAt: Date) async throws -> Bool
}
