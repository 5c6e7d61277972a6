public import Foundation

/// One person's claim with a claim code: issued at once, or waiting for a mentor's or
/// organiser's review of its evidence, then issued or denied.
///
/// A claim knows its recipient only hashed (the published form and the recipient key), so the
/// review queue names no one and a reviewer's approval issues to exactly who claimed.
public struct Claim: Codable, Hashable, Sendable {
    /// Where a claim stands.
    public enum State: String, Codable, Hashable, Sendable {
        /// Evidence waits for review.
        case pending
        /// The badge was issued.
        case issued
        /// A reviewer turned it down.
        case denied
    }

    /// The longest evidence text, and the longest review comment.
    public static let maximumTextLength = 5_000

    /// The claim's id.
    public let id: UUID
    /// The code claimed with.
    public let codeID: UUID
    /// The badge class claimed.
    public let badgeClassID: UUID
    /// The institution of the badge class.
    public let institutionID: UUID
    /// The recipient key of the person who claimed (see `Recipient.key`).
    public let recipientKey: String
    /// The recipient as the assertion will publish it.
    public let recipient: HashedRecipient
    /// What the person sent to show the achievement.
    public let evidence: Assertion.Evidence?
    /// Where it stands.
    public var state: State
    /// The issued assertion, once issued.
    public var assertionID: UUID?
    /// The reviewer's comment.
    public var comment: String?
    /// When it was made.
    public let createdAt: Date
    /// When it was reviewed.
    public var reviewedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, recipient, evidence, state, comment
        case codeID = "code_id"
        case badgeClassID = "badge_class_id"
        case institutionID = "institution_id"
        case recipientKey = "recipient_key"
        case assertionID = "assertion_id"
        case createdAt = "created_at"
        case reviewedAt = "reviewed_at"
    }

    /// Creates a claim.
    public init(
        id: UUID,
        codeID: UUID,
        badgeClassID: UUID,
        institutionID: UUID,
        recipientKey: String,
        recipient: HashedRecipient,
        evidence: Assertion.Evidence?,
        state: State,
        assertionID: UUID? = nil,
        comment: String? = nil,
        createdAt: Date,
        reviewedAt: Date? = nil
    ) {
        self.id = id
        self.codeID = codeID
        self.badgeClassID = badgeClassID
        self.institutionID = institutionID
        self.recipientKey = recipientKey
        self.recipient = recipient
        self.evidence = evidence
        self.state = state
        self.assertionID = assertionID
        self.comment = comment
        self.createdAt = createdAt
        self.reviewedAt = reviewedAt
    }

    /// The evidence of a claim from what a person typed: an http(s) URL, or text.
    /// - Returns: nil when both are empty.
    /// - Throws: ``BadgeCoreError`` `.validation` naming `evidence_url` or `evidence_text`.
    public static func evidence(url: String?, text: String?) throws(BadgeCoreError) -> Assertion.Evidence? {
        let url = url?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        let text = text?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        if let url { try Validation.requireWebURL(url, field: "evidence_url") }
        if let text, text.count > maximumTextLength {
            throw .invalid("evidence_text", "evidence_text is longer than \(maximumTextLength) characters")
        }
        guard url != nil || text != nil else { return nil }
        return Assertion.Evidence(url: url, narrative: text)
    }

    /// Throws unless a review comment is at most 5,000 characters.
    public static func validateComment(_ comment: String?) throws(BadgeCoreError) {
        if let comment, comment.count > maximumTextLength {
            throw .invalid("comment", "comment is longer than \(maximumTextLength) characters")
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
