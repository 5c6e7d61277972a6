public import BadgeCore
public import Foundation

/// Makes one-time LTI Dynamic Registration links: `<public.base_url>/lti/register/<secret>`.
/// An LMS administrator pastes the link into Moodle ("Tool URL" of "Register a tool") or Canvas
/// (an LTI Registration), and the platform registers for the link's institution. Only a digest
/// of the secret is stored; the link is spent on first use.
public struct LTIRegistrationLinks: Sendable {
    /// The longest a link stays valid.
    public static let maximumValidity: TimeInterval = 7 * 24 * 3600

    let store: any RegistrationLinkStore
    let baseURL: String
    let random: any RandomSource

    /// Creates a link maker for links under `baseURL` (`public.base_url`).
    public init(store: any RegistrationLinkStore, baseURL: String, random: any RandomSource) {
        self.store = store
        self.baseURL = baseURL
        self.random = random
    }

    /// Makes a link for an institution.
    /// - Parameter validFor: seconds until it expires (bounded to one minute … seven days).
    public func make(institutionID: UUID, validFor: TimeInterval, now: Date) async throws -> (url: String, expiresAt: Date) {
        let secret = Digest.hex(random.bytes(32))
        let expiresAt = now.addingTimeInterval(min(max(validFor, 60), Self.maximumValidity))
        try await store.create(tokenHash: Self.digest(secret), institutionID: institutionID, expiresAt: expiresAt, at: now)
        return (baseURL + "/lti/register/" + secret, expiresAt)
    }

    /// Spends a link's secret: the institution it registers for, or nil when the link is unknown,
    /// used or expired.
    public func consume(secret: String, now: Date) async throws -> UUID? {
        try await store.consume(tokenHash: Self.digest(secret), at: now)
    }

    /// The stored digest of a link secret.
    public static func digest(_ secret: String) -> String {
        Digest.sha256Hex(secret)
    }
}
