import BadgeCore
import BadgeIssuing
import BadgeTesting
import Foundation
import InMemoryLogging
import Logging
import OpenBadges
import Testing

/// The confirmation mail through the outbox delivery service: a relay that is down is retried
/// with backoff, a final refusal is logged once and not retried, and no log line carries the
/// address or the link.
@Suite("Claim mail delivery")
struct ClaimMailDeliveryTests {
    /// A relay that refuses every mail for good.
    struct RefusingMailSender: MailSender {
        func send(_ message: MailMessage) async throws -> MailDelivery { .refused("the mail relay answered 550 to RCPT TO") }
    }

    static func run(
        sender: any MailSender,
        _ body: (ClaimMailRequest, OutboxDelivery, InMemoryOutbox, FixedTimeSource) async throws -> Void
    )
        async throws -> InMemoryLogHandler
    {
        let logs = InMemoryLogHandler()
        var logger = Logger(label: "claim-mail-test") { _ in logs }
        logger.logLevel = .trace
        try await ClaimWorld.with(.memory) { world in
            let store = InMemoryClaimMailStore()
            let mail = ClaimMail(
                claims: world.claims,
                store: store,
                encryption: try KeyEncryption(secret: [UInt8](repeating: 9, count: 32)),
                ids: world.issuing.ids,
                clock: world.issuing.clock
            )
            let made = try await world.makeCode()
            let request = try await mail.requested(
                secret: made.secret,
                address: "ada.lovelace@example.org",
                evidenceURL: nil,
                evidenceText: nil,
                language: "en"
            )
            let outbox = InMemoryOutbox(ids: world.issuing.ids)
            await outbox.enqueue(.claimMailRequested, subjectID: request.id, institutionID: request.institutionID, at: world.issuing.clock.now())
            let handler = ClaimMailHandler(mail: mail, sender: sender, link: { "https://badges.example.org/claim/confirm/" + $0 }, logger: logger)
            let delivery = OutboxDelivery(
                outbox: outbox,
                handlers: [.claimMailRequested: handler],
                clock: world.issuing.clock,
                owner: "test",
                logger: logger
            )
            try await body(request, delivery, outbox, world.issuing.clock)
        }
        return logs
    }

    static func expectNothingPersonal(in logs: InMemoryLogHandler) {
        for entry in logs.entries {
            let text = "\(entry.message) \(entry.metadata)".lowercased()
            #expect(!text.contains("ada.lovelace"), "\(text)")
            #expect(!text.contains("cm_"), "\(text)")
        }
    }

    @Test func aRelayThatIsDownIsRetriedWithBackoffUntilTheMailGoesOut() async throws {
        let sender = InMemoryMailSender(failing: 2)
        let logs = try await Self.run(sender: sender) { _, delivery, outbox, clock async throws in
            #expect(try await delivery.deliverDue() == 1)
            #expect(sender.sent.isEmpty)
            #expect(try await delivery.deliverDue() == 0, "a failed mail waits for its backoff")
            clock.advance(by: 2)
            #expect(try await delivery.deliverDue() == 1)
            #expect(sender.sent.isEmpty)
            clock.advance(by: 4)
            #expect(try await delivery.deliverDue() == 1)
            #expect(sender.sent.count == 1)
            #expect(await outbox.pending.isEmpty)
        }
        #expect(logs.entries.filter { $0.level == .warning }.count == 2)
        Self.expectNothingPersonal(in: logs)
    }

    @Test func aFinalRefusalIsLoggedOnceWithoutTheAddressAndNotRetried() async throws {
        let logs = try await Self.run(sender: RefusingMailSender()) { request, delivery, outbox, clock async throws in
            #expect(try await delivery.deliverDue() == 1)
            clock.advance(by: 3600)
            #expect(try await delivery.deliverDue() == 0)
            #expect(await outbox.pending.isEmpty)
            #expect(request.address == "ada.lovelace@example.org")
        }
        let warnings = logs.entries.filter { $0.level == .warning }
        #expect(warnings.count == 1)
        #expect(warnings.first?.metadata["mail.reason"] == "the mail relay answered 550 to RCPT TO")
        Self.expectNothingPersonal(in: logs)
    }
}
