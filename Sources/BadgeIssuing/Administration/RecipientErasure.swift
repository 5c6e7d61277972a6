public import BadgeCore
public import Foundation

/// Erases what badged holds about a person, on their request (GDPR art. 17): their assertions'
/// recipient data (each assertion stays revoked in its issuer's RevocationList, identifying no one)
/// the EDCI imports of them as a learner, the learner directory's mappings to them (of every
/// institution: a mapping is not an institution's record), the external credentials on their
/// record (likewise of no institution), their wallet sessions and access links, their claims with
/// claim codes and their claims by e-mail address still waiting for confirmation, and the link of
/// their recorded grades to them. The audit rows it writes name no one.
public struct RecipientErasure: Sendable {
    /// What was erased.
    public struct Result: Encodable, Sendable, Equatable {
        /// Assertions whose recipient was erased.
        public let assertions: Int
        /// EDCI imports deleted.
        public let imports: Int
        /// Platform users no longer mapped to the recipient.
        public let learners: Int
        /// Recorded grades no longer linked to the recipient.
        public let grades: Int
        /// External credentials removed from the recipient's record.
        public let externalCredentials: Int

        enum CodingKeys: String, CodingKey {
            case assertions, imports, learners, grades
            case externalCredentials = "external_credentials"
        }
    }

    let assertions: any AssertionStore
    let imports: any EDCIImportStore
    let learners: (any LearnerDirectory)?
    let events: (any OutcomeEventStore)?
    let externals: (any ExternalCredentialStore)?
    let studentSessions: (any StudentSessionStore)?
    let claims: (any ClaimCodeStore)?
    let claimMails: (any ClaimMailStore)?
    let clock: any TimeSource

    /// Creates the use case.
    public init(
        assertions: any AssertionStore,
        imports: any EDCIImportStore,
        learners: (any LearnerDirectory)? = nil,
        events: (any OutcomeEventStore)? = nil,
        externals: (any ExternalCredentialStore)? = nil,
        studentSessions: (any StudentSessionStore)? = nil,
        claims: (any ClaimCodeStore)? = nil,
        claimMails: (any ClaimMailStore)? = nil,
        clock: any TimeSource
    ) {
        self.assertions = assertions
        self.imports = imports
        self.learners = learners
        self.events = events
        self.externals = externals
        self.studentSessions = studentSessions
        self.claims = claims
        self.claimMails = claimMails
        self.clock = clock
    }

    /// Erases a recipient.
    /// - Parameters:
    ///   - institutionID: only this institution's records (an admin's request); nil for all (an operator's).
    ///   - actor: who erases, for the audit rows.
    /// - Throws: ``BadgeCoreError`` `.validation` naming `recipient.identity` for an implausible identity.
    public func forget(_ recipient: Recipient, institutionID: UUID?, actor: String) async throws -> Result {
        try recipient.validate()
        let erased = try await assertions.erase(recipientKey: recipient.key, institutionID: institutionID, at: clock.now(), actor: actor)
        let learnerHashes = Set([recipient.identity, recipient.normalizedIdentity]).map(EDCIImports.learnerHash(of:))
        let deleted = try await imports.erase(learnerHashes: learnerHashes, institutionID: institutionID, actor: actor)
        let unmapped = try await learners?.forget(recipientKey: recipient.key) ?? 0
        let unlinked = try await events?.unlink(recipientKey: recipient.key, institutionID: institutionID) ?? 0
        let removed = try await externals?.erase(recipientKey: recipient.key, actor: actor) ?? 0
        // The person's wallet sessions and unused entry tokens end with them (not counted: they
        // are no record of theirs).
        _ = try await studentSessions?.forget(recipientKey: recipient.key)
        // Their claims go too (not counted, to keep the result's shape; the audit rows count them).
        _ = try await claims?.erase(recipientKey: recipient.key, institutionID: institutionID, actor: actor)
        if recipient.type == .email {
            _ = try await claimMails?.delete(address: recipient.normalizedIdentity, institutionID: institutionID, expiredBefore: nil)
        }
        return Result(assertions: erased.count, imports: deleted, learners: unmapped, grades: unlinked, externalCredentials: removed)
    }
}
