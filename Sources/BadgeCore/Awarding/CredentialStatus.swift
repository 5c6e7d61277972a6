public import Foundation

/// Whether an assertion stands, as a verifier finds it at a moment: revocation first (a revoked
/// credential that also expired is reported revoked, with the issuer's reason), then expiry.
public enum CredentialStatus: Hashable, Sendable {
    /// Verified and neither revoked nor expired.
    case valid
    /// Revoked by the issuer, with the reason it published.
    case revoked(reason: String)
    /// Expired at the given moment.
    case expired(Date)
    /// Its signature or its document did not verify; the detail says which check failed.
    case unverifiable(String)

    /// The status of an assertion at `now` whose signature (if any) verified.
    public init(assertion: Assertion, at now: Date) {
        if assertion.isRevoked {
            self = .revoked(reason: assertion.revocationReason ?? "")
        } else if let expires = assertion.expires, expires <= now {
            self = .expired(expires)
        } else {
            self = .valid
        }
    }
}
