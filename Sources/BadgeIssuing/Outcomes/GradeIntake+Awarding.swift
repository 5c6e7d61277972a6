public import BadgeCore
import Foundation

extension GradeIntake {
    /// The live badge class of a rule and the signer of its assertions, for grades about to be
    /// awarded.
    /// - Parameter known: the rule's badge class when the caller read it with the rule; read
    ///   here otherwise, and when it is archived (the read then refuses it).
    /// - Throws: ``BadgeCoreError`` when the class is gone or archived.
    func awardingParts(of rule: StoredOutcomeRule, known: Record<BadgeClass>?) async throws -> (Record<BadgeClass>, ParallelSigner) {
        let badgeClass: Record<BadgeClass>
        if let known, known.id == rule.rule.badgeClassID, !known.isArchived {
            badgeClass = known
        } else {
            badgeClass = try await parts.awarder.liveBadgeClass(id: rule.rule.badgeClassID)
        }
        return (badgeClass, try await parts.awarder.signer(for: badgeClass))
    }

    /// Records grades decided `issue` together with their awards (see
    /// ``OutcomeEventStore/recordAwarding(_:)``): the assertions are signed first, outside any
    /// transaction, then each grade's gate, record and assertion commit together.
    /// - Parameter issuing: the rule's live badge class and its signer, when read already.
    /// - Returns: per grade handled, its decision, assertion and reason, or nil when the grade
    ///   was unchanged; grades missing from the result are left to the caller to record (the
    ///   badge class no longer awards, or the award did not validate).
    func awardDirectly(
        _ records: [Recorded],
        rule: StoredOutcomeRule,
        issuing: (Record<BadgeClass>, ParallelSigner)?,
        recipients: [String: Recipient]
    ) async throws -> [UUID: (AwardDecision, UUID?, String)?] {
        guard !records.isEmpty else { return [:] }
        var resolved = issuing
        if resolved == nil { resolved = try? await awardingParts(of: rule, known: nil) }
        guard let (badgeClass, signer) = resolved else { return [:] }
        let inputs = records.compactMap { record in
            recipients[record.outcome.learnerKey].map { recipient in
                AwardInput(recipient: recipient, narrative: record.outcome.reason, grade: rule.rule.gradeText(for: record.outcome.event))
            }
        }
        guard inputs.count == records.count else { return [:] }
        let signed = try await parts.awarder.signed(inputs, of: badgeClass, actor: "rule:\(rule.id.uuidString.lowercased())", signer: signer)
        let graded = zip(records, signed).compactMap { record, result in
            (try? result.get()).map {
                GradedAward(outcome: record.outcome, fingerprint: record.fingerprint, assertion: $0, writesBack: rule.rule.writeBack)
            }
        }
        var settled: [UUID: (AwardDecision, UUID?, String)?] = [:]
        for start in stride(from: 0, to: graded.count, by: 500) {
            let chunk = Array(graded[start..<min(start + 500, graded.count)])
            let outcomes = try await parts.awarder.committing(chunk.map(\.assertion), of: badgeClass) { signed in
                try await awardCommitter.write(
                    zip(chunk, signed).map { GradedAward(outcome: $0.outcome, fingerprint: $0.fingerprint, assertion: $1, writesBack: $0.writesBack) }
                )
            }
            for (award, outcome) in zip(chunk, outcomes) {
                switch outcome {
                case nil:
                    settled[award.outcome.id] = .some(nil)
                case .created(let assertion, _):
                    settled[award.outcome.id] = (.awarded, assertion.id, award.outcome.reason)
                case .existing(let assertion, _):
                    settled[award.outcome.id] = try await settleHeld(award.outcome, assertionID: assertion.id)
                }
            }
        }
        return settled
    }

    /// Issues the rule's badge for records decided `issue`: each becomes `awarded` in its award's
    /// transaction, or `already_held` when the recipient held the badge already — or
    /// `not_awarded` when what they hold is revoked (one assertion per class and recipient: a
    /// revoked badge is not issued again, and the grade says so).
    /// - Returns: per record, its decision, assertion and reason now.
    func award(
        _ records: [(RecordedOutcome, Recipient)],
        rule: StoredOutcomeRule
    ) async throws
        -> [(AwardDecision, UUID?, String)]
    {
        let badgeClass = try await parts.awarder.liveBadgeClass(id: rule.rule.badgeClassID)
        let inputs = records.map { record, recipient in
            AwardInput(recipient: recipient, narrative: record.reason, grade: rule.rule.gradeText(for: record.event), outcomeIDs: [record.id])
        }
        let results = try await parts.awarder.award(
            inputs,
            of: badgeClass,
            actor: "rule:\(rule.id.uuidString.lowercased())",
            failFast: false
        )
        var outcomes: [(AwardDecision, UUID?, String)] = []
        for ((record, _), result) in zip(records, results) {
            let assertionID = result.assertionID.flatMap(UUID.init(uuidString:))
            switch result.status {
            case "created":
                outcomes.append((.awarded, assertionID, record.reason))
            case "existing":
                outcomes.append(try await settleHeld(record, assertionID: assertionID))
            default:
                // Left decided `issue`: the outbox's `outcome.decided` tries again.
                outcomes.append((.issue, nil, record.reason))
            }
        }
        return outcomes
    }

    /// Settles a grade decided `issue` whose recipient holds the badge already: `already_held`,
    /// or `not_awarded` when what they hold is revoked (a revoked badge is not issued again).
    func settleHeld(_ record: RecordedOutcome, assertionID: UUID?) async throws -> (AwardDecision, UUID?, String) {
        var isRevoked = false
        if let assertionID { isRevoked = try await parts.assertions.find(id: assertionID)?.assertion.isRevoked ?? false }
        let decision: AwardDecision = isRevoked ? .notAwarded : .alreadyHeld
        let reason = isRevoked ? record.reason + " The recipient's badge was revoked earlier and is not issued again." : record.reason
        _ = try await parts.events.transition(
            id: record.id,
            from: [.issue],
            to: decision,
            recipientKey: nil,
            reason: isRevoked ? reason : nil,
            assertionID: assertionID,
            comment: nil,
            actor: "rule",
            at: parts.clock.now()
        )
        return (decision, isRevoked ? nil : assertionID, reason)
    }
}
