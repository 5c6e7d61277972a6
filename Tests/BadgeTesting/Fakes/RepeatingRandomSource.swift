public import BadgeCore
import Synchronization

/// Randomness that repeats itself: the first `repeats` draws return the same bytes, then each
/// draw differs (a counter), for tests of what happens when a random value collides.
public final class RepeatingRandomSource: RandomSource {
    private let draws = Mutex<Int>(0)
    private let repeats: Int

    /// Creates a source whose first `repeats` draws are identical.
    public init(repeats: Int) {
        self.repeats = repeats
    }

    public func bytes(_ count: Int) -> [UInt8] {
        let draw = draws.withLock { value -> Int in
            value += 1
            return value
        }
        let seed = draw <= repeats ? 0 : draw
        return (0..<count).map { UInt8(truncatingIfNeeded: (seed >> (8 * ($0 % 4))) &+ $0 * 37) }
    }
}
