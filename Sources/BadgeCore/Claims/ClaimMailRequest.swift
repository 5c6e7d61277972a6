public import Foundation

/// A claim made by e-mail address, waiting for the person to confirm the address through the
/// one-time link mailed to it. Confirming claims with the code as a signed-in claim does, for
/// the recipient `email:<address>`; the code's use is taken only then.
public struct ClaimMailRequest: Codable, Hashable, Sendable {
    /// How long a link works.
    public static let lifetime: TimeInterval = 24 * 3600

    /// The request's id (what the mailed link carries, sealed).
    public let id: UUID
    /// The code claimed with.
    public let codeID: UUID
    /// The institution of the code's badge class.
    public let institutionID: UUID
    /// The address to confirm, normalised (lower case); never logged.
    public let address: String
    /// The evidence sent with the request, if any.
    public let evidence: Assertion.Evidence?
    /// The language of the page it was made on (`en`, `nl`), for the mail.
    public let language: String
    /// When it was made.
    public let createdAt: Date
    /// When its link stops working.
    public let expiresAt: Date

    enum CodingKeys: String, CodingKey {
        case id, address, evidence, language
        case codeID = "code_id"
        case institutionID = "institution_id"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
    }

    /// Creates a request.
    public init(
        id: UUID,
        codeID: UUID,
        institutionID: UUID,
        address: String,
        evidence: Assertion.Evidence?,
        language: String,
        createdAt: Date,
        expiresAt: Date
    ) {
        self.id = id
        self.codeID = codeID
        self.institutionID = institutionID
        self.address = address
        self.evidence = evidence
        self.language = language
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// The recipient a confirmed request claims for.
    public var recipient: Recipient {
        Recipient(type: .email, identity: address)
    }

    /// The normalised form of a typed e-mail address: trimmed and lower-cased, at most 254
    /// characters, plain ASCII (mail is submitted without SMTPUTF8), `name@domain.tld`, with no
    /// white space, control characters or characters that could break a mail header.
    /// - Throws: ``BadgeCoreError`` `.validation` naming `email`.
    public static func address(_ typed: String) throws(BadgeCoreError) -> String {
        guard typed.utf8.count <= 320 else { throw .invalid("email", "email must be at most 254 characters") }
        let address = typed.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let forbidden = Set("<>()[]\\,;:\"".utf8)
        guard address.utf8.count <= 254, address.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && !forbidden.contains($0) }) else {
            throw .invalid("email", "email must be a plain e-mail address such as name@example.org")
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...64).contains(parts[0].count), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !parts[1].contains("..")
        else { throw .invalid("email", "email must be a plain e-mail address such as name@example.org") }
        try Validation.requireEmail(address, field: "email")
        return address
    }
}

extension OutboxMessage.Topic {
    /// A claim by e-mail address was requested: its confirmation link is mailed.
    public static let claimMailRequested = Self(rawValue: "claim.mail_requested")
}

extension ErrorCode where Module == BadgeCoreErrors {
    /// A claim confirmation link that is expired, spent, or not one badged made.
    public static let claimLinkUnusable = Self("claim_link_unusable")
    /// Claims by e-mail address are off (no mail relay is configured).
    public static let claimMailUnavailable = Self("claim_mail_unavailable")
}
