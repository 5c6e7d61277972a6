import BadgeCore
import BadgeIssuing
import Foundation

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
