import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import Logging
import OpenBadges
import Testing

/// Claims by e-mail address through the ports, on the fakes, SQLite and PostgreSQL: the mail
/// (retried when the relay is down), the one-time link, expiry, tampering, review and limits.
@Suite("Claims by e-mail address")
struct ClaimMailTests {
    struct Parts {
        let world: ClaimWorld
        let store: any ClaimMailStore
        let mail: ClaimMail
        let sender: InMemoryMailSender
        let handler: ClaimMailHandler
    }

    static let linkBase = "https://badges.example.org/claim/confirm/"

    static func with(_ backend: StorageBackend, failing: Int = 0, _ body: (Parts) async throws -> Void) async throws {
        try await ClaimWorld.with(backend) { world in
            let store: any ClaimMailStore =
                if let database = world.issuing.database { SQLClaimMailStore(database: database) } else { InMemoryClaimMailStore() }
            let mail = ClaimMail(
                claims: world.claims,
                store: store,
                encryption: try KeyEncryption(secret: [UInt8](repeating: 9, count: 32)),
                ids: world.issuing.ids,
                clock: world.issuing.clock
            )
            let sender = InMemoryMailSender(failing: failing)
            let handler = ClaimMailHandler(mail: mail, sender: sender, link: { linkBase + $0 }, logger: Logger(label: "test"))
            try await body(Parts(world: world, store: store, mail: mail, sender: sender, handler: handler))
        }
    }

    /// Delivers a request's mail as the outbox would; returns the link's token.
    static func deliver(_ request: ClaimMailRequest, _ parts: Parts) async throws -> String {
        let before = parts.sender.sent.count
        try await parts.handler.handle(
            OutboxMessage(
                id: UUID(),
                topic: .claimMailRequested,
                subjectID: request.id,
                institutionID: request.institutionID,
                createdAt: .now,
                attempts: 1
            )
        )
        let sent = try #require(parts.sender.sent.dropFirst(before).first)
        #expect(sent.to == request.address)
        let line = try #require(sent.body.split(separator: "\n").first { $0.hasPrefix(linkBase) })
        return String(line.dropFirst(linkBase.count))
    }

    @Test(arguments: StorageBackend.all)
    func aConfirmedLinkIssuesToTheAddressOnceAndARelayThatIsDownIsRetried(backend: StorageBackend) async throws {
        try await Self.with(backend, failing: 1) { parts in
            let made = try await parts.world.makeCode(maxUses: 5)
            let request = try await parts.mail.requested(
                secret: made.secret,
                address: "  Ada.Lovelace@Example.ORG ",
                evidenceURL: nil,
                evidenceText: nil,
                language: "nl"
            )
            #expect(request.address == "ada.lovelace@example.org")
            let message = OutboxMessage(
                id: UUID(),
                topic: .claimMailRequested,
                subjectID: request.id,
                institutionID: request.institutionID,
                createdAt: .now,
                attempts: 1
            )
            await #expect(throws: (any Error).self) { try await parts.handler.handle(message) }
            #expect(parts.sender.sent.isEmpty)
            let token = try await Self.deliver(request, parts)
            #expect(parts.sender.sent.first?.subject == "Bevestig je e-mailadres om je badge te claimen")
            #expect(try await parts.world.store.code(id: made.code.id)?.uses == 0)
            if let database = parts.world.issuing.database {
                _ = database
                let now = parts.world.issuing.clock.now()
                let topics = try await parts.world.issuing.outbox.claim(limit: 10, owner: "t", now: now, leaseUntil: now + 60).map(\.topic)
                #expect(topics == [.claimMailRequested])
            }

            let (pending, _) = try await parts.mail.pending(token: token)
            #expect(pending.id == request.id)
            guard case .issued(_, let assertion) = try await parts.mail.confirm(token: token) else {
                Issue.record("the confirmed claim was not issued")
                return
            }
            #expect(assertion.recipient.type == .email)
            #expect(RecipientHasher.matches(Recipient(type: .email, identity: "ada.lovelace@example.org"), assertion.recipient))
            #expect(try await parts.world.holders([Recipient(type: .email, identity: "ada.lovelace@example.org")]) == 1)
            #expect(try await parts.world.store.code(id: made.code.id)?.uses == 1)

            let again = await #expect(throws: BadgeCoreError.self) { try await parts.mail.confirm(token: token) }
            #expect(again?.code == .claimLinkUnusable)
            // The request and its confirmation are audited, naming the request and the code, never the address.
            let actor = "claim_code:" + made.code.id.uuidString.lowercased()
            if parts.world.issuing.database != nil {
                #expect(try await parts.world.audit(action: "claim.mail_request").map(\.id) == [request.id])
                #expect(try await parts.world.audit(action: "claim.mail_confirm").map(\.actor) == [actor])
            } else if let memory = parts.store as? InMemoryClaimMailStore {
                #expect(await memory.audit.map(\.action) == ["claim.mail_request", "claim.mail_confirm"])
            }
            #expect(try await parts.world.audit(action: "claim.issue").map(\.actor) == [actor])
            // The mail of a spent request is not sent again.
            try await parts.handler.handle(message)
            #expect(parts.sender.sent.count == 1)
            #expect(try await parts.world.store.code(id: made.code.id)?.uses == 1)
        }
    }

    @Test(arguments: StorageBackend.all)
    func expiredAndAlteredLinksClaimNothing(backend: StorageBackend) async throws {
        try await Self.with(backend) { parts in
            let made = try await parts.world.makeCode()
            let first = try await parts.mail.requested(
                secret: made.secret,
                address: "person1@example.org",
                evidenceURL: nil,
                evidenceText: nil,
                language: "en"
            )
            let token = try await Self.deliver(first, parts)
            let sent = try #require(parts.sender.sent.first)
            #expect(sent.subject == "Confirm your e-mail address to claim your badge")
            #expect(sent.body.hasPrefix("Someone, probably you, claimed a badge with this e-mail address: Energy Transition Modelling"))
            #expect(sent.body.contains("The link works once, until 2026-09-02 09:00:00 UTC."))
            var altered = Array(token)
            altered[altered.count / 2] = altered[altered.count / 2] == "A" ? "B" : "A"
            for bad in [String(altered), token + "x", String(token.dropLast()), "", "cm_", String(repeating: "a", count: 600)] {
                let error = await #expect(throws: BadgeCoreError.self) { try await parts.mail.confirm(token: bad) }
                #expect(error?.code == .claimLinkUnusable)
            }
            parts.world.issuing.clock.advance(by: ClaimMailRequest.lifetime + 1)
            let expired = await #expect(throws: BadgeCoreError.self) { try await parts.mail.confirm(token: token) }
            #expect(expired?.code == .claimLinkUnusable)
            #expect(try await parts.world.holders([ClaimWorld.person(1)]) == 0)
            #expect(try await parts.world.store.code(id: made.code.id)?.uses == 0)
        }
    }

    @Test(arguments: StorageBackend.all)
    func evidenceClaimsWaitForReviewAndACodeUsedUpMeanwhileSaysSo(backend: StorageBackend) async throws {
        try await Self.with(backend) { parts in
            let evidence = try await parts.world.makeCode(maxUses: 1, requiresEvidence: true)
            let missing = await #expect(throws: BadgeCoreError.self) {
                try await parts.mail.requested(
                    secret: evidence.secret,
                    address: "person1@example.org",
                    evidenceURL: nil,
                    evidenceText: nil,
                    language: "en"
                )
            }
            #expect(missing?.field == "evidence")
            let first = try await parts.mail.requested(
                secret: evidence.secret,
                address: "person1@example.org",
                evidenceURL: "https://portfolio.example.org/1",
                evidenceText: nil,
                language: "en"
            )
            let second = try await parts.mail.requested(
                secret: evidence.secret,
                address: "person2@example.org",
                evidenceURL: nil,
                evidenceText: "I organised the clean-up.",
                language: "en"
            )
            let (firstToken, secondToken) = (try await Self.deliver(first, parts), try await Self.deliver(second, parts))
            guard case .pending(let claim) = try await parts.mail.confirm(token: firstToken) else {
                Issue.record("an evidence claim did not wait for review")
                return
            }
            #expect(claim.evidence?.url == "https://portfolio.example.org/1")
            #expect(claim.recipientKey == ClaimWorld.person(1).key)
            let usedUp = await #expect(throws: BadgeCoreError.self) { try await parts.mail.confirm(token: secondToken) }
            #expect(usedUp?.code == .claimCodeUsedUp)
            #expect(try await parts.world.store.code(id: evidence.code.id)?.uses == 1)
            #expect(try await parts.world.audit(action: "claim.submit").count == 1)
        }
    }

    @Test(arguments: [
        "", "ada", "ada@example", "ada@@example.org", "ada lovelace@example.org", "ada@example.org\r\nBcc: eve@example.org", "<ada@example.org>",
        "ädä@example.org", String(repeating: "a", count: 250) + "@example.org",
    ])
    func implausibleAddressesAreRefused(address: String) async throws {
        let error = #expect(throws: BadgeCoreError.self) { try ClaimMailRequest.address(address) }
        #expect(error?.field == "email")
    }
}

extension ClaimMail {
    /// A request that must be stored.
    func requested(secret: String, address: String, evidenceURL: String?, evidenceText: String?, language: String) async throws -> ClaimMailRequest {
        try #require(try await request(secret: secret, address: address, evidenceURL: evidenceURL, evidenceText: evidenceText, language: language))
    }
}

extension ClaimMailTests {
    @Test(arguments: StorageBackend.all)
    func oneAddressGetsAtMostThreeLinksWaiting(backend: StorageBackend) async throws {
        try await Self.with(backend) { parts in
            let made = try await parts.world.makeCode()
            var stored: [ClaimMailRequest] = []
            for _ in 1...ClaimMail.maximumPendingPerAddress {
                stored.append(
                    try await parts.mail.requested(
                        secret: made.secret,
                        address: "person1@example.org",
                        evidenceURL: nil,
                        evidenceText: nil,
                        language: "en"
                    )
                )
            }
            let refused = try await parts.mail.request(
                secret: made.secret,
                address: "PERSON1@example.org",
                evidenceURL: nil,
                evidenceText: nil,
                language: "en"
            )
            #expect(refused == nil)
            #expect(try await parts.store.pendingCount(address: "person1@example.org", now: parts.world.issuing.clock.now()) == 3)
            // Another address is not held up; once a link is spent, the address may ask again.
            _ = try await parts.mail.requested(
                secret: made.secret,
                address: "person2@example.org",
                evidenceURL: nil,
                evidenceText: nil,
                language: "en"
            )
            _ = try await parts.mail.confirm(token: try await Self.deliver(stored[0], parts))
            _ = try await parts.mail.requested(
                secret: made.secret,
                address: "person1@example.org",
                evidenceURL: nil,
                evidenceText: nil,
                language: "en"
            )
        }
    }

    @Test(arguments: StorageBackend.all)
    func expiredRequestsAreSweptAndErasureDeletesTheAddressesRequests(backend: StorageBackend) async throws {
        try await Self.with(backend) { parts in
            let made = try await parts.world.makeCode()
            let store = parts.store
            let old = try await parts.mail.requested(
                secret: made.secret,
                address: "person1@example.org",
                evidenceURL: nil,
                evidenceText: nil,
                language: "en"
            )
            parts.world.issuing.clock.advance(by: ClaimMailRequest.lifetime + 1)
            let ada = try await parts.mail.requested(
                secret: made.secret,
                address: "person2@example.org",
                evidenceURL: nil,
                evidenceText: nil,
                language: "en"
            )
            let bob = try await parts.mail.requested(
                secret: made.secret,
                address: "person3@example.org",
                evidenceURL: nil,
                evidenceText: nil,
                language: "en"
            )
            #expect(try await store.request(id: old.id) == nil)
            let imports: any EDCIImportStore =
                if let database = parts.world.issuing.database { SQLEDCIImportStore(database: database) } else { InMemoryEDCIImportStore() }
            let erasure = RecipientErasure(
                assertions: parts.world.issuing.assertions,
                imports: imports,
                claimMails: store,
                clock: parts.world.issuing.clock
            )
            _ = try await erasure.forget(Recipient(type: .email, identity: "Person2@Example.org"), institutionID: nil, actor: "test")
            #expect(try await store.request(id: ada.id) == nil)
            #expect(try await store.request(id: bob.id)?.address == "person3@example.org")
            #expect(try await store.delete(address: nil, institutionID: nil, expiredBefore: nil) == 0)
        }
    }
}
