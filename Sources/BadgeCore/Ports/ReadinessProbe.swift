/// Whether the storage behind the daemon answers, for `/readyz`.
public protocol ReadinessProbe: Sendable {
    /// True when a trivial query succeeds.
    func isReachable() async -> Bool
    /// The engine's name for metrics and messages (`sqlite`, `postgres`).
    var engineName: String { get }
}
