import BadgeCore
import BadgeIssuing
import Foundation
import OpenBadges

/// An outcome rule as the API answers it: the rule's JSON shape plus id, institution and times.
struct OutcomeRuleResponse: Encodable {
    let stored: StoredOutcomeRule

    enum CodingKeys: String, CodingKey { case id, institutionID = "institution_id", createdAt = "created_at", updatedAt = "updated_at" }

    func encode(to encoder: any Encoder) throws {
        try stored.rule.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stored.id.uuidString.lowercased(), forKey: .id)
        try container.encode(stored.institutionID.uuidString.lowercased(), forKey: .institutionID)
        try container.encode(stored.createdAt, forKey: .createdAt)
        try container.encode(stored.updatedAt, forKey: .updatedAt)
    }
}

/// A recorded grade as the API answers it; the recipient key only for roles that may see it.
struct OutcomeEventResponse: Encodable {
    let record: RecordedOutcome
    let showsRecipient: Bool

    enum CodingKeys: String, CodingKey {
        case id, ruleID = "rule_id", badgeClassID = "badge_class_id", source, issuer, contextID = "context_id", lineItem = "line_item"
        case resourceLinkID = "resource_link_id", scoreGiven = "score_given", scoreMaximum = "score_maximum"
        case activityProgress = "activity_progress", gradingProgress = "grading_progress", timestamp, receivedAt = "received_at"
        case decision, reason, assertionID = "assertion_id", decidedBy = "decided_by", reviewComment = "review_comment"
        case recipientKey = "recipient_key"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let event = record.event
        try container.encode(record.id.uuidString.lowercased(), forKey: .id)
        try container.encode(record.ruleID.uuidString.lowercased(), forKey: .ruleID)
        try container.encode(record.badgeClassID.uuidString.lowercased(), forKey: .badgeClassID)
        try container.encode(event.source, forKey: .source)
        try container.encode(event.platform.issuer, forKey: .issuer)
        try container.encode(event.contextID, forKey: .contextID)
        try container.encodeIfPresent(event.lineItemURL, forKey: .lineItem)
        try container.encodeIfPresent(event.resourceLinkID, forKey: .resourceLinkID)
        try container.encodeIfPresent(event.scoreGiven, forKey: .scoreGiven)
        try container.encodeIfPresent(event.scoreMaximum, forKey: .scoreMaximum)
        try container.encodeIfPresent(event.activityProgress, forKey: .activityProgress)
        try container.encodeIfPresent(event.gradingProgress, forKey: .gradingProgress)
        try container.encode(event.timestamp, forKey: .timestamp)
        try container.encode(record.receivedAt, forKey: .receivedAt)
        try container.encode(record.decision, forKey: .decision)
        try container.encode(record.reason, forKey: .reason)
        try container.encodeIfPresent(record.assertionID?.uuidString.lowercased(), forKey: .assertionID)
        try container.encode(record.decidedBy, forKey: .decidedBy)
        try container.encodeIfPresent(record.reviewComment, forKey: .reviewComment)
        if showsRecipient { try container.encodeIfPresent(record.recipientKey, forKey: .recipientKey) }
    }
}

/// What became of a pushed grade.
struct GradeReceiptResponse: Encodable {
    let status: String
    let recordID: String?
    let decision: AwardDecision?
    let reason: String
    let assertionURL: String?

    enum CodingKeys: String, CodingKey { case status, recordID = "record_id", decision, reason, assertionURL = "assertion_url" }

    init(_ receipt: GradeIntake.Receipt, urls: PublicURLs) {
        status = receipt.isUnchanged ? "unchanged" : "recorded"
        recordID = receipt.recordID?.uuidString.lowercased()
        decision = receipt.decision
        reason = receipt.reason
        assertionURL = receipt.assertionID.map(urls.assertion)
    }
}

/// A grade entered by hand (`POST /api/v1/outcome-events`).
struct ManualGrade: Decodable {
    var issuer: String
    var clientID: String
    var contextID: String
    var lineItem: String?
    var resourceLinkID: String?
    var userID: String
    var recipient: String?
    var scoreGiven: Double?
    var scoreMaximum: Double?
    var activityProgress: OutcomeEvent.ActivityProgress?
    var gradingProgress: OutcomeEvent.GradingProgress?
    var comment: String?

    enum CodingKeys: String, CodingKey {
        case issuer, clientID = "client_id", contextID = "context_id", lineItem = "line_item", resourceLinkID = "resource_link_id"
        case userID = "user_id", recipient, scoreGiven = "score_given", scoreMaximum = "score_maximum"
        case activityProgress = "activity_progress", gradingProgress = "grading_progress", comment
    }

    /// The grade; FullyGraded unless the body says otherwise (a person entered it).
    func event(at date: Date) -> OutcomeEvent {
        OutcomeEvent(
            platform: .init(issuer: issuer, clientID: clientID),
            contextID: contextID,
            lineItemURL: lineItem,
            resourceLinkID: resourceLinkID,
            userID: userID,
            scoreGiven: scoreGiven,
            scoreMaximum: scoreMaximum,
            activityProgress: activityProgress ?? .completed,
            gradingProgress: gradingProgress ?? .fullyGraded,
            timestamp: date,
            comment: comment,
            source: .manual
        )
    }
}
