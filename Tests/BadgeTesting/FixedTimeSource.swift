public import BadgeCore
public import Foundation
import Synchronization

/// A clock for tests: it stands still until a test moves it.
public final class FixedTimeSource: TimeSource {
    private let current: Mutex<Date>

    /// Creates a clock at `date` (by default 2026-09-01T09:00:00Z).
    public init(_ date: Date = Date(timeIntervalSince1970: 1_788_253_200)) {
        current = Mutex(date)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }
}

/// Identifiers for tests: UUIDv7 from a counter instead of the clock and the random source, so
/// that runs are reproducible.
public final class CountingIDGenerator: IDGenerator {
    private let counter = Mutex<UInt64>(0)

    /// Creates a generator starting at 1.
    public init() {}

    public func makeID() -> UUID {
        let next = counter.withLock { value -> UInt64 in
            value += 1
            return value
        }
        let generator = UUIDv7Generator(
            milliseconds: { 1_788_253_200_000 + next },
            randomBytes: { (0..<10).map { UInt8(truncatingIfNeeded: next >> (8 * ($0 % 8))) } }
        )
        return generator.makeID()
    }
}
