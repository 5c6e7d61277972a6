public import Foundation

/// One LTI tool signing key as stored: its id (the JWK `kid`), the sealed private key and its dates.
public struct StoredToolKey: Sendable, Hashable {
    /// The key id.
    public let id: String
    /// The sealed private key.
    public let sealedPrivateKey: String
    /// When it was made.
    public let createdAt: Date
    /// When it stopped being current, if it did.
    public let retiredAt: Date?

    /// Creates a stored key.
    public init(id: String, sealedPrivateKey: String, createdAt: Date, retiredAt: Date?) {
        self.id = id
        self.sealedPrivateKey = sealedPrivateKey
        self.createdAt = createdAt
        self.retiredAt = retiredAt
    }
}

/// The storage port for the LTI tool's keys. The newest unretired key signs; retired keys stay
/// listed so that platforms holding them keep verifying until they refetch.
public protocol ToolKeyStore: Sendable {
    /// Every key, oldest first.
    func keys() async throws -> [StoredToolKey]
    /// Makes a new key current and retires the previous one, in one transaction.
    func install(id: String, sealedPrivateKey: String, at date: Date) async throws
}
