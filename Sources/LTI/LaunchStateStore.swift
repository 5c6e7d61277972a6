public import Foundation

/// What the tool remembers between the OIDC login and the launch it starts.
public struct LaunchState: Hashable, Sendable, Codable {
    /// The opaque `state` sent to the platform and set in the browser's cookie.
    public var state: String
    /// The `nonce` the platform must echo in the id_token.
    public var nonce: String
    /// The issuer the login named.
    public var issuer: String
    /// The client id of the registration the login resolved to.
    public var clientID: String
    /// The `target_link_uri` the login asked for.
    public var targetLinkURI: String
    /// When the state stops being accepted.
    public var expiresAt: Date

    /// Creates a launch state.
    public init(state: String, nonce: String, issuer: String, clientID: String, targetLinkURI: String, expiresAt: Date) {
        self.state = state
        self.nonce = nonce
        self.issuer = issuer
        self.clientID = clientID
        self.targetLinkURI = targetLinkURI
        self.expiresAt = expiresAt
    }
}

/// Storage port for login state and nonces. Several daemons may share one database, so the
/// real implementation is SQL (in the storage module); ``InMemoryLaunchStateStore`` serves tests.
public protocol LaunchStateStore: Sendable {
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

/// A launch state store held in memory, for tests and single-process development.
public actor InMemoryLaunchStateStore: LaunchStateStore {
    private var states: [String: LaunchState] = [:]
    private var stateByNonce: [String: String] = [:]
    private var usedNonces: Set<String> = []

    /// Creates an empty store.
    public init() {}

    public func save(_ launchState: LaunchState) {
        states[launchState.state] = launchState
        stateByNonce[launchState.nonce] = launchState.state
    }

    public func launchState(for state: String, at now: Date) -> LaunchState? {
        guard let saved = states[state], saved.expiresAt > now else { return nil }
        return saved
    }

    public func consumeNonce(_ nonce: String, at now: Date) -> Bool {
        guard let state = stateByNonce[nonce], let saved = states[state], saved.expiresAt > now else { return false }
        return usedNonces.insert(nonce).inserted
    }

    public func removeExpired(before date: Date) -> Int {
        let expired = states.values.filter { $0.expiresAt <= date }
        for entry in expired {
            states[entry.state] = nil
            stateByNonce[entry.nonce] = nil
            usedNonces.remove(entry.nonce)
        }
        return expired.count
    }
}
