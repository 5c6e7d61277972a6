public import Foundation

/// Storage port for login state and nonces. Several daemons may share one database, so the
/// real implementation is SQL (in the storage module); ``InMemoryLaunchStateStore`` serves tests.
public protocol LaunchStateStore: Sendable {
    /// Keeps the state and nonce of a login, and returns the `state` value the login sends (the
    /// state's own by default; a store that carries the state in the value itself returns that).
    func issue(_ launchState: LaunchState) async throws -> String
    /// Saves the state and nonce of a login.
    func save(_ launchState: LaunchState) async throws
    /// The saved state, if it exists and has not expired at `now`.
    func launchState(for state: String, at now: Date) async throws -> LaunchState?
    /// Marks a saved, unexpired nonce as used; `true` only for the first call per nonce.
    ///
    /// This must be atomic across processes (in SQL: one conditional `UPDATE … WHERE used_at IS
    /// NULL AND expires_at > now`, checking that one row changed).
    func consumeNonce(_ nonce: String, at now: Date) async throws -> Bool
    /// Deletes states that expired before `date`; returns how many were removed.
    func removeExpired(before date: Date) async throws -> Int
}

extension LaunchStateStore {
    /// Saves the state and returns its own `state` value.
    public func issue(_ launchState: LaunchState) async throws -> String {
        try await save(launchState)
        return launchState.state
    }
}
