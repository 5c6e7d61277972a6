public import Foundation

/// Where a validated deep-linking request waits (a storage port), under an unguessable id,
/// until the instructor picks what to place; the id works once and only until it expires.
public protocol DeepLinkSessionStore: Sendable {
    /// Keeps a validated deep-linking request until `expiresAt`.
    func save(_ launch: LTILaunch, id: String, expiresAt: Date) async throws
    /// Takes the request out: nil if the id is unknown, used or expired.
    func take(id: String, at now: Date) async throws -> LTILaunch?
}
