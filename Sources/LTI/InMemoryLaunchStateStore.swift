public import Foundation

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
