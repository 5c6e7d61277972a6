public import BadgeCore
public import Foundation
public import OpenBadges

/// badged's own verification of one of its assertions, for the credential page, without fetching
/// anything from itself: a signed assertion's JWS is verified with the issuer's published keys
/// (the same ``AssertionVerifier`` the JWS verification path uses) and must carry the stored
/// assertion's id; then revocation (with the reason) and expiry decide, as in the RevocationList
/// and the `expires` date verifiers read.
public struct CredentialCheck: Sendable {
    let keys: any IssuerKeyStore
    let urls: PublicURLs
    let clock: any TimeSource

    /// Creates the check.
    public init(keys: any IssuerKeyStore, urls: PublicURLs, clock: any TimeSource) {
        self.keys = keys
        self.urls = urls
        self.clock = clock
    }

    /// The moment a check runs at.
    public var now: Date { clock.now() }

    /// The status of a stored assertion now.
    public func status(of stored: StoredAssertion) async throws -> CredentialStatus {
        let assertion = stored.assertion
        if let jws = stored.jws, !assertion.isRevoked {
            // A revoked (compromised) key is not published: what it signed no longer verifies.
            let published = try await keys.keys(issuerID: assertion.issuerID).filter { !$0.isRevoked }
            do {
                let verifier = try AssertionVerifier(
                    publicKeys: Dictionary(published.map { ($0.id, $0.publicKeyPEM) }) { first, _ in first },
                    urls: urls
                )
                let verified = try await verifier.verify(jws)
                guard verified.payload["id"]?.stringValue == urls.assertion(assertion.id) else {
                    return .unverifiable("the signed assertion names another id")
                }
            } catch {
                return .unverifiable(error.message)
            }
        }
        return CredentialStatus(assertion: assertion, at: clock.now())
    }
}
