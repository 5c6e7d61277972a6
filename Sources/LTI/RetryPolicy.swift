/// How LTI service calls retry transient failures (HTTP 5xx, 429, connection errors): at most
/// ``maximumAttempts`` tries, waiting ``baseDelay`` doubled per retry and capped at ``maximumDelay``.
public struct RetryPolicy: Sendable {
    /// Total tries, including the first (at least 1).
    public var maximumAttempts: Int
    /// The wait before the first retry.
    public var baseDelay: Duration
    /// The longest wait between tries.
    public var maximumDelay: Duration
    /// How to wait; injected so that tests do not sleep.
    public var sleep: @Sendable (Duration) async throws -> Void

    /// Creates a policy.
    public init(
        maximumAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(250),
        maximumDelay: Duration = .seconds(4),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.sleep = sleep
    }

    /// No retries.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// The wait before retry number `retry` (1-based).
    public func delay(beforeRetry retry: Int) -> Duration {
        var delay = baseDelay
        for _ in 1..<max(retry, 1) {
            delay *= 2
            if delay >= maximumDelay { return maximumDelay }
        }
        return min(delay, maximumDelay)
    }
}
