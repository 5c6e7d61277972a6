public import Foundation

/// An ``OutcomeEvent`` as badged keeps it: the grade, the rule that judged it, the decision and
/// its reason. The user's identifiers are kept only as keys (digests), never in the clear.
public struct RecordedOutcome: Hashable, Sendable {
    /// The record's id.
    public let id: UUID
    /// The rule that judged the grade.
    public let ruleID: UUID
    /// The rule's institution.
    public let institutionID: UUID
    /// The rule's badge class.
    public let badgeClassID: UUID
    /// The grade (its `identities` are never stored and come back empty).
    public var event: OutcomeEvent
    /// The digest naming the platform user (issuer and `sub`).
    public let learnerKey: String
    /// The recipient key of the mapped user, nil while unmapped.
    public var recipientKey: String?
    /// The decision.
    public var decision: AwardDecision
    /// Why, in one sentence.
    public var reason: String
    /// The assertion issued (or already held) for this grade.
    public var assertionID: UUID?
    /// When badged received the grade.
    public let receivedAt: Date
    /// Who decided last: `rule`, or the approving or denying actor.
    public var decidedBy: String
    /// The reviewer's comment on an approval or denial.
    public var reviewComment: String?

    /// Creates a record.
    public init(
        id: UUID,
        ruleID: UUID,
        institutionID: UUID,
        badgeClassID: UUID,
        event: OutcomeEvent,
        learnerKey: String,
        recipientKey: String?,
        decision: AwardDecision,
        reason: String,
        assertionID: UUID? = nil,
        receivedAt: Date,
        decidedBy: String = "rule",
        reviewComment: String? = nil
    ) {
        self.id = id
        self.ruleID = ruleID
        self.institutionID = institutionID
        self.badgeClassID = badgeClassID
        self.event = event
        self.learnerKey = learnerKey
        self.recipientKey = recipientKey
        self.decision = decision
        self.reason = reason
        self.assertionID = assertionID
        self.receivedAt = receivedAt
        self.decidedBy = decidedBy
        self.reviewComment = reviewComment
    }
}
