import BadgeCore
import Foundation

/// One award in a request body: who gets the badge, and what the assertion says.
struct AwardInput: Decodable, Sendable {
    var recipient: Recipient
    var evidence: [Assertion.Evidence]?
    var narrative: String?
    var grade: String?
    var expires: Date?

    init(recipient: Recipient, evidence: [Assertion.Evidence]? = nil, narrative: String? = nil, grade: String? = nil, expires: Date? = nil) {
        self.recipient = recipient
        self.evidence = evidence
        self.narrative = narrative
        self.grade = grade
        self.expires = expires
    }
}

/// The body of `POST /api/v1/badge-classes/{id}/assertions`: one award, or `awards` for a batch.
struct AwardRequest: Decodable, Sendable {
    /// The largest batch accepted in one request.
    static let maximumBatch = 10_000

    var awards: [AwardInput]
    var isBatch: Bool

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.awards) {
            awards = try container.decode([AwardInput].self, forKey: .awards)
            isBatch = true
        } else {
            awards = [try AwardInput(from: decoder)]
            isBatch = false
        }
    }

    enum CodingKeys: String, CodingKey { case awards }
}

/// What happened to one award.
struct AwardResult: Encodable, Sendable {
    var index: Int
    var status: String
    var assertionID: String?
    var url: String?
    var jwsURL: String?
    var error: String?
    var field: String?

    enum CodingKeys: String, CodingKey {
        case index, status, url, error, field
        case assertionID = "assertion_id"
        case jwsURL = "jws_url"
    }
}
