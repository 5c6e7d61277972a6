import Foundation
import LTI
import Synchronization

/// A clock that stands still until a test moves it.
final class FixedClock: LTIClock {
    private let current: Mutex<Date>

    init(_ date: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = Mutex(date) }

    func now() -> Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Predictable "random" bytes: a counter followed by a fixed pattern, different on every call.
final class CountingRandomness: LTIRandomness {
    private let counter = Mutex<UInt64>(0)

    func randomBytes(count: Int) -> [UInt8] {
        let value = counter.withLock { value in
            value += 1
            return value
        }
        return (0..<count).map { index in
            index < 8 ? UInt8(truncatingIfNeeded: value >> (8 * (7 - index))) : UInt8(truncatingIfNeeded: index &* 37)
        }
    }
}

/// Records the waits a retry policy asks for instead of sleeping.
final class RecordedSleeps: Sendable {
    private let waits = Mutex<[Duration]>([])

    var recorded: [Duration] { waits.withLock { $0 } }

    var policy: RetryPolicy {
        RetryPolicy(maximumAttempts: 4, baseDelay: .milliseconds(100), maximumDelay: .milliseconds(300)) { [self] duration in
            waits.withLock { $0.append(duration) }
        }
    }
}
