public import Foundation

/// A stacking rule as stored: the composite badge class it belongs to (its key: a composite has
/// at most one rule), the institution of that class, and the rule.
public struct StoredStackingRule: Hashable, Sendable {
    /// The composite badge class the rule issues.
    public let compositeClassID: UUID
    /// The institution of the composite badge class.
    public let institutionID: UUID
    /// The rule.
    public let rule: StackingRule
    /// When the rule was first set.
    public let createdAt: Date
    /// When the rule last changed.
    public let updatedAt: Date

    /// Creates a stored rule.
    public init(compositeClassID: UUID, institutionID: UUID, rule: StackingRule, createdAt: Date, updatedAt: Date) {
        self.compositeClassID = compositeClassID
        self.institutionID = institutionID
        self.rule = rule
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
