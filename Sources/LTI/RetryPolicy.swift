public import Foundation

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
    /// The longest `Retry-After` honoured; a platform asking for more gets its answer returned
    /// (the caller tries again on its next schedule instead of holding a sync open).
    public var maximumRetryAfter: Duration = .seconds(30)

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

    /// The wait a `Retry-After` header asks for: delay-seconds or an HTTP date.
    public static func retryAfter(_ value: String?, now: Date) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty, value.count <= 64 else { return nil }
        if let seconds = Int(value), seconds >= 0 { return .seconds(seconds) }
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "GMT")
        parser.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = parser.date(from: value) else { return nil }
        return .seconds(max(0, Int(date.timeIntervalSince(now).rounded(.up))))
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
