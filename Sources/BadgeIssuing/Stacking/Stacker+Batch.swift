public import BadgeCore
public import Foundation

extension Stacker {
    /// The most assertions one ``run(after:)-(UUID array)`` reads at once.
    public static let maximumBatch = 500

    /// ``run(after:)-(UUID)`` for several assertions at once, as the outbox delivers them: the
    /// assertions, the composites containing their badge classes, their recipients' holdings and
    /// the badge classes involved are each read once for the batch instead of once per assertion.
    /// The runs then go in order; after a run changed a recipient's credentials (a composite
    /// issued, revoked or flagged), that recipient's holdings are read again before their next run.
    /// - Parameter assertionIDs: at most ``maximumBatch`` are run; the rest are left out of the result.
    /// - Returns: per assertion id run, what changed, or the error that stopped that run (the
    ///   others still run).
    /// - Throws: when a read shared by the batch fails: nothing was run then.
    public func run(after assertionIDs: [UUID]) async throws -> [UUID: Result<StackingOutcome, any Error>] {
        let ids = Array(assertionIDs.prefix(Self.maximumBatch))
        let found = try await assertions.find(ids: ids)
        var results: [UUID: Result<StackingOutcome, any Error>] = [:]
        var subjects: [(assertion: Assertion, recipientKey: String)] = []
        for id in ids where results[id] == nil {
            if let stored = found[id], let recipientKey = stored.recipientKey, !stored.assertion.isErased {
                subjects.append((stored.assertion, recipientKey))
            }
            results[id] = .success(StackingOutcome())
        }
        let classIDs = Set(subjects.map(\.assertion.badgeClassID))
        guard !classIDs.isEmpty else { return results }
        let composites = try await rules.rules(containingAny: classIDs.map { .badgeClass($0) })
        var containing: [UUID: [StoredStackingRule]] = [:]
        for stored in composites {
            var named: Set<UUID> = []
            for case .badgeClass(let id) in stored.rule.components where classIDs.contains(id) && named.insert(id).inserted {
                containing[id, default: []].append(stored)
            }
        }
        subjects.removeAll { containing[$0.assertion.badgeClassID] == nil }
        guard !subjects.isEmpty else { return results }
        var holdings = try await assertions.heldAssertions(recipientKeys: Array(Set(subjects.map(\.recipientKey))), limit: Self.maximumHoldings)
        var classes = Classes()
        try await classes.load(for: composites, holdings: Array(holdings.values.joined()), from: catalog)
        var changed: Set<String> = []
        for (assertion, recipientKey) in subjects {
            do {
                if changed.contains(recipientKey) {
                    holdings[recipientKey] = try await assertions.heldAssertions(recipientKey: recipientKey, limit: Self.maximumHoldings)
                    try await classes.load(for: [], holdings: holdings[recipientKey] ?? [], from: catalog)
                }
                let composites = containing[assertion.badgeClassID] ?? []
                let assessments = try await assess(
                    recipientKey: recipientKey,
                    holdings: holdings[recipientKey] ?? [],
                    composites: composites,
                    classes: classes
                )
                let outcome = try await act(on: assessments, changed: assertion)
                if !outcome.isEmpty { changed.insert(recipientKey) }
                results[assertion.id] = .success(outcome)
            } catch {
                // A run that failed half-way may have changed something: read again next time.
                changed.insert(recipientKey)
                results[assertion.id] = .failure(error)
            }
        }
        return results
    }
}
