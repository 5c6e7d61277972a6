public import Foundation

/// The storage port for outcome rules. One rule per watched item: the store refuses a second
/// rule with the same ``OutcomeRule/matchKey``.
public protocol OutcomeRuleStore: Sendable {
    /// Stores a new rule.
    /// - Throws: ``BadgeCoreError`` `.conflict` naming `match` when another rule has its match.
    func create(_ rule: OutcomeRule, id: UUID, institutionID: UUID, at date: Date, actor: String) async throws -> StoredOutcomeRule
    /// Replaces a rule's content; nil when there is no such rule.
    /// - Throws: ``BadgeCoreError`` `.conflict` naming `match` when another rule has the new match.
    func update(id: UUID, to rule: OutcomeRule, at date: Date, actor: String) async throws -> StoredOutcomeRule?
    /// Deletes a rule (its recorded grades stay); false when there is no such rule.
    func delete(id: UUID, at date: Date, actor: String) async throws -> Bool
    /// The rule with this id.
    func find(id: UUID) async throws -> StoredOutcomeRule?
    /// The rule watching this grade's line item or resource link, if any.
    func rule(watching event: OutcomeEvent) async throws -> StoredOutcomeRule?
    /// The rule watching this grade's item and the badge class it awards (nil when the store
    /// leaves reading the class to the caller, or the class is gone).
    func ruleAndBadgeClass(watching event: OutcomeEvent) async throws -> (rule: StoredOutcomeRule, badgeClass: Record<BadgeClass>?)?
    /// The rules of an institution (or of all when nil), optionally of one platform and course, oldest first.
    func list(institutionID: UUID?, issuer: String?, contextID: String?, limit: Int) async throws -> [StoredOutcomeRule]
    /// Leases rules watching line items whose sync is due, so that daemons sharing the database
    /// sync disjoint rules; a lease ends at `leaseUntil`, with ``finishSync(ids:owner:at:)`` or
    /// with ``releaseSync(ids:owner:)``.
    /// - Parameters:
    ///   - issuer: only rules of this platform, when given.
    ///   - clientID: only rules of this registration of the platform, when given.
    ///   - contextID: only rules of this course, when given.
    ///   - syncedBefore: due when last synced before this date (always when never synced).
    func claimSync(
        issuer: String?,
        clientID: String?,
        contextID: String?,
        syncedBefore: Date,
        owner: String,
        now: Date,
        leaseUntil: Date,
        limit: Int
    ) async throws
        -> [StoredOutcomeRule]
    /// Ends the leases of a sync and records when it ran.
    func finishSync(ids: [UUID], owner: String, at date: Date) async throws
    /// Ends the leases of rules a sync claimed but did not try (its request budget was spent),
    /// leaving when they last ran as it was: they are due again at once.
    func releaseSync(ids: [UUID], owner: String) async throws
}

extension OutcomeRuleStore {
    /// The rule watching this grade's item together with the badge class it awards, read in one
    /// go where the store can (the awarding path of a pushed grade then reads the class no
    /// more); this default reads the rule only and leaves the class to the caller.
    public func ruleAndBadgeClass(watching event: OutcomeEvent) async throws -> (rule: StoredOutcomeRule, badgeClass: Record<BadgeClass>?)? {
        try await rule(watching: event).map { ($0, nil) }
    }
}
