public import BadgeCore
import Synchronization

/// A mail sender that keeps what it is given; it can fail the next sends (a relay that is down).
public final class InMemoryMailSender: MailSender {
    private let state = Mutex<(sent: [MailMessage], failures: Int)>(([], 0))

    /// Creates a sender that fails its first `failing` sends.
    public init(failing: Int = 0) {
        state.withLock { $0.failures = failing }
    }

    /// The messages sent, in order.
    public var sent: [MailMessage] { state.withLock { $0.sent } }

    public func send(_ message: MailMessage) async throws -> MailDelivery {
        try state.withLock { state in
            if state.failures > 0 {
                state.failures -= 1
                throw BadgeCoreError(.conflict, "the fake relay is down")
            }
            state.sent.append(message)
        }
        return .sent
    }
}
