public import Foundation

/// The storage port for stacking rules, keyed by their composite badge class (at most one rule
/// per composite), with a component index so that the composites naming a component are one
/// indexed query, and the flags of composites that lost a component. Every write is audited in
/// its own transaction.
public protocol StackingRuleStore: Sendable {
    /// Sets the rule of a composite badge class: creates it, or replaces the rule there is.
    /// - Parameters:
    ///   - institutionID: the composite badge class's institution.
    ///   - actor: who makes the change, for the audit row.
    /// - Returns: the stored rule (its `createdAt` is the first set's).
    func put(_ rule: StackingRule, compositeClassID: UUID, institutionID: UUID, at date: Date, actor: String) async throws -> StoredStackingRule
    /// The rule of a composite badge class.
    func find(compositeClassID: UUID) async throws -> StoredStackingRule?
    /// Deletes the rule of a composite badge class (issued composites stay); false without one.
    func delete(compositeClassID: UUID, at date: Date, actor: String) async throws -> Bool
    /// The rules whose trees name any of `components`, each once, by composite class id.
    func rules(containingAny components: [StackingRule.Component]) async throws -> [StoredStackingRule]
    /// Every rule on this badged (of every institution, for cycle checks), by composite class id.
    /// - Parameter limit: the most rules returned.
    func all(limit: Int) async throws -> [StoredStackingRule]
    /// Flags a held composite for review, with an audit row `stacking.flagged` naming the
    /// component; flagging a flagged composite again writes nothing.
    /// - Returns: whether the flag is new.
    func flag(_ flag: StackingFlag, actor: String) async throws -> Bool
    /// The flag of a composite assertion, if it is flagged.
    func flag(compositeAssertionID: UUID) async throws -> StackingFlag?
    /// The flags of an institution's composites (nil: of every institution), newest first.
    func flags(institutionID: UUID?, limit: Int) async throws -> [StackingFlag]
    /// Clears the flag of a composite assertion after its review, with an audit row
    /// `stacking.<resolution>` (`kept` or `revoked`) naming the actor.
    /// - Returns: false when the composite is not flagged (someone reviewed it first).
    func clearFlag(compositeAssertionID: UUID, resolution: String, actor: String) async throws -> Bool
}

extension StackingRuleStore {
    /// The rules whose trees name `component`, by composite class id.
    public func rules(containing component: StackingRule.Component) async throws -> [StoredStackingRule] {
        try await rules(containingAny: [component])
    }
}
