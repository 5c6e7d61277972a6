public import BadgeCore
public import Foundation

/// Issuer signing keys in memory: the newest unretired key is current.
public actor InMemoryIssuerKeyStore: IssuerKeyStore {
    private var stored: [StoredIssuerKey] = []

    /// Creates an empty store.
    public init() {}

    public func install(_ key: StoredIssuerKey) async throws {
        install(key, revokingPrevious: false)
    }

    /// Installs `key`, retiring the issuer's current key (and revoking it when `revokingPrevious`).
    /// - Returns: the id of the key it replaced, if there was one.
    @discardableResult
    public func install(_ key: StoredIssuerKey, revokingPrevious: Bool) -> String? {
        let previous = stored.last { $0.issuerID == key.issuerID && $0.retiredAt == nil }?.id
        stored = stored.map { old in
            guard old.issuerID == key.issuerID, old.retiredAt == nil else { return old }
            return StoredIssuerKey(
                id: old.id,
                issuerID: old.issuerID,
                publicKeyPEM: old.publicKeyPEM,
                sealedPrivateKey: old.sealedPrivateKey,
                createdAt: old.createdAt,
                retiredAt: key.createdAt,
                certificateChainPEM: old.certificateChainPEM,
                revokedAt: revokingPrevious ? key.createdAt : old.revokedAt
            )
        }
        stored.append(key)
        return previous
    }

    public func keys(issuerID: UUID) async throws -> [StoredIssuerKey] { stored.filter { $0.issuerID == issuerID } }

    public func key(id: String) async throws -> StoredIssuerKey? { stored.first { $0.id == id } }

    /// Whether `id` is an unretired key of the issuer (the SQL stores' check of a signed award's key).
    public func isCurrent(_ id: String, issuerID: UUID) -> Bool {
        stored.contains { $0.id == id && $0.issuerID == issuerID && $0.retiredAt == nil }
    }
}

/// The LTI tool's keys in memory.
public actor InMemoryToolKeyStore: ToolKeyStore {
    private var stored: [StoredToolKey] = []

    /// Creates an empty store.
    public init() {}

    public func keys() async throws -> [StoredToolKey] { stored }

    public func install(id: String, sealedPrivateKey: String, at date: Date) async throws {
        stored = stored.map {
            $0.retiredAt == nil ? StoredToolKey(id: $0.id, sealedPrivateKey: $0.sealedPrivateKey, createdAt: $0.createdAt, retiredAt: date) : $0
        }
        stored.append(StoredToolKey(id: id, sealedPrivateKey: sealedPrivateKey, createdAt: date, retiredAt: nil))
    }
}
