public import Foundation

/// One issuer signing key as stored: the public key in the clear (it is published), the
/// private key sealed by the caller.
public struct StoredIssuerKey: Sendable, Hashable {
    /// The key's id (also its URL segment).
    public let id: String
    /// The issuer that owns it.
    public let issuerID: UUID
    /// SPKI PEM.
    public let publicKeyPEM: String
    /// The sealed private key.
    public let sealedPrivateKey: String
    /// When it was made.
    public let createdAt: Date
    /// When it stopped being current (rotation), if it did.
    public let retiredAt: Date?
    /// The key's X.509 certificate chain in PEM (the key's certificate first, then
    /// intermediates), when one was imported with it; nil for keys that sign EDCI exports with
    /// a self-signed certificate derived from the key.
    public let certificateChainPEM: String?
    /// When it was revoked (a rotation for compromise), if it was: a revoked key is no longer
    /// published, and what it signed no longer verifies.
    public let revokedAt: Date?

    /// Whether the key was revoked.
    public var isRevoked: Bool { revokedAt != nil }

    /// Creates a stored key.
    public init(
        id: String,
        issuerID: UUID,
        publicKeyPEM: String,
        sealedPrivateKey: String,
        createdAt: Date,
        retiredAt: Date? = nil,
        certificateChainPEM: String? = nil,
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.issuerID = issuerID
        self.publicKeyPEM = publicKeyPEM
        self.sealedPrivateKey = sealedPrivateKey
        self.createdAt = createdAt
        self.retiredAt = retiredAt
        self.certificateChainPEM = certificateChainPEM
        self.revokedAt = revokedAt
    }
}

/// The storage port for issuer signing keys. The newest unretired key is current; older keys
/// stay published so that every assertion they signed keeps verifying.
public protocol IssuerKeyStore: Sendable {
    /// Makes `key` the issuer's current key, retiring the previous one, in one transaction.
    func install(_ key: StoredIssuerKey) async throws
    /// Every key of an issuer, oldest first.
    func keys(issuerID: UUID) async throws -> [StoredIssuerKey]
    /// One key by id.
    func key(id: String) async throws -> StoredIssuerKey?
}
