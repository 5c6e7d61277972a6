public import Foundation

/// An assertion as stored: the assertion, the institution it belongs to and its JWS.
public struct StoredAssertion: Sendable {
    /// The assertion.
    public let assertion: Assertion
    /// The institution of its badge class; nil only for rows older than institution scoping.
    public let institutionID: UUID?
    /// The compact JWS of a signed assertion.
    public let jws: String?

    /// Creates a stored assertion.
    public init(assertion: Assertion, institutionID: UUID?, jws: String?) {
        self.assertion = assertion
        self.institutionID = institutionID
        self.jws = jws
    }
}
