public import Foundation

/// An OAuth nonce guard held in memory, for tests and single-process development.
public actor InMemoryOAuthNonceGuard: OAuthNonceGuard {
    private struct Key: Hashable {
        let consumerKey: String
        let nonce: String
    }

    private let clock: any LTIClock
    private var expiries: [Key: Date] = [:]

    /// Creates an empty guard.
    ///
    /// - Parameter clock: The clock that decides when remembered nonces expire.
    public init(clock: any LTIClock = SystemLTIClock()) {
        self.clock = clock
    }

    /// How many nonces are remembered (expired ones included until the next call).
    public var count: Int { expiries.count }

    public func firstUse(consumerKey: String, nonce: String, expiresAt: Date) -> Bool {
        let now = clock.now()
        expiries = expiries.filter { $0.value > now }
        let key = Key(consumerKey: consumerKey, nonce: nonce)
        guard expiries[key] == nil else { return false }
        expiries[key] = expiresAt
        return true
    }
}
