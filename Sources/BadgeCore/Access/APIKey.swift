public import Foundation

/// A stored API key. The secret itself is never stored, only its SHA-256 digest.
public struct APIKey: Hashable, Sendable {
    /// The key's identifier, also embedded in the token so that logs can name the key.
    public let id: UUID
    /// The institution the key acts for; nil for operator keys.
    public let institutionID: UUID?
    /// What the key may do.
    public let role: Role
    /// A label to tell keys apart, such as "registrar office".
    public let label: String
    /// Hex SHA-256 of the full token.
    public let tokenHash: String
    /// When the key was made.
    public let createdAt: Date
    /// When the key was revoked, if it was.
    public var revokedAt: Date?

    /// Creates a key record.
    public init(id: UUID, institutionID: UUID?, role: Role, label: String, tokenHash: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.institutionID = institutionID
        self.role = role
        self.label = label
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// The caller this key authenticates.
    public var principal: Principal {
        Principal(keyID: id, role: role, institutionID: institutionID)
    }
}
