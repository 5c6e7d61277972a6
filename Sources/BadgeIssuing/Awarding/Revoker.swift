public import BadgeCore
public import Foundation

/// Revokes assertions: one rule for the reason (``RevocationReason``) and one answer for a
/// missing assertion, whether the API, the CLI or (later) stacking revokes.
public struct Revoker: Sendable {
    let assertions: any AssertionStore
    let clock: any TimeSource

    /// Creates a revoker.
    public init(assertions: any AssertionStore, clock: any TimeSource) {
        self.assertions = assertions
        self.clock = clock
    }

    /// Revokes an assertion; revoking twice keeps the first reason.
    /// - Parameters:
    ///   - reason: why, 1 to 500 characters, published in the RevocationList.
    ///   - actor: who revokes, for the audit row.
    /// - Returns: the assertion as stored now.
    /// - Throws: ``BadgeCoreError`` `.validation` naming `reason`, `.notFound` without such an assertion.
    public func revoke(id: UUID, reason: String, actor: String) async throws -> Assertion {
        let reason = try RevocationReason(reason)
        guard let revoked = try await assertions.revoke(id: id, reason: reason, at: clock.now(), actor: actor) else {
            throw BadgeCoreError(.notFound, "no assertion with that id")
        }
        return revoked
    }
}
