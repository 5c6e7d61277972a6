import BadgeCore
import BadgeIssuing
import Foundation

extension OutcomeBenchmark {
    /// The CPU of two parts of the 90 %-not-passing mix measured apart, per grade of the mix:
    /// what no change to the intake's own code can remove.
    struct Shares: Sendable {
        /// RS256 signatures of the tenth that passes, as the awarding path makes them.
        let signingMicroseconds: Double
        /// Recording the grades straight into the store (the gate, the record, the commit), in
        /// batches of 500 from two callers as the mix arrives, without judging or awarding.
        let storageMicroseconds: Double
    }

    /// Measures ``Shares`` for `count` grades on `events`, recorded under `rule` with fresh users.
    static func shares(count: Int, rule: StoredOutcomeRule, events: any OutcomeEventStore) async throws -> Shares {
        let signer = ParallelSigner(signer: try SampleSigning.signer())
        let assertions = (0..<max(count / 10, 1)).map { _ in SampleSigning.assertion(badgeClassID: rule.rule.badgeClassID) }
        let signingStarted = CPUTime.process()
        _ = try await signer.sign(assertions)
        let signing = CPUTime.process().since(signingStarted)

        let now = Date()
        let storageStarted = CPUTime.process()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for half in [0..<count / 2, count / 2..<count] {
                group.addTask {
                    for start in stride(from: half.lowerBound, to: half.upperBound, by: 500) {
                        let batch = (start..<min(start + 500, half.upperBound)).map { index in
                            let outcome = Self.notPassing(index, rule: rule, at: now)
                            return (outcome: outcome, fingerprint: outcome.event.fingerprint)
                        }
                        _ = try await events.record(batch)
                    }
                }
            }
            try await group.waitForAll()
        }
        let storage = CPUTime.process().since(storageStarted)
        return Shares(signingMicroseconds: signing / Double(count) * 1e6, storageMicroseconds: storage / Double(count) * 1e6)
    }

    /// A judged grade of a fresh, mapped user that does not pass `rule`.
    private static func notPassing(_ index: Int, rule: StoredOutcomeRule, at now: Date) -> RecordedOutcome {
        let event = OutcomeEvent(
            platform: .init(issuer: rule.rule.match.issuer, clientID: rule.rule.match.clientID),
            contextID: rule.rule.match.contextID,
            lineItemURL: rule.rule.match.lineItem,
            userID: "share\(index)",
            scoreGiven: 3,
            scoreMaximum: 10,
            activityProgress: .completed,
            gradingProgress: .fullyGraded,
            timestamp: now,
            source: .agsResult
        )
        return RecordedOutcome(
            id: UUID(),
            ruleID: rule.id,
            institutionID: rule.institutionID,
            badgeClassID: rule.rule.badgeClassID,
            event: event,
            learnerKey: LearnerIdentity.key(issuer: rule.rule.match.issuer, userID: "share\(index)"),
            recipientKey: Recipient(type: .email, identity: "share\(index)@example.org").key,
            decision: .notAwarded,
            reason: "3 of 10 is below the rule's 5.5",
            receivedAt: now
        )
    }
}
