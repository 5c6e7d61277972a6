import BadgeCore
import Foundation
import SMTP

/// The ``BadgeCore/MailSender`` port on an SMTP relay: the message gets the configured sender,
/// a `Date` from the injected clock and a `Message-ID` from the injected randomness. A relay's
/// final refusal (5xx) or a message it could never take comes back as
/// ``BadgeCore/MailDelivery/refused(_:)``; anything that may pass later is thrown, so that the
/// outbox retries.
struct SMTPMailSender: MailSender {
    let client: SMTPClient
    let clock: any TimeSource
    let random: any RandomSource

    func send(_ message: MailMessage) async throws -> MailDelivery {
        let from = client.configuration.from
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let id = random.bytes(16).map { String(format: "%02x", $0) }.joined() + "@" + domain
        let outgoing: SMTPMessage
        do {
            outgoing = try SMTPMessage(from: from, to: message.to, subject: message.subject, body: message.body, date: clock.now(), messageID: id)
        } catch {
            return .refused(error.message)
        }
        do {
            try await client.send(outgoing)
        } catch {
            if error.isTransient { throw error }
            return .refused(error.message)
        }
        return .sent
    }
}
