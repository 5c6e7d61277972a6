public import BadgeCore
public import Foundation
public import Logging

/// Mails the confirmation link of a claim by e-mail address (outbox topic
/// ``BadgeCore/OutboxMessage/Topic/claimMailRequested``). A relay that is down or defers the mail
/// makes the delivery throw, and the outbox tries again with backoff; a request spent, erased or
/// expired by then needs no mail; a relay that refuses the address for good is logged (without
/// the address) and not retried.
public struct ClaimMailHandler: OutboxHandler {
    let mail: ClaimMail
    let sender: any MailSender
    let link: @Sendable (String) -> String
    let logger: Logger

    /// Creates the handler.
    /// - Parameter link: the confirmation page's absolute URL for a token.
    public init(mail: ClaimMail, sender: any MailSender, link: @escaping @Sendable (String) -> String, logger: Logger) {
        self.mail = mail
        self.sender = sender
        self.link = link
        self.logger = logger
    }

    public func handle(_ message: OutboxMessage) async throws {
        guard let request = try await mail.store.request(id: message.subjectID), request.expiresAt > mail.clock.now() else { return }
        let text = ClaimMailText.of(request.language)
        let url = link(try mail.token(for: request))
        let outgoing = MailMessage(
            to: request.address,
            subject: text.subject,
            body: text.body(badgeName: try await mail.badgeName(of: request) ?? "", link: url, expiresAt: request.expiresAt)
        )
        if case .refused(let reason) = try await sender.send(outgoing) {
            logger.warning(
                "the mail relay refused a claim confirmation mail",
                metadata: ["claim_mail.id": "\(request.id)", "mail.reason": "\(reason)"]
            )
        }
    }
}
