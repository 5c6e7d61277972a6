public import Foundation

/// A selection of credentials a student shares with one link.
public struct WalletShare: Hashable, Sendable {
    /// The share's id (for revoking it).
    public let id: UUID
    /// The recipient key of the student who shared.
    public let recipientKey: String
    /// The selected assertions, in the order chosen.
    public let assertionIDs: [UUID]
    /// When it was made.
    public let createdAt: Date
    /// When it was revoked, if it was.
    public let revokedAt: Date?

    /// Creates a share.
    public init(id: UUID, recipientKey: String, assertionIDs: [UUID], createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.recipientKey = recipientKey
        self.assertionIDs = assertionIDs
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// The storage port for what students decide about their own credentials: which are private
/// (the public pages answer 404 for them), and the selections they share by link.
public protocol WalletStore: Sendable {
    /// Whether the assertion was made private by its recipient (false for unknown ids).
    func isPrivate(assertionID: UUID) async throws -> Bool
    /// The private assertions among those held by a recipient key.
    func privateAssertionIDs(recipientKey: String) async throws -> Set<UUID>
    /// Makes an assertion private or public again, if `recipientKey` holds it.
    /// - Returns: false when the recipient key holds no such assertion.
    func setPrivate(_ isPrivate: Bool, assertionID: UUID, recipientKey: String, at date: Date) async throws -> Bool
    /// Stores a new share, by the digest of its link's secret.
    func createShare(_ share: WalletShare, tokenHash: String) async throws
    /// The unrevoked shares of a recipient key, newest first (at most 100).
    func shares(recipientKey: String) async throws -> [WalletShare]
    /// Revokes a share of the recipient key.
    /// - Returns: false when the key has no such unrevoked share.
    func revokeShare(id: UUID, recipientKey: String, at date: Date) async throws -> Bool
    /// The unrevoked share with this link secret's digest, or nil.
    func share(tokenHash: String) async throws -> WalletShare?
}
