import BadgeCore
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import OpenBadges
import Testing

/// Claims by e-mail address through the daemon on both engines, with a real SMTP relay on
/// loopback: the mail arrives (after the relay deferred it once), its link is followed and
/// confirmed, and the badge is issued to that address; evidence goes to review; spent, expired
/// and altered links and codes used up meanwhile answer plainly; without a relay there is no
/// e-mail path at all.
@Suite("Claims by e-mail address over HTTP")
struct ClaimMailHTTPTests {
    /// Runs badged on `engine` with the relay configured (or none), on a clock the test moves.
    /// - Parameter signIn: the `recipient_type` of one OpenID Connect provider students can sign
    ///   in with; nil for none (nothing here signs in with it, so it is never contacted).
    static func withMailApp(
        _ engine: BadgeDatabase.Engine,
        relay: LoopbackSMTPServer?,
        signIn: String? = nil,
        configuration extra: [AbsoluteConfigKey: ConfigValue] = [:],
        _ body: @Sendable @escaping (any TestClientProtocol, TestFixture, FixedTimeSource) async throws -> Void
    ) async throws {
        var values = extra
        if let signIn {
            values["students.oidc.providers"] = .init(.stringArray(["testop"]), isSecret: false)
            values["students.oidc.testop.issuer"] = "https://id.example.org"
            values["students.oidc.testop.client_id"] = "badged"
            values["students.oidc.testop.client_secret"] = .init(.string("secret"), isSecret: true)
            values["students.oidc.testop.identity_claim"] = "email"
            values["students.oidc.testop.recipient_type"] = .init(.string(signIn), isSecret: false)
        }
        if let relay {
            values["mail.relay"] = .init(.string(relay.relay), isSecret: false)
            values["mail.from"] = "badges@example.org"
            values["mail.tls"] = "none"
        }
        let settings = values
        try await withSeededDatabase(engine) { fixture in
            let clock = FixedTimeSource()
            try await runTestApp(databaseURL: fixture.databaseURL, configuration: settings, clock: clock) { client in
                try await body(client, fixture, clock)
            }
        }
    }

    /// The path of the confirmation link in a mail.
    static func linkPath(in mail: LoopbackSMTPServer.Mail) throws -> String {
        let body = mail.decodedBody
        let line = try #require(body.components(separatedBy: "\r\n").first { $0.contains("/claim/confirm/") }, "\(body)")
        return String(line[try #require(line.range(of: "/claim/confirm/")).lowerBound...])
    }

    /// Waits for the mail to `address`, moving the clock so that deferred deliveries come due.
    static func mail(to address: String, from relay: LoopbackSMTPServer, clock: FixedTimeSource) async throws -> LoopbackSMTPServer.Mail {
        for _ in 0..<600 {
            if let mail = relay.mails.first(where: { $0.to == [address] }) { return mail }
            clock.advance(by: 5)
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSetupError("no mail to the address arrived at the loopback relay")
    }

    @Test(arguments: TestDatabases.engines)
    func theLinkFromTheMailConfirmsOnceAndIssuesToThatAddress(engine: BadgeDatabase.Engine) async throws {
        let relay = try await LoopbackSMTPServer.start(deferring: 1)
        defer { Task { await relay.stop() } }
        try await Self.withMailApp(engine, relay: relay) { client, fixture, clock in
            let code = try #require(try await ClaimCodeHTTPTests.makeCode(#"{"max_uses": 5}"#, client, fixture)["code"] as? String)
            var visitor = WalletBrowser(client: client)
            let page = try await visitor.get("/claim/\(code)")
            #expect(page.text.contains(#"action="/claim/mail?lang=en""#))
            #expect(page.text.contains(#"name="email""#))
            #expect(!page.text.contains(#"name="evidence_url""#))

            let sent = try await visitor.post("/claim/mail", [("code", code), ("email", " Ada.Lovelace@Example.org ")])
            #expect(sent.status == .ok, "\(sent.text)")
            #expect(sent.text.contains("Check your mail"))
            #expect(sent.headers[.cacheControl] == "no-store")
            let other = try await visitor.post("/claim/mail", [("code", code), ("email", "bob@example.org")])
            #expect(other.status == sent.status)
            #expect(other.text == sent.text)
            let invalid = try await visitor.post("/claim/mail", [("code", code), ("email", "ada@example.org\r\nBcc: eve@example.org")])
            #expect(invalid.status == .unprocessableContent)

            let mail = try await Self.mail(to: "ada.lovelace@example.org", from: relay, clock: clock)
            #expect(mail.from == "badges@example.org")
            #expect(relay.commands.filter { $0.hasPrefix("MAIL FROM") }.count >= 2, "the relay deferred the first mail, so it was sent again")
            #expect(mail.header("Subject") == "Confirm your e-mail address to claim your badge")
            let path = try Self.linkPath(in: mail)
            #expect(!path.contains("ada"))

            let confirmPage = try await visitor.get(path)
            #expect(confirmPage.status == .ok, "\(confirmPage.text)")
            #expect(confirmPage.text.contains(#"id="confirm-button""#))
            #expect(confirmPage.text.contains("Energy Transition Modelling for Professionals"))
            // Opening the link (as a mail scanner would) spends nothing.
            #expect(try await visitor.get(path).status == .ok)
            let token = try #require(LTIBrowser.hiddenValue("token", in: confirmPage.text))
            let confirmed = try await visitor.post("/claim/confirm", [("token", token)])
            #expect(confirmed.status == .ok, "\(confirmed.text)")
            #expect(confirmed.text.contains("Your badge is issued"))
            // Who confirmed an address may have no sign-in: no wallet link, and (with no provider
            // configured) no sign-in either, but the credential's public page.
            #expect(confirmed.text.contains("The badge is issued to your e-mail address"))
            #expect(confirmed.text.contains(#"id="credential-link""#))
            #expect(!confirmed.text.contains("Open your wallet"))
            #expect(!confirmed.text.contains(#"href="/wallet""#))
            #expect(!confirmed.text.contains(#"id="wallet-sign-in""#))
            let credential = try #require(confirmed.text.range(of: "/public/assertions/"))
            let assertionID = String(confirmed.text[credential.upperBound...].prefix { $0 != "\"" })
            let hosted = try await client.send(.get, "/public/assertions/\(assertionID)")
            #expect(hosted.status == .ok)
            #expect(!hosted.text.lowercased().contains("ada.lovelace"))
            let recipient = try #require(hosted.json["recipient"] as? [String: Any])
            let hashed = HashedRecipient(
                type: .email,
                identity: try #require(recipient["identity"] as? String),
                salt: try #require(recipient["salt"] as? String)
            )
            #expect(recipient["type"] as? String == "email")
            #expect(RecipientHasher.matches(Recipient(type: .email, identity: "ada.lovelace@example.org"), hashed))
            #expect(!RecipientHasher.matches(Recipient(type: .email, identity: "bob@example.org"), hashed))

            let reused = try await visitor.post("/claim/confirm", [("token", token)])
            #expect(reused.status == .gone)
            #expect(reused.text.contains("This link no longer works"))
            #expect(try await visitor.get(path).status == .gone)
            var altered = Array(token)
            altered[altered.count - 5] = altered[altered.count - 5] == "A" ? "B" : "A"
            #expect(try await visitor.post("/claim/confirm", [("token", String(altered))]).status == .gone)
            #expect(try await visitor.get("/claim/confirm/\(String(altered))").status == .gone)

            // Bob's link, once it has expired, claims nothing.
            let bobMail = try await Self.mail(to: "bob@example.org", from: relay, clock: clock)
            clock.advance(by: 25 * 3600)
            let bobPath = try Self.linkPath(in: bobMail)
            #expect(try await visitor.get(bobPath).status == .gone)
            let bobToken = String(bobPath.dropFirst("/claim/confirm/".count))
            let expired = try await visitor.post("/claim/confirm", [("token", bobToken)])
            #expect(expired.status == .gone)
            let codes = try await client.send(
                .get,
                "/api/v1/badge-classes/\(try ClaimCodeHTTPTests.microID(fixture))/claim-codes",
                key: fixture.registrarKey
            )
            #expect((codes.json["items"] as? [[String: Any]])?.first?["uses"] as? Int == 1)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func evidenceGoesToReviewAndACodeUsedUpMeanwhileSaysSo(engine: BadgeDatabase.Engine) async throws {
        let relay = try await LoopbackSMTPServer.start()
        defer { Task { await relay.stop() } }
        try await Self.withMailApp(engine, relay: relay) { client, fixture, clock in
            let code = try #require(
                try await ClaimCodeHTTPTests.makeCode(#"{"requires_evidence": true, "max_uses": 1}"#, client, fixture)["code"] as? String
            )
            var visitor = WalletBrowser(client: client)
            let page = try await visitor.get("/claim/\(code)?lang=nl")
            #expect(page.text.contains("Of claim met je e-mailadres"))
            #expect(page.text.contains(#"id="mail_evidence_url""#))
            let missing = try await visitor.post("/claim/mail", [("code", code), ("email", "ada@example.org")])
            #expect(missing.status == .unprocessableContent)
            for (address, url) in [
                ("ada@example.org", "https://portfolio.example.org/ada"), ("bob@example.org", "https://portfolio.example.org/bob"),
            ] {
                let sent = try await visitor.post("/claim/mail?lang=nl", [("code", code), ("email", address), ("evidence_url", url)])
                #expect(sent.text.contains("Kijk in je mail"))
            }
            let adaMail = try await Self.mail(to: "ada@example.org", from: relay, clock: clock)
            #expect(adaMail.header("Subject") == "Bevestig je e-mailadres om je badge te claimen")
            #expect(adaMail.decodedBody.contains("De link werkt één keer, tot"))
            let bobMail = try await Self.mail(to: "bob@example.org", from: relay, clock: clock)
            let adaToken = String(try Self.linkPath(in: adaMail).dropFirst("/claim/confirm/".count))
            let pending = try await visitor.post("/claim/confirm", [("token", adaToken)])
            #expect(pending.text.contains("Your claim waits for review"))
            #expect(!pending.text.contains("/public/assertions/"))
            let queue = try await client.send(.get, "/api/v1/claims", key: fixture.instructorKey)
            let items = try #require(queue.json["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect((items.first?["evidence"] as? [String: Any])?["url"] as? String == "https://portfolio.example.org/ada")
            #expect(!queue.text.contains("ada@example.org"))

            let bobToken = String(try Self.linkPath(in: bobMail).dropFirst("/claim/confirm/".count))
            let usedUp = try await visitor.post("/claim/confirm", [("token", bobToken)])
            #expect(usedUp.status == .gone)
            #expect(usedUp.text.contains("This code has been used up"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func withoutARelayThereIsNoEmailPath(engine: BadgeDatabase.Engine) async throws {
        try await Self.withMailApp(engine, relay: nil) { client, fixture, _ in
            let code = try #require(try await ClaimCodeHTTPTests.makeCode("{}", client, fixture)["code"] as? String)
            var visitor = WalletBrowser(client: client)
            let page = try await visitor.get("/claim/\(code)")
            #expect(page.status == .ok)
            #expect(!page.text.contains(#"name="email""#))
            #expect(page.text.contains("/wallet/sign-in"))
            #expect(try await visitor.post("/claim/mail", [("code", code), ("email", "ada@example.org")]).status == .notFound)
            #expect(try await visitor.post("/claim/confirm", [("token", "cm_x")]).status == .notFound)
            #expect(try await visitor.get("/claim/confirm/cm_x").status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aConfirmedClaimOffersItsPublicPageAndHowToSignInNotTheWallet(engine: BadgeDatabase.Engine) async throws {
        let relay = try await LoopbackSMTPServer.start()
        defer { Task { await relay.stop() } }
        try await Self.withMailApp(engine, relay: relay, signIn: "email") { client, fixture, clock in
            let code = try #require(try await ClaimCodeHTTPTests.makeCode("{}", client, fixture)["code"] as? String)
            let evidenceCode = try #require(
                try await ClaimCodeHTTPTests.makeCode(#"{"requires_evidence": true}"#, client, fixture)["code"] as? String
            )
            var visitor = WalletBrowser(client: client)
            _ = try await visitor.post("/claim/mail?lang=nl", [("code", code), ("email", "ada@example.org")])
            _ = try await visitor.post(
                "/claim/mail",
                [("code", evidenceCode), ("email", "bob@example.org"), ("evidence_text", "My poster")]
            )
            let adaToken = String(try Self.linkPath(in: try await Self.mail(to: "ada@example.org", from: relay, clock: clock)).dropFirst(15))
            let issued = try await visitor.post("/claim/confirm?lang=nl", [("token", adaToken)])
            #expect(issued.status == .ok, "\(issued.text)")
            #expect(issued.text.contains("De badge is uitgegeven aan je e-mailadres"))
            #expect(issued.text.contains(#"id="credential-link" href="http"#))
            #expect(issued.text.contains("/public/assertions/"))
            #expect(issued.text.contains(#"id="wallet-sign-in""#))
            #expect(issued.text.contains(#"href="/wallet/sign-in?lang=nl">Inloggen op je wallet</a>"#))
            #expect(!issued.text.contains("Je wallet openen"))
            #expect(!issued.text.contains(#"href="/wallet""#))

            let bobToken = String(try Self.linkPath(in: try await Self.mail(to: "bob@example.org", from: relay, clock: clock)).dropFirst(15))
            let pending = try await visitor.post("/claim/confirm?lang=en", [("token", bobToken)])
            #expect(pending.text.contains("once they approve it, the badge is issued to your e-mail address"))
            #expect(!pending.text.contains(#"id="credential-link""#))
            #expect(pending.text.contains("sign in with an account that uses this e-mail address"))
            #expect(pending.text.contains(#"href="/wallet/sign-in?lang=en">Sign in to your wallet</a>"#))
            #expect(!pending.text.contains("Open your wallet"))
        }
        // A sign-in that names students by pseudonym would not show a badge claimed for an address.
        try await Self.withMailApp(engine, relay: relay, signIn: "id") { client, fixture, clock in
            let code = try #require(try await ClaimCodeHTTPTests.makeCode("{}", client, fixture)["code"] as? String)
            var visitor = WalletBrowser(client: client)
            _ = try await visitor.post("/claim/mail", [("code", code), ("email", "cy@example.org")])
            let token = String(try Self.linkPath(in: try await Self.mail(to: "cy@example.org", from: relay, clock: clock)).dropFirst(15))
            let issued = try await visitor.post("/claim/confirm", [("token", token)])
            #expect(issued.text.contains("The badge is issued to your e-mail address"))
            #expect(issued.text.contains(#"id="credential-link""#))
            #expect(!issued.text.contains(#"id="wallet-sign-in""#))
        }
    }
}
