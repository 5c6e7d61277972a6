public import BadgeCore
import Synchronization

/// Randomness for tests: a counter's bytes, so that secrets and tokens are reproducible.
public final class FixedRandomSource: RandomSource {
    private let counter = Mutex<UInt8>(0)

    /// Creates a source starting at 1.
    public init() {}

    public func bytes(_ count: Int) -> [UInt8] {
        let seed = counter.withLock { value -> UInt8 in
            value &+= 1
            return value
        }
        return (0..<count).map { seed &+ UInt8(truncatingIfNeeded: $0) }
    }
}
