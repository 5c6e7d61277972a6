public import Foundation

/// An assertion as stored: the assertion, the institution it belongs to and its JWS.
public struct StoredAssertion: Sendable {
    /// The assertion.
    public let assertion: Assertion
    /// The institution of its badge class; nil only for rows older than institution scoping.
    public let institutionID: UUID?
    /// The compact JWS of a signed assertion.
    public let jws: String?
    /// The recipient key stored with it (the hex SHA-256 of the recipient's matching material),
    /// when the store read it; never the identity.
    public let recipientKey: String?

    /// Creates a stored assertion.
    public init(assertion: Assertion, institutionID: UUID?, jws: String?, recipientKey: String? = nil) {
        self.assertion = assertion
        self.institutionID = institutionID
        self.jws = jws
        self.recipientKey = recipientKey
    }
}
