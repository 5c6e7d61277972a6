public import BadgeCore
public import Foundation

extension GradeIntake {
    /// Records who a platform user is (from a student launch) and judges the user's grades
    /// that waited for it.
    /// - Returns: how many waiting grades were judged.
    @discardableResult
    public func learnerSeen(issuer: String, userID: String, as recipient: Recipient) async throws -> Int {
        try await learnersSeen(issuer: issuer, [(userID, recipient)])
    }

    /// Records who many platform users are (a Names and Roles sync) and judges the grades that
    /// waited for them. Users mapped as before cost one read, no write.
    /// - Returns: how many waiting grades were judged.
    @discardableResult
    public func learnersSeen(issuer: String, _ learners: [(userID: String, recipient: Recipient)]) async throws -> Int {
        var byKey: [String: Recipient] = [:]
        for learner in learners { byKey[LearnerIdentity.key(issuer: issuer, userID: learner.userID)] = learner.recipient }
        let known = try await parts.learners.entries(learnerKeys: Array(byKey.keys))
        let changed = byKey.filter { key, recipient in
            guard let entry = known[key], entry.recipientKey == recipient.key else { return true }
            return !parts.identity.opens(entry, learnerKey: key)
        }
        guard !changed.isEmpty else { return 0 }
        try await parts.learners.record(
            try changed.map { ($0.key, try parts.identity.entry(for: $0.value, learnerKey: $0.key)) },
            at: parts.clock.now()
        )
        let waiting = try await parts.events.unmapped(learnerKeys: Array(changed.keys), limit: 10_000)
        return try await judgeWaiting(waiting, recipients: changed).count
    }

    /// Judges grades that waited for their learners' mappings and acts on the decisions; a
    /// record someone else judged first is left alone.
    /// - Returns: the receipts of the records judged here, by record id.
    func judgeWaiting(_ waiting: [RecordedOutcome], recipients: [String: Recipient]) async throws -> [UUID: Receipt] {
        var receipts: [UUID: Receipt] = [:]
        for (ruleID, records) in Dictionary(grouping: waiting, by: \.ruleID) {
            guard let rule = try await parts.rules.find(id: ruleID) else { continue }
            let held = try await heldAssertions(of: rule, recipientKeys: Array(Set(records.compactMap { recipients[$0.learnerKey]?.key })))
            var moved: [RecordedOutcome] = []
            for record in records {
                guard let recipient = recipients[record.learnerKey] else { continue }
                let verdict = rule.rule.evaluate(record.event)
                let decision = AwardDecision.decide(verdict, rule: rule.rule, isMapped: true, holdsBadge: held[recipient.key] != nil)
                var updated = record
                updated.decision = decision
                updated.recipientKey = recipient.key
                updated.reason = Self.reason(verdict, decision: decision)
                updated.assertionID = decision == .alreadyHeld || decision.isFallBelow ? held[recipient.key] : nil
                let isMoved = try await parts.events.transition(
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
                if isMoved { moved.append(updated) }
            }
            let settled = try await act(on: moved, rule: rule, recipients: recipients)
            for record in moved {
                let outcome = settled[record.id] ?? (record.decision, record.assertionID, record.reason)
                receipts[record.id] = Receipt(recordID: record.id, decision: outcome.0, reason: outcome.2, assertionID: outcome.1)
            }
        }
        return receipts
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
        _ = try await award([(record, recipient)], rule: rule)
    }
}
