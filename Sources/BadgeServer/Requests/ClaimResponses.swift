import BadgeCore
import Foundation

/// A claim code as the API shows it (never its secret, which only the answer that made it holds).
struct ClaimCodeResponse: Encodable {
    let code: ClaimCode
    /// The time its status is told at.
    let now: Date

    init(_ code: ClaimCode, now: Date) {
        self.code = code
        self.now = now
    }

    enum CodingKeys: String, CodingKey {
        case id, label, uses
        case badgeClassID = "badge_class_id"
        case maxUses = "max_uses"
        case expiresAt = "expires_at"
        case requiresEvidence = "requires_evidence"
        case createdAt = "created_at"
        case disabledAt = "disabled_at"
        case status
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code.id.uuidString.lowercased(), forKey: .id)
        try container.encode(code.badgeClassID.uuidString.lowercased(), forKey: .badgeClassID)
        try container.encodeIfPresent(code.label, forKey: .label)
        try container.encodeIfPresent(code.maxUses, forKey: .maxUses)
        try container.encode(code.uses, forKey: .uses)
        try container.encodeIfPresent(code.expiresAt, forKey: .expiresAt)
        try container.encode(code.requiresEvidence, forKey: .requiresEvidence)
        try container.encode(code.createdAt, forKey: .createdAt)
        try container.encodeIfPresent(code.disabledAt, forKey: .disabledAt)
        try container.encode(code.refusal(at: now)?.rawValue ?? "active", forKey: .status)
    }
}

/// A claim as the API shows it: without its recipient key; the published hashed recipient
/// stays, which names no one.
struct ClaimResponse: Encodable {
    let claim: Claim

    init(_ claim: Claim) { self.claim = claim }

    enum CodingKeys: String, CodingKey {
        case id, recipient, evidence, state, comment
        case codeID = "code_id"
        case badgeClassID = "badge_class_id"
        case assertionID = "assertion_id"
        case createdAt = "created_at"
        case reviewedAt = "reviewed_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(claim.id.uuidString.lowercased(), forKey: .id)
        try container.encode(claim.recipient, forKey: .recipient)
        try container.encodeIfPresent(claim.evidence, forKey: .evidence)
        try container.encode(claim.state.rawValue, forKey: .state)
        try container.encodeIfPresent(claim.comment, forKey: .comment)
        try container.encode(claim.codeID.uuidString.lowercased(), forKey: .codeID)
        try container.encode(claim.badgeClassID.uuidString.lowercased(), forKey: .badgeClassID)
        try container.encodeIfPresent(claim.assertionID?.uuidString.lowercased(), forKey: .assertionID)
        try container.encode(claim.createdAt, forKey: .createdAt)
        try container.encodeIfPresent(claim.reviewedAt, forKey: .reviewedAt)
    }
}
