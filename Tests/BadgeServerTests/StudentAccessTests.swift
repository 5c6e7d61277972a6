import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Configuration
import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Students' entrances and sessions through the daemon on both engines: access links issued by
/// the API, the session cookie, its limits, sign-out, and one student's wallet closed to another.
@Suite("Student access links and sessions")
struct StudentAccessTests {
    @Test(arguments: TestDatabases.engines)
    func anAccessLinkSignsTheStudentInOnceToTheirOwnWallet(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let ada = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            let bob = try await IssuingTests.awardMicroCredential(client, fixture, to: "bob@example.org")
            let path = "/api/v1/recipients/email:ada@example.org/access-links"
            #expect(try await client.send(.post, path, key: fixture.instructorKey).status == .forbidden)
            #expect(try await client.send(.post, path, key: fixture.otherRegistrarKey).status == .notFound)
            let nobody = try await client.send(.post, "/api/v1/recipients/email:nobody@example.org/access-links", key: fixture.registrarKey)
            #expect(nobody.status == .notFound)
            let tooLong = try await client.send(.post, path, key: fixture.registrarKey, json: #"{"expires_in": 604801}"#)
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.text.contains("7 days"))

            let link = try await client.accessLink(for: "email:ada@example.org", key: fixture.registrarKey)
            #expect(link.hasPrefix("http://127.0.0.1"))
            // The token is random text: it may spell anything, but never the address.
            #expect(!link.contains("ada@") && !link.contains("ada%40") && !link.contains("example.org"))
            var browser = WalletBrowser(client: client)
            #expect(try await browser.get("/wallet").status == .unauthorized)
            let entered = try await browser.openAccessLink(link)
            #expect(entered.status == .seeOther)
            #expect(entered.headers[.location] == "/wallet")
            let cookie = try #require(entered.headers[.setCookie])
            let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(attributes == ["Path=/", "Secure", "HttpOnly", "SameSite=Lax", "Max-Age=28800"])
            let session = try #require(browser.session)
            #expect(session.count == 64)

            let wallet = try await browser.get("/wallet")
            #expect(wallet.status == .ok)
            #expect(wallet.headers[.cacheControl] == "no-store")
            #expect(wallet.text.contains(ada))
            #expect(!wallet.text.contains(bob))
            #expect(!wallet.text.contains("ada@example.org"))

            // Single use: the same link starts nothing a second time.
            var other = WalletBrowser(client: client)
            let again = try await other.openAccessLink(link)
            #expect(again.status == .badRequest)
            #expect(again.text.contains("expired or was already used"))
            #expect(other.session == nil)

            // Bob's link opens Bob's wallet, which does not show Ada's credential.
            var bobBrowser = WalletBrowser(client: client)
            try await bobBrowser.openAccessLink(try await client.accessLink(for: "email:bob@example.org", key: fixture.adminKey))
            let bobWallet = try await bobBrowser.get("/wallet")
            #expect(bobWallet.text.contains(bob) && !bobWallet.text.contains(ada))

            // Only digests of secrets and a sealed recipient are stored.
            let digest = SHA256.hash(data: Data(session.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(
                try await AwardBatchTests.count(
                    "SELECT COUNT(*) AS n FROM student_sessions WHERE token_hash = '\(digest)'",
                    databaseURL: fixture.databaseURL
                ) == 1
            )
            let leaks = "SELECT COUNT(*) AS n FROM student_sessions WHERE token_hash = '\(session)' OR sealed_recipient LIKE '%ada@%'"
            #expect(try await AwardBatchTests.count(leaks, databaseURL: fixture.databaseURL) == 0)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func linksExpireAndSessionsEndAtTheirIdleAndAbsoluteLimits(engine: BadgeDatabase.Engine) async throws {
        try await withSeededDatabase(engine) { fixture in
            let clock = FixedTimeSource()
            let limits: [AbsoluteConfigKey: ConfigValue] = ["students.session.lifetime": 300, "students.session.idle_timeout": 250]
            try await runTestApp(databaseURL: fixture.databaseURL, configuration: limits, clock: clock) { client in
                _ = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
                let expiring = try await client.accessLink(for: "email:ada@example.org", key: fixture.registrarKey, expiresIn: 60)
                clock.advance(by: 61)
                var late = WalletBrowser(client: client)
                #expect(try await late.openAccessLink(expiring).status == .badRequest)
                #expect(late.session == nil)

                // Used within its idle limit, a session still ends at its absolute limit.
                var active = WalletBrowser(client: client)
                try await active.openAccessLink(try await client.accessLink(for: "email:ada@example.org", key: fixture.registrarKey))
                clock.advance(by: 200)
                #expect(try await active.get("/wallet").status == .ok)
                clock.advance(by: 200)
                #expect(try await active.get("/wallet").status == .unauthorized)

                // Left alone past its idle limit, a session ends early.
                var idle = WalletBrowser(client: client)
                try await idle.openAccessLink(try await client.accessLink(for: "email:ada@example.org", key: fixture.registrarKey))
                clock.advance(by: 251)
                let ended = try await idle.get("/wallet")
                #expect(ended.status == .unauthorized)
                #expect(ended.text.contains("not signed in"))
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func signingOutNeedsTheSessionsFormTokenAndEndsTheSession(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            _ = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            var browser = WalletBrowser(client: client)
            try await browser.openAccessLink(try await client.accessLink(for: "email:ada@example.org", key: fixture.registrarKey))
            let session = try #require(browser.session)
            // A cross-site form (no token, or another session's) changes nothing.
            #expect(try await browser.post("/wallet/sign-out", []).status == .forbidden)
            #expect(try await browser.post("/wallet/sign-out", [("form_token", String(repeating: "0", count: 64))]).status == .forbidden)
            #expect(try await browser.get("/wallet").status == .ok)
            let out = try await browser.submit("/wallet/sign-out", [])
            #expect(out.status == .seeOther)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(browser.session == nil)
            browser.session = session
            #expect(try await browser.get("/wallet").status == .unauthorized)
            #expect(try await browser.post("/wallet/sign-out", [("form_token", "x")]).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func erasingARecipientEndsTheirSessionsAndUnusedLinks(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            _ = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            var browser = WalletBrowser(client: client)
            try await browser.openAccessLink(try await client.accessLink(for: "email:ada@example.org", key: fixture.registrarKey))
            let unused = try await client.accessLink(for: "email:ada@example.org", key: fixture.registrarKey)
            #expect(try await browser.get("/wallet").status == .ok)
            let forget = #"{"recipient": {"type": "email", "identity": "ada@example.org"}}"#
            #expect(try await client.send(.post, "/api/v1/recipients/forget", key: fixture.adminKey, json: forget).status == .ok)
            #expect(try await browser.get("/wallet").status == .unauthorized)
            var later = WalletBrowser(client: client)
            #expect(try await later.openAccessLink(unused).status == .badRequest)
        }
    }
}
