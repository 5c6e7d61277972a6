public import Foundation

/// An assertion ready to be stored: validated and, when signing, already signed, so that no
/// transaction is held open while RSA signatures are made.
public struct NewAssertion: Sendable {
    /// The assertion.
    public let assertion: Assertion
    /// The recipient's matching key (see ``Recipient/matchingMaterial``), never the identity.
    public let recipientKey: String
    /// The compact JWS, for signed assertions.
    public let jws: String?
    /// The institution of the badge class (for scoping and the audit row).
    public let institutionID: UUID
    /// Who awards, for the audit row.
    public let actor: String
    /// The recorded grades this award settles: they become ``AwardDecision/awarded`` with the
    /// assertion, in the award's transaction.
    public let outcomeIDs: [UUID]

    /// Creates an assertion to store.
    public init(assertion: Assertion, recipientKey: String, jws: String?, institutionID: UUID, actor: String, outcomeIDs: [UUID] = []) {
        self.assertion = assertion
        self.recipientKey = recipientKey
        self.jws = jws
        self.institutionID = institutionID
        self.actor = actor
        self.outcomeIDs = outcomeIDs
    }
}

/// The outcome of one award.
public enum AwardOutcome: Sendable {
    /// A new assertion was stored.
    case created(Assertion, jws: String?)
    /// The recipient already had this badge; nothing was written.
    case existing(Assertion, jws: String?)

    /// The assertion, new or held.
    public var assertion: Assertion {
        switch self {
        case .created(let assertion, _), .existing(let assertion, _): assertion
        }
    }
}
