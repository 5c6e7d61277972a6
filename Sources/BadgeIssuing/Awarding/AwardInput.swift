public import BadgeCore
public import Foundation

/// One award: who gets the badge, and what the assertion says (the JSON shape of an award in
/// `POST /api/v1/badge-classes/{id}/assertions`).
public struct AwardInput: Decodable, Sendable {
    /// Who gets the badge.
    public var recipient: Recipient
    /// Evidence of the achievement.
    public var evidence: [Assertion.Evidence]?
    /// How it was earned.
    public var narrative: String?
    /// The grade, as the source reported it.
    public var grade: String?
    /// When the assertion expires.
    public var expires: Date?
    /// The recorded grades the award settles (never read from JSON).
    public var outcomeIDs: [UUID] = []

    enum CodingKeys: String, CodingKey { case recipient, evidence, narrative, grade, expires }

    /// Creates an award.
    public init(
        recipient: Recipient,
        evidence: [Assertion.Evidence]? = nil,
        narrative: String? = nil,
        grade: String? = nil,
        expires: Date? = nil,
        outcomeIDs: [UUID] = []
    ) {
        self.recipient = recipient
        self.evidence = evidence
        self.narrative = narrative
        self.grade = grade
        self.expires = expires
        self.outcomeIDs = outcomeIDs
    }
}
