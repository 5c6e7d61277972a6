public import BadgeCore
public import Foundation

extension GradeIntake {
    /// Records who a platform user is (from a student launch or a Names and Roles sync) and
    /// judges the user's grades that waited for it.
    /// - Returns: how many waiting grades were judged.
    @discardableResult
    public func learnerSeen(issuer: String, userID: String, as recipient: Recipient) async throws -> Int {
        let learnerKey = LearnerIdentity.key(issuer: issuer, userID: userID)
        // A launch of a known student reads and writes nothing more.
        if let known = try await parts.learners.entry(learnerKey: learnerKey), known.recipientKey == recipient.key,
            (try? parts.identity.recipient(of: known, learnerKey: learnerKey)) != nil
        {
            return 0
        }
        let entry = try parts.identity.entry(for: recipient, learnerKey: learnerKey)
        try await parts.learners.record(learnerKey: learnerKey, entry: entry, at: parts.clock.now())
        var judged = 0
        for record in try await parts.events.unmapped(learnerKey: learnerKey, limit: 1_000) {
            guard let rule = try await parts.rules.find(id: record.ruleID) else { continue }
            if try await judgeWaiting(record, rule: rule, recipient: recipient) != nil { judged += 1 }
        }
        return judged
    }

    /// Judges a grade that waited for its learner's mapping and acts on the decision.
    /// - Returns: nil when the record no longer waited (someone else judged it first).
    func judgeWaiting(_ record: RecordedOutcome, rule: StoredOutcomeRule, recipient: Recipient) async throws -> Receipt? {
        let verdict = rule.rule.evaluate(record.event)
        let held = try await heldAssertion(of: rule, recipientKey: recipient.key)
        let decision = AwardDecision.decide(verdict, rule: rule.rule, isMapped: true, holdsBadge: held != nil)
        var updated = record
        updated.decision = decision
        updated.recipientKey = recipient.key
        updated.reason = Self.reason(verdict, decision: decision)
        updated.assertionID = decision == .alreadyHeld || decision.isFallBelow ? held : nil
        let moved = try await parts.events.transition(
            id: record.id,
            from: [.unmapped],
            to: decision,
            recipientKey: recipient.key,
            reason: updated.reason,
            assertionID: updated.assertionID,
            comment: nil,
            actor: "rule",
            at: parts.clock.now()
        )
        guard moved else { return nil }
        return try await act(on: updated, rule: rule, recipient: recipient)
    }

    /// Finishes a record decided `issue` whose award did not complete (the outbox's
    /// `outcome.decided`); does nothing for any other state, so delivering twice is harmless.
    public func resume(recordID: UUID) async throws {
        guard let record = try await parts.events.find(id: recordID), record.decision == .issue else { return }
        let rule =
            try await parts.rules.find(id: record.ruleID)
            ?? StoredOutcomeRule(
                id: record.ruleID,
                institutionID: record.institutionID,
                rule: OutcomeRule(
                    badgeClassID: record.badgeClassID,
                    match: .init(issuer: record.event.platform.issuer, clientID: record.event.platform.clientID, contextID: record.event.contextID),
                    condition: .completed
                ),
                createdAt: record.receivedAt,
                updatedAt: record.receivedAt
            )
        guard let recipient = try await mappedRecipient(learnerKey: record.learnerKey) else {
            // The mapping was erased in between: the grade waits for the student again.
            _ = try await parts.events.transition(
                id: recordID,
                from: [.issue],
                to: .unmapped,
                recipientKey: nil,
                reason: nil,
                assertionID: nil,
                comment: nil,
                actor: "rule",
                at: parts.clock.now()
            )
            return
        }
        _ = try await award(record, rule: rule, recipient: recipient)
    }
}
