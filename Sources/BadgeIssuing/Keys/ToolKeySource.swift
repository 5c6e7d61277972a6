public import LTI

/// Where the LTI routes get the tool's keys for each JWKS request and each signature: the
/// database's keyring when the daemon uses one (so rotations show at once on every daemon), or
/// the fixed key set it started with.
public struct ToolKeySource: Sendable {
    let initial: ToolKeySet
    let keyring: ToolKeyring?

    /// Creates a source: `keyring` when keys are kept in the database, else always `initial`.
    public init(initial: ToolKeySet, keyring: ToolKeyring?) {
        self.initial = initial
        self.keyring = keyring
    }

    /// The current key set.
    public func keySet() async throws -> ToolKeySet {
        guard let keyring else { return initial }
        return try await keyring.latest(orElse: initial)
    }
}
