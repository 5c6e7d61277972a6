public import BadgeCore
import Foundation
import OpenBadges

extension Stacker {
    /// Evaluates the composites containing `component` for `recipient` (after an external
    /// credential was added to their record) and issues the satisfied ones they do not hold yet.
    /// Adding a credential cannot break a rule, so nothing is revoked or flagged here.
    /// - Parameters:
    ///   - recipient: the recipient, used only to hash the composite's published recipient and
    ///     to find their recipient key; never stored in the clear.
    ///   - actor: the audit actor of the issued composites.
    /// - Returns: what changed.
    public func run(recipient: Recipient, containing component: StackingRule.Component, actor: String) async throws -> StackingOutcome {
        let composites = try await rules.rules(containing: component)
        guard !composites.isEmpty else { return StackingOutcome() }
        var outcome = StackingOutcome()
        for assessment in try await assess(recipientKey: recipient.key, composites: composites) {
            guard assessment.verdict.isSatisfied, assessment.held == nil, !assessment.composite.isArchived else { continue }
            let result = try await awarder.award(
                hashed: awarder.hasher.hash(recipient),
                recipientKey: recipient.key,
                evidence: Self.evidence(of: assessment.verdict),
                narrative: Self.narrative(of: assessment.verdict),
                of: assessment.composite,
                actor: actor
            )
            if case .created(let issued, _) = result { outcome.issued.append(issued.id) }
        }
        return outcome
    }
}
