public import BadgeCore
public import Foundation

/// Stacking rules in memory, with the SQL store's rules: one rule per composite badge class,
/// the composites naming a component found by the rule's components, one flag per composite
/// assertion, and every write audited.
public actor InMemoryStackingRuleStore: StackingRuleStore {
    private var rules: [UUID: StoredStackingRule] = [:]
    private var flags: [UUID: StackingFlag] = [:]
    /// The audit trail: action, entity id, actor and detail, in order.
    public private(set) var audit: [(action: String, id: UUID, actor: String, detail: String?)] = []

    /// Creates an empty store.
    public init() {}

    public func put(
        _ rule: StackingRule,
        compositeClassID: UUID,
        institutionID: UUID,
        at date: Date,
        actor: String
    ) async throws -> StoredStackingRule {
        let current = rules[compositeClassID]
        let stored = StoredStackingRule(
            compositeClassID: compositeClassID,
            institutionID: current?.institutionID ?? institutionID,
            rule: rule,
            createdAt: current?.createdAt ?? date,
            updatedAt: date
        )
        rules[compositeClassID] = stored
        audit.append((current == nil ? "create" : "update", compositeClassID, actor, nil))
        return stored
    }

    public func find(compositeClassID: UUID) async throws -> StoredStackingRule? { rules[compositeClassID] }

    public func delete(compositeClassID: UUID, at date: Date, actor: String) async throws -> Bool {
        guard rules.removeValue(forKey: compositeClassID) != nil else { return false }
        audit.append(("delete", compositeClassID, actor, nil))
        return true
    }

    public func rules(containingAny components: [StackingRule.Component]) async throws -> [StoredStackingRule] {
        rules.values.filter { !Set($0.rule.components).isDisjoint(with: components) }.sorted {
            $0.compositeClassID.uuidString.lowercased() < $1.compositeClassID.uuidString.lowercased()
        }
    }

    public func all(limit: Int) async throws -> [StoredStackingRule] {
        Array(rules.values.sorted { $0.compositeClassID.uuidString.lowercased() < $1.compositeClassID.uuidString.lowercased() }.prefix(max(limit, 1)))
    }

    public func flag(_ flag: StackingFlag, actor: String) async throws -> Bool {
        guard flags[flag.compositeAssertionID] == nil else { return false }
        flags[flag.compositeAssertionID] = flag
        audit.append(
            (
                "stacking.flagged", flag.compositeAssertionID, actor,
                StackingFlag.auditDetail(component: flag.component, assertionID: flag.componentAssertionID)
            )
        )
        return true
    }

    public func flag(compositeAssertionID: UUID) async throws -> StackingFlag? { flags[compositeAssertionID] }

    public func flags(institutionID: UUID?, limit: Int) async throws -> [StackingFlag] {
        let found = flags.values.filter { institutionID == nil || $0.institutionID == institutionID }
        return Array(
            found.sorted { ($0.flaggedAt, $0.compositeAssertionID.uuidString) > ($1.flaggedAt, $1.compositeAssertionID.uuidString) }.prefix(
                max(limit, 1)
            )
        )
    }

    public func clearFlag(compositeAssertionID: UUID, resolution: String, actor: String) async throws -> Bool {
        guard let flag = flags.removeValue(forKey: compositeAssertionID) else { return false }
        audit.append(
            (
                "stacking.\(resolution)", compositeAssertionID, actor,
                StackingFlag.auditDetail(component: flag.component, assertionID: flag.componentAssertionID)
            )
        )
        return true
    }
}
