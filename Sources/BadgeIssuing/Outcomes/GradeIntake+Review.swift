public import BadgeCore
public import Foundation

extension GradeIntake {
    /// An instructor's or registrar's answer to an award waiting for them.
    public enum Review: String, Sendable, Codable {
        /// A pending award is issued; a flagged badge stays.
        case approve
        /// A pending award is refused; a flagged badge is revoked.
        case deny
    }

    /// Answers a pending award or a flagged badge.
    /// - Parameters:
    ///   - recordID: the recorded grade.
    ///   - comment: the reviewer's comment (at most 500 characters), kept in the audit.
    ///   - actor: who reviews, for the audit.
    /// - Returns: the record as it is now.
    /// - Throws: ``BadgeCoreError`` `.notFound` for an unknown record, `.conflict` when it
    ///   waits for no review (decided already, perhaps by someone else just now).
    public func review(recordID: UUID, _ review: Review, comment: String?, actor: String) async throws -> RecordedOutcome {
        if let comment, comment.count > 500 { throw BadgeCoreError.invalid("comment", "comment is longer than 500 characters") }
        guard let record = try await parts.events.find(id: recordID) else { throw BadgeCoreError(.notFound, "no recorded grade with that id") }
        if record.decision == .pending, review == .approve,
            let latest = try await parts.events.latest(ruleID: record.ruleID, learnerKey: record.learnerKey), latest.id != record.id
        {
            throw BadgeCoreError(.conflict, "a later grade replaced this one (\(latest.decision.rawValue)): \(latest.reason)", field: "decision")
        }
        let target: AwardDecision
        switch (record.decision, review) {
        case (.pending, .approve): target = .issue
        case (.pending, .deny): target = .denied
        case (.flagged, .approve): target = .kept
        case (.flagged, .deny): target = .revoked
        default:
            throw BadgeCoreError(.conflict, "this grade waits for no review; it is \(record.decision.rawValue)", field: "decision")
        }
        let moved = try await parts.events.transition(
            id: recordID,
            from: [record.decision],
            to: target,
            recipientKey: nil,
            reason: nil,
            assertionID: nil,
            comment: comment,
            actor: actor,
            at: parts.clock.now()
        )
        guard moved else { throw BadgeCoreError(.conflict, "someone else reviewed this grade just now", field: "decision") }
        switch target {
        case .issue: try await resume(recordID: recordID)
        case .revoked:
            if let assertionID = record.assertionID {
                let reason = "Revoked on review by \(actor): " + (comment ?? record.reason)
                _ = try await parts.revoker.revoke(id: assertionID, reason: String(reason.prefix(480)), actor: actor)
            }
        default: break
        }
        guard let now = try await parts.events.find(id: recordID) else { throw BadgeCoreError(.notFound, "no recorded grade with that id") }
        return now
    }
}
