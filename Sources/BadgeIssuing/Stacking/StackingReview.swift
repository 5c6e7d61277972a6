public import BadgeCore
public import Foundation

/// A registrar's review of composites flagged because a component was revoked: keep the
/// composite (the flag is cleared) or revoke it, naming the lost component; both audited.
public struct StackingReview: Sendable {
    /// What the reviewer decides.
    public enum Decision: String, Sendable {
        case keep, revoke
    }

    let rules: any StackingRuleStore
    let revoker: Revoker
    let catalog: any CatalogStore

    /// Creates the use case.
    public init(rules: any StackingRuleStore, revoker: Revoker, catalog: any CatalogStore) {
        self.rules = rules
        self.revoker = revoker
        self.catalog = catalog
    }

    /// The flagged composites of an institution (nil: every institution's), newest first.
    public func flagged(institutionID: UUID?, limit: Int = 200) async throws -> [StackingFlag] {
        try await rules.flags(institutionID: institutionID, limit: limit)
    }

    /// Decides on a flagged composite.
    /// - Parameter allowed: whether the caller may review the composite's institution.
    /// - Throws: ``BadgeCoreError`` `.notFound` when the composite is not flagged (or not the
    ///   caller's), `.validation` for an overlong comment.
    public func review(
        compositeAssertionID: UUID,
        _ decision: Decision,
        comment: String?,
        actor: String,
        allowed: (UUID) -> Bool
    ) async throws -> StackingFlag {
        guard let flag = try await rules.flag(compositeAssertionID: compositeAssertionID), allowed(flag.institutionID) else {
            throw BadgeCoreError(.notFound, "that assertion is not a flagged composite")
        }
        if let comment, comment.count > 500 { throw BadgeCoreError.invalid("comment", "a comment has at most 500 characters") }
        if decision == .revoke {
            var reason: String
            if let component = UUID(uuidString: flag.component) {
                let name = try await catalog.find(BadgeClass.self, id: component).map { $0.name.preferred("en") } ?? "a component"
                reason = "Reviewed after the component \(name) was revoked: the rule of this credential no longer holds."
            } else {
                reason = "Reviewed after the external credential \(flag.component) was removed: the rule of this credential no longer holds."
            }
            if let comment, !comment.isEmpty { reason += " " + comment }
            _ = try await revoker.revoke(id: compositeAssertionID, reason: String(reason.prefix(RevocationReason.maximumLength)), actor: actor)
        }
        guard try await rules.clearFlag(compositeAssertionID: compositeAssertionID, resolution: decision == .keep ? "kept" : "revoked", actor: actor)
        else { throw BadgeCoreError(.conflict, "someone reviewed this composite first") }
        return flag
    }
}
