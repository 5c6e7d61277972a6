public import Foundation

/// What badged knows of one platform user: the recipient key, and the identity sealed at rest
/// (it is needed in the clear only to hash a new assertion's recipient).
public struct LearnerEntry: Hashable, Sendable {
    /// The recipient key (see `Recipient.key`).
    public let recipientKey: String
    /// The recipient, sealed with the key-encryption key.
    public let sealedRecipient: String

    /// Creates an entry.
    public init(recipientKey: String, sealedRecipient: String) {
        self.recipientKey = recipientKey
        self.sealedRecipient = sealedRecipient
    }
}

/// The storage port mapping platform users (`sub`, by their learner key) to recipients, filled
/// from student launches and Names and Roles syncs.
public protocol LearnerDirectory: Sendable {
    /// Records or replaces the mappings of learner keys, in one transaction.
    func record(_ entries: [(learnerKey: String, entry: LearnerEntry)], at date: Date) async throws
    /// The mappings of learner keys that have one.
    func entries(learnerKeys: [String]) async throws -> [String: LearnerEntry]
    /// The mappings of learner keys that have one, each with the unrevoked assertion of
    /// `badgeClassID` its recipient holds, in one read (judging a grade needs both).
    func entries(learnerKeys: [String], holding badgeClassID: UUID) async throws -> [String: (entry: LearnerEntry, held: UUID?)]
    /// Forgets every mapping to a recipient key (erasure); returns how many were removed.
    func forget(recipientKey: String) async throws -> Int
}

extension LearnerDirectory {
    /// Records or replaces the mapping of one learner key.
    public func record(learnerKey: String, entry: LearnerEntry, at date: Date) async throws {
        try await record([(learnerKey, entry)], at: date)
    }

    /// The mapping of one learner key.
    public func entry(learnerKey: String) async throws -> LearnerEntry? {
        try await entries(learnerKeys: [learnerKey])[learnerKey]
    }
}
