import BadgeStorage
import Foundation

/// Makes one-time LTI Dynamic Registration links: `<public.base_url>/lti/register/<secret>`.
/// An LMS administrator pastes the link into Moodle ("Tool URL" of "Register a tool") or Canvas
/// (an LTI Registration), and the platform registers for the link's institution. Only a digest
/// of the secret is stored; the link is spent on first use.
struct LTIRegistrationLinks: Sendable {
    /// The longest a link stays valid.
    static let maximumValidity: TimeInterval = 7 * 24 * 3600

    let store: SQLRegistrationLinkStore
    let baseURL: String

    /// Makes a link for an institution.
    /// - Parameter validFor: seconds until it expires (bounded to one minute … seven days).
    func make(institutionID: UUID, validFor: TimeInterval, now: Date) async throws -> (url: String, expiresAt: Date) {
        let secret = Entropy.hex(Entropy.randomBytes(32))
        let expiresAt = now.addingTimeInterval(min(max(validFor, 60), Self.maximumValidity))
        try await store.create(tokenHash: Self.digest(secret), institutionID: institutionID, expiresAt: expiresAt, at: now)
        return (baseURL + "/lti/register/" + secret, expiresAt)
    }

    /// The stored digest of a link secret.
    static func digest(_ secret: String) -> String {
        Entropy.sha256Hex(Data(secret.utf8))
    }
}
