import BadgeCore
import Foundation

extension GradeIntake {
    /// The recipient the learner directory maps a learner key to.
    func mappedRecipient(learnerKey: String) async throws -> Recipient? {
        try await parts.learners.entry(learnerKey: learnerKey).flatMap { recipient(of: $0, learnerKey: learnerKey) }
    }

    /// The recipient an entry seals, or nil when it was sealed under another key-encryption key
    /// (an ephemeral development key of an earlier run): the student is unknown again until
    /// their next launch or course sync.
    func recipient(of entry: LearnerEntry, learnerKey: String) -> Recipient? {
        try? parts.identity.recipient(of: entry, learnerKey: learnerKey)
    }

    /// The unrevoked assertions of the rule's class the recipients hold, by recipient key.
    func heldAssertions(of rule: StoredOutcomeRule, recipientKeys: [String]) async throws -> [String: UUID] {
        guard !recipientKeys.isEmpty else { return [:] }
        var held: [String: UUID] = [:]
        for start in stride(from: 0, to: recipientKeys.count, by: 500) {
            let keys = Array(recipientKeys[start..<min(start + 500, recipientKeys.count)])
            for (key, stored) in try await parts.assertions.existing(badgeClassID: rule.rule.badgeClassID, recipientKeys: keys)
            where stored.assertion.revokedAt == nil {
                held[key] = stored.assertion.id
            }
        }
        return held
    }

    static func reason(_ verdict: OutcomeVerdict, decision: AwardDecision) -> String {
        switch decision {
        case .unmapped: verdict.reason + " The student is not known to badged yet; the grade waits for their launch or a course sync."
        case .pending: verdict.reason + " The award waits for approval."
        case .alreadyHeld: verdict.reason + " The student holds the badge already."
        case .flagged: verdict.reason + " The badge was issued earlier; it is flagged for review."
        case .revoked: verdict.reason + " The badge was issued earlier and is revoked."
        case .kept: verdict.reason + " The badge was issued earlier and stays."
        default: verdict.reason
        }
    }
}
