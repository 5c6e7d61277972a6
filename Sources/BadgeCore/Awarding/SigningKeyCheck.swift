public import Foundation

extension ErrorCode where Module == BadgeCoreErrors {
    /// A signed assertion reached its store after its issuer's key was rotated: it names a key
    /// that is no longer the issuer's current one, so nothing was written. Retryable: sign the
    /// award again with the current key and store it again (the awarder does).
    public static let signingKeyRetired = Self("signing_key_retired")
}

extension NewAssertion {
    /// The key this assertion is signed with, with its issuer; nil for a hosted assertion. The
    /// stores check it inside the award's transaction (``ErrorCode/signingKeyRetired``).
    public var signingKey: (keyID: String, issuerID: UUID)? {
        guard jws != nil, case .signed(let keyID) = assertion.verification else { return nil }
        return (keyID, assertion.issuerID)
    }
}
