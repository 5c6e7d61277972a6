public import Foundation

/// The storage port for API keys.
public protocol APIKeyStore: Sendable {
    /// Stores a new key.
    func insert(_ key: APIKey) async throws
    /// The key whose token has this hex SHA-256 digest, or nil.
    func findKey(tokenHash: String) async throws -> APIKey?
    /// Marks a key revoked; returns false if there is no such key.
    func revokeKey(id: UUID, at date: Date) async throws -> Bool
}
