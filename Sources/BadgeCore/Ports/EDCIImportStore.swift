public import Foundation

/// One stored EDCI import.
public struct EDCIImportEntry: Sendable, Hashable {
    public let id: UUID
    public let institutionID: UUID
    public let badgeClassID: UUID?
    /// The credential's `cred:id`; an institution imports a credential once.
    public let credentialID: String
    /// A digest of the learner's identifier (the identifier itself is not stored).
    public let learnerHash: String
    /// `valid`, `invalid` or `unsigned`.
    public let signatureStatus: String
    /// The converted edubadges form with its diagnostics (JSON).
    public let converted: String
    /// The document exactly as it was received.
    public let originalXML: String
    public let createdAt: Date

    /// Creates an entry.
    public init(
        id: UUID,
        institutionID: UUID,
        badgeClassID: UUID?,
        credentialID: String,
        learnerHash: String,
        signatureStatus: String,
        converted: String,
        originalXML: String,
        createdAt: Date
    ) {
        self.id = id
        self.institutionID = institutionID
        self.badgeClassID = badgeClassID
        self.credentialID = credentialID
        self.learnerHash = learnerHash
        self.signatureStatus = signatureStatus
        self.converted = converted
        self.originalXML = originalXML
        self.createdAt = createdAt
    }
}

/// The storage port for stored EDCI imports.
public protocol EDCIImportStore: Sendable {
    /// Stores an import and the badge class made from it, with their audit rows, in one transaction.
    /// - Throws: ``BadgeCoreError`` `.conflict` when the institution imported this credential
    ///   before; `.validation` from the badge class; nothing is written then.
    func store(_ entry: EDCIImportEntry, badgeClass: Record<BadgeClass>?, actor: String) async throws
    /// A stored import, or nil.
    func find(id: UUID) async throws -> EDCIImportEntry?
    /// Deletes the imports of a learner (by the digests of their identifier; of one institution,
    /// or of all when nil) with an audit row each; the badge classes made from them stay.
    /// - Returns: how many were deleted.
    func erase(learnerHashes: [String], institutionID: UUID?, actor: String) async throws -> Int
}
