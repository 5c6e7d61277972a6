import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Foundation
import OpenBadges
import Primitives
import Synchronization
import Testing

/// The live status of a wallet's badges from elsewhere, on every backend: each is verified again
/// with at most the configured number at once, the result is reused within the cache lifetime,
/// a revocation found then is stored, and a check the budget leaves no time for shows the stored
/// status as not current.
@Suite("Wallet checks of external badges")
struct ExternalBadgeChecksTests {
    static let origin = "https://other.example.org"
    let ada = Recipient(type: .email, identity: "ada@example.org")

    /// Another issuer's hosted assertions 1…n to ada, counting fetches and how many run at once.
    final class Documents: DocumentFetcher {
        let documents: Mutex<[String: JSONValue]>
        /// Fetches now running, the most at once, and all fetches.
        let counts = Mutex((running: 0, most: 0, total: 0))

        init(assertions: Int) {
            let context: JSONValue = "https://w3id.org/openbadges/v2"
            var documents: [String: JSONValue] = [
                origin + "/issuer": [
                    "@context": context, "type": "Issuer", "id": .string(origin + "/issuer"), "name": "Other Academy",
                    "email": "badges@other.example.org", "url": .string(origin),
                ],
                origin + "/badge": [
                    "@context": context, "type": "BadgeClass", "id": .string(origin + "/badge"), "name": "Ethics elsewhere",
                    "description": "Ethics of data", "image": .string(origin + "/badge.png"), "criteria": ["narrative": "Pass the exam"],
                    "issuer": .string(origin + "/issuer"),
                ],
            ]
            for number in 1...assertions {
                documents[Self.assertionURL(number)] = [
                    "@context": context, "type": "Assertion", "id": .string(Self.assertionURL(number)),
                    "recipient": ["type": "email", "hashed": false, "identity": "ada@example.org"],
                    "badge": .string(origin + "/badge"), "verification": ["type": "hosted"], "issuedOn": "2026-01-15T10:00:00Z",
                ]
            }
            self.documents = Mutex(documents)
        }

        static func assertionURL(_ number: Int) -> String { origin + "/assertions/\(number)" }

        func revoke(_ number: Int) {
            documents.withLock { documents in
                guard case .object(var assertion)? = documents[Self.assertionURL(number)] else { return }
                assertion["revoked"] = true
                documents[Self.assertionURL(number)] = .object(assertion)
            }
        }

        func get(_ url: URL, maximumBytes: Int) async throws -> FetchedDocument {
            counts.withLock { counts in
                counts.running += 1
                counts.total += 1
                counts.most = max(counts.most, counts.running)
            }
            defer { counts.withLock { $0.running -= 1 } }
            // Long enough for other checks to start meanwhile if nothing held them back.
            try await Task.sleep(for: .milliseconds(20))
            guard let document = documents.withLock({ $0[url.absoluteString] }) else { return FetchedDocument(status: 404, body: Data()) }
            return FetchedDocument(status: 200, body: document.encoded())
        }
    }

    /// Six of the other issuer's assertions on ada's record, and the checks over them.
    func withChecks(
        _ backend: StorageBackend,
        settings: ExternalBadgeChecks<Documents>.Settings,
        _ body: (ExternalBadgeChecks<Documents>, Documents, any ExternalCredentialStore, FixedTimeSource) async throws -> Void
    ) async throws {
        try await StackingWorld.with(backend) { world in
            let store: any ExternalCredentialStore =
                world.issuing.database.map { SQLExternalCredentialStore(database: $0) } ?? InMemoryExternalCredentialStore()
            let documents = Documents(assertions: 6)
            let clock = world.clock
            for number in 1...6 {
                try await store.add(
                    ExternalCredential(
                        id: world.issuing.ids.makeID(),
                        recipientKey: ada.key,
                        componentID: Self.origin + "/badge",
                        assertionID: Documents.assertionURL(number),
                        name: "Ethics elsewhere",
                        ects: nil,
                        issuedOn: Date(timeIntervalSince1970: 1_768_471_200),
                        expires: nil,
                        issuerID: Self.origin + "/issuer",
                        issuerName: "Other Academy",
                        source: Documents.assertionURL(number),
                        verifiedAt: clock.now(),
                        status: .valid
                    ),
                    actor: "test"
                )
            }
            let checks = ExternalBadgeChecks(
                store: store,
                stacker: nil,
                makeVerifier: { _ in BadgeVerifier(fetcher: documents, clock: clock) },
                clock: clock,
                settings: settings
            )
            try await body(checks, documents, store, clock)
        }
    }

    @Test(arguments: StorageBackend.all)
    func eachViewChecksAtMostTwoAtOnceReusesResultsAndStoresARevocation(backend: StorageBackend) async throws {
        try await withChecks(backend, settings: .init(cacheLifetime: 300, concurrency: 2, budget: .seconds(600))) { checks, documents, store, clock in
            let first = try await checks.shown(recipient: ada)
            #expect(first.count == 6)
            #expect(first.allSatisfy { $0.status == .valid && $0.isCurrent }, "\(first.map(\.detail))")
            let counts = documents.counts.withLock { $0 }
            // Never more than two at once (whether two overlapped depends on the machine's load).
            #expect((1...2).contains(counts.most), "\(counts.most) checks ran at once")
            #expect(counts.total >= 6)

            // Within the cache lifetime: no fetch at all.
            documents.revoke(3)
            clock.advance(by: 299)
            let cached = try await checks.shown(recipient: ada)
            #expect(cached.allSatisfy { $0.status == .valid })
            #expect(documents.counts.withLock { $0.total } == counts.total)
            // Someone else never gets ada's cached results (nor her credentials).
            #expect(try await checks.shown(recipient: Recipient(type: .email, identity: "bob@example.org")).isEmpty)

            clock.advance(by: 2)
            let rechecked = try await checks.shown(recipient: ada)
            #expect(documents.counts.withLock { $0.total } > counts.total)
            let revoked = rechecked.filter { $0.status == .revoked }
            #expect(revoked.map(\.credential.assertionID) == [Documents.assertionURL(3)])
            #expect(revoked.first?.credential.status == .revoked)
            let stored = try await store.credentials(recipientKey: ada.key, limit: 10)
            #expect(stored.filter { $0.status == .revoked }.map(\.assertionID) == [Documents.assertionURL(3)])
        }
    }

    @Test(arguments: StorageBackend.all)
    func checksTheBudgetLeavesNoTimeForShowTheStoredStatusAsNotCurrent(backend: StorageBackend) async throws {
        try await withChecks(backend, settings: .init(cacheLifetime: 300, concurrency: 4, budget: .zero)) { checks, documents, _, _ in
            let shown = try await checks.shown(recipient: ada)
            #expect(shown.count == 6)
            #expect(shown.allSatisfy { $0.status == .valid && !$0.isCurrent })
            #expect(documents.counts.withLock { $0.total } == 0)
        }
    }

    @Test func anUnreachableIssuerLeavesTheStoredStatusAndSaysWhy() async throws {
        // A budget no loaded test machine uses up: the check must run and fail, not be skipped.
        try await withChecks(.memory, settings: .init(budget: .seconds(600))) { checks, documents, store, _ in
            documents.documents.withLock { $0[Documents.assertionURL(1)] = nil }
            let shown = try await checks.shown(recipient: ada)
            let missing = try #require(shown.first { $0.credential.assertionID == Documents.assertionURL(1) })
            #expect(missing.status == .unverifiable)
            #expect(missing.detail?.contains("check failed") == true, "\(missing.detail ?? "")")
            #expect(try await store.credentials(recipientKey: ada.key, limit: 10).allSatisfy { $0.status == .valid })
        }
    }
}
