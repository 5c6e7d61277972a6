/// A plain-text mail to one person, as the application composes it; the sender, date and
/// message id are the mail relay adapter's.
public struct MailMessage: Hashable, Sendable {
    /// The recipient's address (checked: see ``ClaimMailRequest/address(_:)``).
    public let to: String
    /// One line.
    public let subject: String
    /// The text, lines separated by `\n`.
    public let body: String

    /// Creates a message.
    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// What sending a mail came to, when it did not fail for now.
public enum MailDelivery: Hashable, Sendable {
    /// The relay took it.
    case sent
    /// The relay refused it for good (a 5xx answer, say for a mailbox that does not exist); the
    /// reason is safe to log (it names no address).
    case refused(String)
}

/// The port for sending mail (an SMTP relay in the daemon, an in-memory fake in tests).
public protocol MailSender: Sendable {
    /// Sends one message.
    /// - Returns: ``MailDelivery/sent``, or ``MailDelivery/refused(_:)`` when sending again cannot help.
    /// - Throws: when the relay is unavailable or defers the message: try again later.
    func send(_ message: MailMessage) async throws -> MailDelivery
}
