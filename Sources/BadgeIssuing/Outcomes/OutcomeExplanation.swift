public import BadgeCore
public import Foundation

/// One sentence on why a recipient has or has not got a badge class, from the assertion store
/// and the recorded grades ("5.2 of 10 in Unit 1 Quiz on 2026-11-20 is below the rule's 5.5.").
public struct OutcomeExplanation: Sendable {
    let assertions: any AssertionStore
    let events: any OutcomeEventStore
    let rules: any OutcomeRuleStore

    /// Creates the use case.
    public init(assertions: any AssertionStore, events: any OutcomeEventStore, rules: any OutcomeRuleStore) {
        self.assertions = assertions
        self.events = events
        self.rules = rules
    }

    /// The sentence.
    public func explain(recipient: Recipient, badgeClass: Record<BadgeClass>) async throws -> String {
        try recipient.validate()
        let name = badgeClass.name.preferred(badgeClass.language)
        let key = recipient.key
        let latest = try await events.list(OutcomeEventFilter(recipientKey: key, badgeClassID: badgeClass.id), page: PageRequest(limit: 1)).items
            .first
        let day = Date.ISO8601FormatStyle().year().month().day()
        if let held = try await assertions.existing(badgeClassID: badgeClass.id, recipientKeys: [key])[key]?.assertion {
            if let revokedAt = held.revokedAt {
                return "The recipient's \(name) was revoked on \(revokedAt.formatted(day)): \(held.revocationReason ?? "no reason given")."
            }
            let why = latest.map { " Latest grade: \($0.reason)" } ?? " It was awarded directly, not by a grade rule."
            return "The recipient holds \(name) since \(held.issuedOn.formatted(day)).\(why)"
        }
        if let latest {
            switch latest.decision {
            case .pending: return "\(latest.reason) (\(name) waits for an instructor's or registrar's approval.)"
            case .denied:
                return "\(latest.reason) An approval of \(name) was denied by \(latest.decidedBy)\(latest.reviewComment.map { ": \($0)" } ?? ".")"
            default: return latest.reason
            }
        }
        let watching = try await rules.list(institutionID: badgeClass.institutionID, issuer: nil, contextID: nil, limit: 1_000)
            .filter { $0.rule.badgeClassID == badgeClass.id }
        if watching.isEmpty { return "No outcome rule awards \(name), and the recipient does not hold it." }
        return "No grade of the recipient has reached a rule awarding \(name) yet (\(watching.count) rule(s) watch for one)."
    }
}
