import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import OpenBadges
import Testing

/// StudentAccess and Wallet through the ports: in memory and on each SQL engine, with the fixed
/// clock and randomness.
@Suite("Student access through the ports")
struct StudentAccessUseCaseTests {
    struct Parts {
        let access: StudentAccess
        let wallet: Wallet
        let ada: UUID
        let sessions: any StudentSessionStore
    }

    static func parts(_ world: IssuingWorld, lifetimes: StudentAccess.Lifetimes = .init()) async throws -> Parts {
        let sessions: any StudentSessionStore
        let walletStore: any WalletStore
        if let database = world.database {
            sessions = SQLStudentSessionStore(database: database)
            walletStore = SQLWalletStore(database: database)
        } else {
            sessions = InMemoryStudentSessionStore()
            walletStore = InMemoryWalletStore(assertions: world.assertions)
        }
        let results = try await world.awarder().award(
            [AwardInput(recipient: Recipient(type: .email, identity: "ada@example.org"))],
            of: try world.microCredential,
            actor: "test",
            failFast: true
        )
        let ada = try #require(results[0].assertionID.flatMap(UUID.init(uuidString:)))
        let random = FixedRandomSource()
        let access = StudentAccess(
            store: sessions,
            spent: world.database.map { SQLReplayGuard(database: $0) } ?? InMemoryReplayGuard(),
            assertions: world.assertions,
            encryption: try KeyEncryption(secret: [UInt8](repeating: 7, count: 32)),
            random: random,
            clock: world.clock,
            lifetimes: lifetimes
        )
        let wallet = Wallet(
            catalog: world.catalog,
            assertions: world.assertions,
            store: walletStore,
            stacker: nil,
            documents: world.documents,
            mode: .hosted,
            ids: world.ids,
            random: random,
            clock: world.clock
        )
        return Parts(access: access, wallet: wallet, ada: ada, sessions: sessions)
    }

    @Test(arguments: StorageBackend.all)
    func aLaunchHandoffIsSealedAndRefusedWhenAlteredForeignOrLate(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let parts = try await Self.parts(world)
            let ada = Recipient(type: .email, identity: "ada@example.org")
            let handoff = try await parts.access.issueEntry(for: ada, purpose: .launch).token
            // Nothing a student is known by shows in the token.
            #expect(!handoff.contains("ada"))
            #expect(!handoff.contains(ada.key))
            // One character changed anywhere in the sealed part: refused.
            var altered = Array(handoff)
            let position = altered.count / 2
            altered[position] = altered[position] == "A" ? "B" : "A"
            #expect(try await parts.access.enter(token: String(altered), purpose: .launch) == nil)
            // Sealed under another deployment's key: refused.
            let foreign = StudentAccess(
                store: InMemoryStudentSessionStore(),
                spent: InMemoryReplayGuard(),
                assertions: world.assertions,
                encryption: try KeyEncryption(secret: [UInt8](repeating: 8, count: 32)),
                random: FixedRandomSource(),
                clock: world.clock
            )
            let foreignToken = try await foreign.issueEntry(for: ada, purpose: .launch).token
            #expect(try await parts.access.enter(token: foreignToken, purpose: .launch) == nil)
            // Past its two minutes: refused, though never spent.
            world.clock.advance(by: 121)
            #expect(try await parts.access.enter(token: handoff, purpose: .launch) == nil)
        }
    }

    @Test(arguments: StorageBackend.all)
    func anEntryTokenWorksOnceAtItsOwnEntranceBeforeItExpires(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let parts = try await Self.parts(world)
            let ada = Recipient(type: .email, identity: "Ada@Example.org")
            let handoff = try await parts.access.issueEntry(for: ada, purpose: .launch)
            #expect(handoff.expiresAt == world.clock.now().addingTimeInterval(120))
            #expect(try await parts.access.enter(token: handoff.token, purpose: .accessLink) == nil)
            let started = try #require(try await parts.access.enter(token: handoff.token, purpose: .launch))
            #expect(started.session.recipientKey == ada.key)
            #expect(try parts.access.recipient(of: started.session).normalizedIdentity == "ada@example.org")
            #expect(try await parts.access.enter(token: handoff.token, purpose: .launch) == nil)

            let link = try await parts.access.issueAccessLink(
                for: ada,
                institutionID: try world.microCredential.institutionID,
                lifetime: 60,
                actor: "key:k1"
            )
            world.clock.advance(by: 60)
            #expect(try await parts.access.enter(token: link.token, purpose: .accessLink) == nil)
            await #expect(throws: BadgeCoreError.self) {
                _ = try await parts.access.issueAccessLink(
                    for: Recipient(type: .email, identity: "nobody@example.org"),
                    institutionID: nil,
                    lifetime: nil,
                    actor: "cli"
                )
            }
            await #expect(throws: BadgeCoreError.self) {
                _ = try await parts.access.issueAccessLink(for: ada, institutionID: UUID(), lifetime: nil, actor: "key:k2")
            }
        }
    }

    @Test(arguments: StorageBackend.all)
    func issuingAnAccessLinkIsAuditedWithoutTheTokenOrTheRecipient(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let parts = try await Self.parts(world)
            let ada = Recipient(type: .email, identity: "ada@example.org")
            let institutionID = try world.microCredential.institutionID
            let byKey = try await parts.access.issueAccessLink(for: ada, institutionID: institutionID, lifetime: 3_600, actor: "key:k1")
            let byCLI = try await parts.access.issueAccessLink(for: ada, institutionID: nil, lifetime: nil, actor: "cli")
            // Refused (the recipient holds nothing of that institution): nothing written.
            _ = try? await parts.access.issueAccessLink(for: ada, institutionID: UUID(), lifetime: nil, actor: "key:k2")
            _ = try await parts.access.issueEntry(for: ada, purpose: .launch)
            let rows: [(institutionID: UUID?, actor: String, detail: String)]
            if let stored = try await world.auditRows(action: StudentEntryToken.accessLinkAuditAction) {
                #expect(stored.allSatisfy { $0.kind == "student_access_link" })
                #expect(Set(stored.map(\.id)).count == stored.count)
                rows = stored.map { ($0.institutionID.flatMap(UUID.init(uuidString:)), $0.actor, $0.detail ?? "") }
            } else {
                let memory = try #require(parts.sessions as? InMemoryStudentSessionStore)
                rows = await memory.audit.filter { $0.action == StudentEntryToken.accessLinkAuditAction }.map { ($0.institutionID, $0.actor, $0.detail) }
            }
            try #require(rows.count == 2)
            #expect(rows[0].institutionID == institutionID)
            #expect(rows[0].actor == "key:k1")
            #expect(rows[0].detail == "expires_at:\(byKey.expiresAt.formatted(.iso8601))")
            #expect(rows[1].institutionID == nil)
            #expect(rows[1].actor == "cli")
            #expect(rows[1].detail == "expires_at:\(byCLI.expiresAt.formatted(.iso8601))")
            for (link, row) in zip([byKey, byCLI], rows) {
                for secret in [link.token, Digest.sha256Hex(link.token), ada.key, ada.identity] { #expect(!row.detail.contains(secret)) }
            }
        }
    }

    @Test(arguments: StorageBackend.all)
    func sessionsEndAtTheIdleAndAbsoluteLimitsAndOnSignOut(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let parts = try await Self.parts(world, lifetimes: .init(session: 300, idle: 100))
            let ada = Recipient(type: .email, identity: "ada@example.org")
            let first = try #require(
                try await parts.access.enter(token: try await parts.access.issueEntry(for: ada, purpose: .launch).token, purpose: .launch)
            )
            for _ in 0..<3 {
                world.clock.advance(by: 90)
                #expect(try await parts.access.session(cookieToken: first.cookieToken) != nil)
            }
            world.clock.advance(by: 90)  // 360 s: past the absolute limit, though used 90 s ago
            #expect(try await parts.access.session(cookieToken: first.cookieToken) == nil)

            let second = try await parts.access.signIn(ada)
            world.clock.advance(by: 100)
            #expect(try await parts.access.session(cookieToken: second.cookieToken) == nil)

            let third = try await parts.access.signIn(ada)
            #expect(StudentAccess.formTokenMatches(third.session.formToken, third.session))
            #expect(!StudentAccess.formTokenMatches(second.session.formToken, third.session))
            #expect(!StudentAccess.formTokenMatches(nil, third.session))
            try await parts.access.signOut(third.session)
            #expect(try await parts.access.session(cookieToken: third.cookieToken) == nil)
            #expect(try await parts.access.session(cookieToken: "not-hex") == nil)
        }
    }

    @Test(arguments: StorageBackend.all)
    func theWalletHidesPrivateCredentialsFromSharesAndKeepsOthersOut(backend: StorageBackend) async throws {
        try await IssuingWorld.with(backend) { world async throws in
            let parts = try await Self.parts(world)
            let key = Recipient(type: .email, identity: "ada@example.org").key
            let items = try await parts.wallet.items(recipientKey: key)
            #expect(items.map(\.assertion.id) == [parts.ada])
            #expect(try await parts.wallet.isPublic(assertionID: parts.ada))
            let bob = Recipient(type: .email, identity: "bob@example.org").key
            await #expect(throws: BadgeCoreError.self) { try await parts.wallet.setPrivate(true, assertionID: parts.ada, recipientKey: bob) }
            await #expect(throws: BadgeCoreError.self) { _ = try await parts.wallet.share([parts.ada], recipientKey: bob) }

            let (token, share) = try await parts.wallet.share([parts.ada, parts.ada], recipientKey: key)
            #expect(share.assertionIDs == [parts.ada])
            #expect(try await parts.wallet.shared(token: token)?.map(\.assertion.id) == [parts.ada])
            try await parts.wallet.setPrivate(true, assertionID: parts.ada, recipientKey: key)
            #expect(try await !parts.wallet.isPublic(assertionID: parts.ada))
            #expect(try await parts.wallet.items(recipientKey: key).first?.isPrivate == true)
            #expect(try await parts.wallet.shared(token: token)?.isEmpty == true)
            await #expect(throws: BadgeCoreError.self) { try await parts.wallet.revokeShare(id: share.id, recipientKey: bob) }
            try await parts.wallet.revokeShare(id: share.id, recipientKey: key)
            #expect(try await parts.wallet.shared(token: token) == nil)
            #expect(try await parts.wallet.shares(recipientKey: key).isEmpty)

            let images = try await parts.wallet.bakedImages(of: try await parts.wallet.items(recipientKey: key))
            let image = try #require(images.first)
            let baked = try #require(try PNGBaker().extract(from: image.data))
            #expect(baked.contains(parts.ada.uuidString.lowercased()))
        }
    }
}
