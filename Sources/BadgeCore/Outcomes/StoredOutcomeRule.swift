public import Foundation

/// An outcome rule as stored: its id, its institution (the platform's) and the rule.
public struct StoredOutcomeRule: Hashable, Sendable {
    /// The rule's id.
    public let id: UUID
    /// The institution whose badge class the rule awards.
    public let institutionID: UUID
    /// The rule.
    public let rule: OutcomeRule
    /// When the rule was created.
    public let createdAt: Date
    /// When the rule last changed.
    public let updatedAt: Date

    /// Creates a stored rule.
    public init(id: UUID, institutionID: UUID, rule: OutcomeRule, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.institutionID = institutionID
        self.rule = rule
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
