import Foundation
import LTI
import LTITesting
import Synchronization

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
