public import Foundation

/// The storage port for claims by e-mail address waiting for confirmation.
///
/// A request is stored with its outbox message (``OutboxMessage/Topic/claimMailRequested``) in one
/// transaction, so the mail goes out even when the relay is down at the time; it is spent by
/// deleting it, so a link confirms at most once, on any number of daemons.
public protocol ClaimMailStore: Sendable {
    /// Stores a request, its outbox message and an audit row `claim.mail_request` (naming the
    /// request, never the address).
    func create(_ request: ClaimMailRequest, actor: String) async throws

    /// How many requests for an address have not expired at `now`.
    func pendingCount(address: String, now: Date) async throws -> Int

    /// The request with this id, or nil (never made, spent, or erased).
    func request(id: UUID) async throws -> ClaimMailRequest?

    /// Spends a request: deletes it and writes an audit row `claim.mail_confirm`.
    /// - Returns: the request, or nil when it was spent already (by this or another daemon).
    func spend(id: UUID, actor: String) async throws -> ClaimMailRequest?

    /// Deletes requests: those for an address (erasure; of one institution, or of all when nil),
    /// or those expired before a time (a sweep).
    /// - Returns: how many were deleted; none when neither an address nor a time is given.
    func delete(address: String?, institutionID: UUID?, expiredBefore: Date?) async throws -> Int
}
