public import Foundation

/// An awarded badge: one badge class, one recipient, one moment.
///
/// It holds only the hashed recipient, so it can be published as is. JSON keys are
/// snake_case, as in the API.
public struct Assertion: Codable, Hashable, Sendable, Identifiable {
    /// The assertion's identifier.
    public var id: UUID
    /// The badge class awarded.
    public var badgeClassID: UUID
    /// The issuer that awarded it (the badge class's issuer).
    public var issuerID: UUID
    /// The recipient, hashed and salted.
    public var recipient: HashedRecipient
    /// When the badge was awarded.
    public var issuedOn: Date
    /// When the badge stops being valid, if ever.
    public var expires: Date?
    /// Work that shows the recipient met the criteria.
    public var evidence: [Evidence]
    /// How the recipient met the criteria (Markdown).
    public var narrative: String?
    /// The grade achieved, as the grade source reported it (not published in Open Badges 2.0).
    public var grade: String?
    /// When the assertion was revoked.
    public var revokedAt: Date?
    /// Why the assertion was revoked, published in the revocation list.
    public var revocationReason: String?
    /// How verifiers check the assertion.
    public var verification: Verification

    enum CodingKeys: String, CodingKey {
        case id
        case badgeClassID = "badge_class_id"
        case issuerID = "issuer_id"
        case recipient
        case issuedOn = "issued_on"
        case expires, evidence, narrative, grade
        case revokedAt = "revoked_at"
        case revocationReason = "revocation_reason"
        case verification
    }

    /// Creates an unrevoked assertion.
    public init(
        id: UUID,
        badgeClassID: UUID,
        issuerID: UUID,
        recipient: HashedRecipient,
        issuedOn: Date,
        expires: Date? = nil,
        evidence: [Evidence] = [],
        narrative: String? = nil,
        grade: String? = nil,
        verification: Verification = .hosted
    ) {
        self.id = id
        self.badgeClassID = badgeClassID
        self.issuerID = issuerID
        self.recipient = recipient
        self.issuedOn = issuedOn
        self.expires = expires
        self.evidence = evidence
        self.narrative = narrative
        self.grade = grade
        self.verification = verification
    }

    /// Whether the assertion has been revoked.
    public var isRevoked: Bool { revokedAt != nil }

    /// Marks the assertion revoked; revoking twice keeps the first time and reason.
    public mutating func revoke(at date: Date, reason: String) {
        guard revokedAt == nil else { return }
        revokedAt = date
        revocationReason = reason
    }
}

extension Assertion {
    /// One piece of evidence: a URL, a narrative, or both.
    public struct Evidence: Codable, Hashable, Sendable {
        /// Where the work can be seen.
        public var url: String?
        /// What the work shows (Markdown).
        public var narrative: String?
        /// A short name of the work, such as a component credential's name.
        public var name: String?

        /// Creates evidence.
        public init(url: String? = nil, narrative: String? = nil, name: String? = nil) {
            self.url = url
            self.narrative = narrative
            self.name = name
        }
    }

    /// How verifiers check an assertion.
    public enum Verification: Hashable, Sendable, Codable {
        /// The assertion is checked by fetching its URL.
        case hosted
        /// The assertion is a JWS signed with the issuer's key `keyID`.
        case signed(keyID: String)

        private enum CodingKeys: String, CodingKey {
            case mode
            case keyID = "key_id"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            switch try c.decode(String.self, forKey: .mode) {
            case "hosted":
                self = .hosted
            case "signed":
                self = .signed(keyID: try c.decode(String.self, forKey: .keyID))
            default:
                throw DecodingError.dataCorruptedError(forKey: .mode, in: c, debugDescription: "mode must be hosted or signed")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .hosted:
                try c.encode("hosted", forKey: .mode)
            case .signed(let keyID):
                try c.encode("signed", forKey: .mode)
                try c.encode(keyID, forKey: .keyID)
            }
        }
    }
}
