import BadgeCore
import Foundation
import HTTPTypes
import Synchronization

/// A token bucket per client address for claims with a code: `burst` claims at once, then
/// `perMinute` a minute. It lives in memory, per daemon (a limit on guessing and flooding, not
/// an account of anything), with the injected clock, and forgets full buckets when it holds many.
final class ClaimRateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var at: Date
    }

    private let burst: Double
    private let perSecond: Double
    private let clock: any TimeSource
    private let buckets = Mutex<[String: Bucket]>([:])
    /// Addresses kept before full buckets are forgotten.
    private let pruneAbove = 10_000

    /// Creates a limiter.
    /// - Parameters:
    ///   - burst: claims one address may make at once (at least 1).
    ///   - perMinute: claims a minute it gets back (at least 1).
    init(burst: Int, perMinute: Int, clock: any TimeSource) {
        self.burst = Double(max(burst, 1))
        self.perSecond = Double(max(perMinute, 1)) / 60
        self.clock = clock
    }

    /// Takes one claim for `address`.
    /// - Returns: nil when the claim may go ahead, or the whole seconds until one may.
    func take(_ address: String) -> Int? {
        let now = clock.now()
        return buckets.withLock { buckets in
            var bucket = buckets[address] ?? Bucket(tokens: burst, at: now)
            bucket.tokens = min(burst, bucket.tokens + max(0, now.timeIntervalSince(bucket.at)) * perSecond)
            bucket.at = now
            defer {
                buckets[address] = bucket
                if buckets.count > pruneAbove {
                    buckets = buckets.filter { $0.value.tokens + max(0, now.timeIntervalSince($0.value.at)) * perSecond < burst }
                }
            }
            guard bucket.tokens >= 1 else { return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up))) }
            bucket.tokens -= 1
            return nil
        }
    }
}

/// The answer to a client that claims too often: 429 with `Retry-After`.
struct ClaimRateLimited: ProblemConvertible {
    /// Seconds until the client may claim again.
    let retryAfter: Int

    var problem: ProblemDetails {
        ProblemDetails(
            status: .tooManyRequests,
            title: "Too many requests",
            detail: "too many claims from your address; try again in \(retryAfter) seconds",
            code: "rate_limited"
        )
    }

    var problemHeaders: HTTPFields { [.retryAfter: String(retryAfter)] }
}
