public import Foundation
public import LTI
import Synchronization

/// A clock that stands still until a test moves it.
public final class FixedClock: LTIClock {
    private let current: Mutex<Date>

    /// Creates a clock at `date`.
    public init(_ date: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = Mutex(date) }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Predictable "random" bytes: a counter followed by a fixed pattern, different on every call.
public final class CountingRandomness: LTIRandomness {
    private let counter = Mutex<UInt64>(0)

    /// Creates a counter at zero.
    public init() {}

    public func randomBytes(count: Int) -> [UInt8] {
        let value = counter.withLock { value in
            value += 1
            return value
        }
        return (0..<count).map { index in
            index < 8 ? UInt8(truncatingIfNeeded: value >> (8 * (7 - index))) : UInt8(truncatingIfNeeded: index &* 37)
        }
    }
}
