public import Foundation

/// The storage port for one-time LTI Dynamic Registration links, kept as digests of their secret.
public protocol RegistrationLinkStore: Sendable {
    /// Stores a new link for an institution.
    func create(tokenHash: String, institutionID: UUID, expiresAt: Date, at date: Date) async throws
    /// Spends a link: returns its institution if it exists, is unused and has not expired, and
    /// marks it used (of concurrent uses, one wins).
    func consume(tokenHash: String, at now: Date) async throws -> UUID?
}
