public import BadgeCore
public import Foundation

extension Stacker {
    /// The most composites one progress report judges.
    public static let maximumProgressComposites = 200

    /// A recipient's progress toward composites: each composite's rule judged against everything
    /// they hold on this badged (nothing is issued or changed).
    /// - Parameters:
    ///   - institutionID: only composites of this institution; nil for every institution's.
    ///   - compositeClassID: only this composite.
    /// - Throws: ``BadgeCoreError`` `.notFound` when `compositeClassID` has no stacking rule
    ///   (of the institution).
    public func progress(recipientKey: String, institutionID: UUID?, compositeClassID: UUID? = nil) async throws -> [Assessment] {
        var composites: [StoredStackingRule]
        if let compositeClassID {
            guard let rule = try await rules.find(compositeClassID: compositeClassID), institutionID.map({ $0 == rule.institutionID }) ?? true else {
                throw BadgeCoreError(.notFound, "that badge class has no stacking rule", field: "badge_class_id")
            }
            composites = [rule]
        } else {
            composites = try await rules.all(limit: 10_000).filter { institutionID == nil || $0.institutionID == institutionID }
        }
        composites = Array(composites.prefix(Self.maximumProgressComposites))
        return try await assess(recipientKey: recipientKey, composites: composites)
    }
}

extension Stacker {
    /// The composites whose rules name any of `badgeClassIDs`, each once (one query).
    public func composites(containing badgeClassIDs: [UUID]) async throws -> [StoredStackingRule] {
        try await rules.rules(containingAny: badgeClassIDs.prefix(100).map { .badgeClass($0) })
    }
}
