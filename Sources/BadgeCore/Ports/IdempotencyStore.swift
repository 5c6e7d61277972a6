public import Foundation

/// A response kept under an idempotency key.
public struct StoredResponse: Sendable, Equatable {
    /// A digest of the request that produced it; the same key with another request is an error.
    public let requestHash: String
    /// The HTTP status.
    public let status: Int
    /// The response body.
    public let body: Data

    /// Creates a stored response.
    public init(requestHash: String, status: Int, body: Data) {
        self.requestHash = requestHash
        self.status = status
        self.body = body
    }
}

/// The storage port for responses of requests made with an `Idempotency-Key`, kept for a while
/// so that a client that retries gets the first response instead of a second execution.
public protocol IdempotencyStore: Sendable {
    /// The response stored under `keyHash`, unless none is or it expired.
    func response(keyHash: String, at now: Date) async throws -> StoredResponse?
    /// Keeps a response until `expiresAt`; the first response stored under a key wins.
    func save(_ response: StoredResponse, keyHash: String, at now: Date, expiresAt: Date) async throws
}
