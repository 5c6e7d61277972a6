public import Foundation

/// An assertion as stacking reads it: the columns a rule judges (badge class, issuer, dates,
/// revocation) without the stored document or its signed form, so that judging a cohort of
/// recipients reads an index instead of decoding every assertion's JSON.
public struct HeldAssertion: Hashable, Sendable {
    /// The assertion's id.
    public var id: UUID
    /// Its badge class.
    public var badgeClassID: UUID
    /// Its issuer.
    public var issuerID: UUID
    /// When it was issued (to the second).
    public var issuedOn: Date
    /// When it expires, if ever (to the second).
    public var expires: Date?
    /// When it was revoked, if it was.
    public var revokedAt: Date?
    /// The recipient key it is stored under.
    public var recipientKey: String

    /// Creates a held assertion.
    public init(
        id: UUID,
        badgeClassID: UUID,
        issuerID: UUID,
        issuedOn: Date,
        expires: Date? = nil,
        revokedAt: Date? = nil,
        recipientKey: String
    ) {
        self.id = id
        self.badgeClassID = badgeClassID
        self.issuerID = issuerID
        self.issuedOn = issuedOn
        self.expires = expires
        self.revokedAt = revokedAt
        self.recipientKey = recipientKey
    }

    /// The held form of a whole assertion stored under `recipientKey`.
    public init(_ assertion: Assertion, recipientKey: String) {
        self.init(
            id: assertion.id,
            badgeClassID: assertion.badgeClassID,
            issuerID: assertion.issuerID,
            issuedOn: assertion.issuedOn,
            expires: assertion.expires,
            revokedAt: assertion.revokedAt,
            recipientKey: recipientKey
        )
    }

    /// Whether the assertion has been revoked.
    public var isRevoked: Bool { revokedAt != nil }
}
