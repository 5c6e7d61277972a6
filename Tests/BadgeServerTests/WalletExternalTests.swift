import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Testing

/// Badges from elsewhere in the student's wallet, end to end: a second badged on loopback issues
/// signed OB 2.0 assertions; on the first, a signed-in student adds them by URL, JWS and baked
/// image through the wallet's form, sees them apart from badged's own with a live status, is told
/// why a tampered, revoked or someone else's badge is refused, sees a badge revoked after adding
/// as revoked once the cached check expires, and removes one; another student sees none of it.
@Suite("Wallet badges from elsewhere", .heavyLane)
struct WalletExternalTests {
    /// The second badged and its assertions to ada (and one to bob), by badge class name.
    struct Remote: Sendable {
        let app: LiveApp
        let fixture: TestFixture
        /// Assertion ids by English badge class name.
        let ada: [String: String]
        let bob: String
    }

    /// Runs a second badged with assertions to ada and bob, then the first badged on `engine` on a
    /// fixed clock (a minute ahead of now, so the remote's assertions are not in its future) with
    /// ada and bob each holding one of its own credentials.
    static func withRemoteAndLocal(
        _ engine: BadgeDatabase.Engine,
        _ body: @Sendable (Remote, any TestClientProtocol, TestFixture, FixedTimeSource) async throws -> Void
    ) async throws {
        try await withSeededDatabase(.sqlite) { remoteFixture in
            try await LiveApp.run(databaseURL: remoteFixture.databaseURL) { remoteApp in
                var ada: [String: String] = [:]
                for name in ["Geospatial Analysis", "Data Ethics and Policy", "Introduction to Data Science", "Machine Learning Fundamentals"] {
                    ada[name] = try await award(name, to: "ada@example.org", on: remoteApp, remoteFixture)
                }
                let bob = try await award("Geospatial Analysis", to: "bob@example.org", on: remoteApp, remoteFixture)
                let remote = Remote(app: remoteApp, fixture: remoteFixture, ada: ada, bob: bob)
                let clock = FixedTimeSource(Date().addingTimeInterval(60))
                try await withSeededDatabase(engine) { fixture in
                    try await runTestApp(databaseURL: fixture.databaseURL, clock: clock) { client in
                        _ = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
                        _ = try await IssuingTests.awardMicroCredential(client, fixture, to: "bob@example.org")
                        try await body(remote, client, fixture, clock)
                    }
                }
            }
        }
    }

    static func award(_ name: String, to email: String, on app: LiveApp, _ fixture: TestFixture) async throws -> String {
        let unit = try #require(fixture.tree.badgeClasses.first { $0.name.en == name }, "no sample class \(name)")
        let awarded = try await app.send(
            .POST,
            "/api/v1/badge-classes/\(unit.id.uuidString.lowercased())/assertions",
            key: fixture.registrarKey,
            json: #"{"recipient": {"type": "email", "identity": "\#(email)"}}"#
        )
        return try #require(awarded.json["assertion_id"] as? String, "\(awarded.text)")
    }

    /// The BadgeClass id (URL) of a remote assertion.
    static func badgeClassID(of id: String, on remote: LiveApp) async throws -> String {
        try #require(try await remote.send(.GET, "/public/assertions/\(id)").json["badge"] as? String)
    }

    /// A composite badge class (the sample minor's, renamed) of ada's micro-credential and the
    /// external BadgeClass `external`, revoked when a component is lost; returns its id.
    static func createComposite(_ client: any TestClientProtocol, _ fixture: TestFixture, external: String) async throws -> String {
        let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
        var body = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: SamplePaths.sample("api/minor-data-science.json"))) as? [String: Any]
        )
        body["issuer_id"] = micro.issuerID.uuidString.lowercased()
        body["name"] = ["en": "Energy and Ethics", "nl": "Energie en ethiek"]
        let json = { (object: Any) in String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self) }
        let created = try await client.send(.post, "/api/v1/badge-classes", key: fixture.registrarKey, json: try json(body))
        let id = try #require(created.json["id"] as? String, "\(created.text)")
        let rule: [String: Any] = [
            "all_of": [["badge_class": micro.id.uuidString.lowercased()], ["external": external]],
            "allow_external": true, "on_component_lost": "revoke",
        ]
        let set = try await client.send(.put, "/api/v1/badge-classes/\(id)/stacking-rule", key: fixture.registrarKey, json: try json(rule))
        #expect(set.status == .ok, "\(set.text)")
        return id
    }

    /// The OB 2.0 name of a remote assertion's BadgeClass, and its issuer's name.
    static func names(of id: String, on remote: LiveApp) async throws -> (badge: String, issuer: String) {
        let badgeURL = try #require(try await remote.send(.GET, "/public/assertions/\(id)").json["badge"] as? String)
        let badge = try await remote.send(.GET, try #require(URLComponents(string: badgeURL)?.path)).json
        let issuerURL = try #require(badge["issuer"] as? String)
        let issuer = try await remote.send(.GET, try #require(URLComponents(string: issuerURL)?.path)).json
        return (try #require(badge["name"] as? String), try #require(issuer["name"] as? String))
    }

    /// A signed-in student's browser (an access link of theirs, spent).
    static func signIn(_ email: String, _ client: any TestClientProtocol, _ fixture: TestFixture) async throws -> WalletBrowser {
        var browser = WalletBrowser(client: client)
        try await browser.openAccessLink(try await client.accessLink(for: "email:\(email)", key: fixture.registrarKey))
        #expect(browser.session != nil)
        return browser
    }

    /// The wallet's "Badges from elsewhere" section (up to its add form).
    static func externalSection(_ page: String) -> String {
        guard let start = page.range(of: "<h2 id=\"external\">"),
            let end = page.range(of: "<form method=\"post\" action=\"/wallet/external\"", range: start.upperBound..<page.endIndex)
        else { return "" }
        return String(page[start.lowerBound..<end.lowerBound])
    }

    @Test(arguments: TestDatabases.engines)
    func badgesAddedByURLJWSOrBakedImageShowInTheWalletWithTheirStatus(engine: BadgeDatabase.Engine) async throws {
        try await Self.withRemoteAndLocal(engine) { remote, client, fixture, _ in
            var ada = try await Self.signIn("ada@example.org", client, fixture)
            let hosted = try #require(remote.ada["Geospatial Analysis"])
            let signed = try #require(remote.ada["Data Ethics and Policy"])
            let baked = try #require(remote.ada["Introduction to Data Science"])
            let jws = try await remote.app.send(.GET, "/public/assertions/\(signed).jws").text
            let png = FileManager.default.temporaryDirectory.appending(path: "badged-baked-\(UUID().uuidString).png")
            defer { try? FileManager.default.removeItem(at: png) }
            try await remote.app.download("/public/assertions/\(baked)/image?format=png", to: png)

            let byURL = try await ada.submitExternal(url: "\(remote.app.baseURL)/public/assertions/\(hosted)")
            #expect(byURL.status == .seeOther, "\(byURL.text)")
            #expect(byURL.headers[.location] == "/wallet#external")
            let byJWS = try await ada.submitExternal(jws: jws)
            #expect(byJWS.status == .seeOther, "\(byJWS.text)")
            let byImage = try await ada.submitExternal(image: try Data(contentsOf: png), fileName: "badge.png", type: "image/png")
            #expect(byImage.status == .seeOther, "\(byImage.text)")
            let svgID = try #require(remote.ada["Machine Learning Fundamentals"])
            let svg = try await remote.app.send(.GET, "/public/assertions/\(svgID)/image").text
            #expect(svg.contains("openbadges:assertion"))
            let bySVG = try await ada.submitExternal(image: Data(svg.utf8), fileName: "badge.svg", type: "image/svg+xml")
            #expect(bySVG.status == .seeOther, "\(bySVG.text)")

            let page = try await ada.get("/wallet")
            #expect(page.status == .ok)
            let section = Self.externalSection(page.text)
            for id in [hosted, signed, baked, svgID] {
                let (badge, issuer) = try await Self.names(of: id, on: remote.app)
                #expect(section.contains(badge), "\(badge) is listed")
                #expect(section.contains("· \(issuer) · issued "), "its issuer \(issuer) is named")
            }
            #expect(section.components(separatedBy: "<div class=\"status valid\"><strong>Valid, checked ").count == 5, "\(section)")
            #expect(section.components(separatedBy: "action=\"/wallet/external/").count == 5, "each has a remove form")
            // badged's own credential is listed apart, above; the external ones are not in the share form.
            let own = String(page.text[..<(page.text.range(of: "<h2 id=\"external\">")?.lowerBound ?? page.text.endIndex)])
            #expect(own.contains("Energy Transition Modelling for Professionals"))
            #expect(!own.contains("Geospatial"))
            #expect(!page.text.contains("ada@example.org"))

            // On the record, as the admin API sees it, with the issuer's name kept.
            let listed = try await client.send(.get, "/api/v1/recipients/email:ada@example.org/external-credentials", key: fixture.registrarKey)
            let items = try #require(listed.json["items"] as? [[String: Any]])
            #expect(items.count == 4)
            #expect(items.allSatisfy { $0["status"] as? String == "valid" })

            // The same badge again: refused on the page as already there.
            let again = try await ada.submitExternal(jws: jws)
            #expect(again.status == .conflict)
            #expect(
                again.text.contains("This badge was not added:</strong> This assertion is already on the recipient&#39;s record."),
                "\(again.text)"
            )
        }
    }

    @Test func aTamperedRevokedOrSomeoneElsesBadgeIsRefusedWithAMessageOnThePage() async throws {
        try await Self.withRemoteAndLocal(.sqlite) { remote, client, fixture, _ in
            var ada = try await Self.signIn("ada@example.org", client, fixture)
            let signed = try #require(remote.ada["Data Ethics and Policy"])
            let revokedID = try #require(remote.ada["Machine Learning Fundamentals"])
            let revoke = try await remote.app.send(
                .POST,
                "/api/v1/assertions/\(revokedID)/revoke",
                key: remote.fixture.registrarKey,
                json: #"{"reason": "Awarded in error"}"#
            )
            #expect(revoke.status == 200, "\(revoke.text)")
            let jws = try await remote.app.send(.GET, "/public/assertions/\(signed).jws").text
            var parts = jws.split(separator: ".").map(String.init)
            let middle = parts[1].index(parts[1].startIndex, offsetBy: parts[1].count / 2)
            parts[1].replaceSubrange(middle...middle, with: parts[1][middle] == "A" ? "B" : "A")

            let refusals: [(TestResponse, String)] = [
                (try await ada.submitExternal(jws: parts.joined(separator: ".")), "The assertion does not verify ("),
                (
                    try await ada.submitExternal(jws: try await remote.app.send(.GET, "/public/assertions/\(revokedID).jws").text),
                    "revoked by its issuer"
                ),
                (try await ada.submitExternal(url: "\(remote.app.baseURL)/public/assertions/\(remote.bob)"), "was not issued to this recipient"),
                (try await ada.submitExternal(url: "http://127.0.0.1:9/public/assertions/\(signed)"), "does not verify"),
                (try await ada.submitExternal(image: Data("not an image".utf8), fileName: "x.txt", type: "text/plain"), "a PNG or an SVG"),
                (try await ada.submitExternal(), "give one of"),
                (try await ada.submitExternal(url: "ftp://example.org/badge"), "http(s) address"),
            ]
            for (response, reason) in refusals {
                #expect(response.status == .unprocessableContent, "\(reason): \(response.status)")
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(response.text.contains("<p class=\"status revoked\" role=\"alert\"><strong>This badge was not added:</strong>"), "\(reason)")
                #expect(response.text.lowercased().contains(reason.lowercased()), "\(reason) in \(Self.externalSection(response.text))")
            }
            // An upload larger than the body limit (1 MiB by default) is refused before it is read.
            let huge = try await ada.submitExternal(image: Data([0x89, 0x50, 0x4E, 0x47]) + Data(count: 1_100_000))
            #expect(huge.status == .contentTooLarge)
            // Nothing was added, and a form without the session's token is refused outright.
            let page = try await ada.get("/wallet")
            #expect(!Self.externalSection(page.text).contains("action=\"/wallet/external/"))
            let forged = try await ada.submitExternal(jws: jws, formToken: String(repeating: "0", count: 64))
            #expect(forged.status == .forbidden)
            let listed = try await client.send(.get, "/api/v1/recipients/email:ada@example.org/external-credentials", key: fixture.registrarKey)
            #expect((listed.json["items"] as? [Any])?.isEmpty == true, "\(listed.text)")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aBadgeRevokedAfterAddingShowsRevokedOnceTheCachedCheckExpires(engine: BadgeDatabase.Engine) async throws {
        try await Self.withRemoteAndLocal(engine) { remote, client, fixture, clock in
            var ada = try await Self.signIn("ada@example.org", client, fixture)
            let signed = try #require(remote.ada["Data Ethics and Policy"])
            let hosted = try #require(remote.ada["Geospatial Analysis"])
            let jws = try await remote.app.send(.GET, "/public/assertions/\(signed).jws").text
            // A composite of ada's own micro-credential and the signed badge, revoked when a component is lost.
            let composite = try await Self.createComposite(client, fixture, external: try await Self.badgeClassID(of: signed, on: remote.app))
            #expect(try await ada.submitExternal(jws: jws).status == .seeOther)
            #expect(try await ada.submitExternal(url: "\(remote.app.baseURL)/public/assertions/\(hosted)").status == .seeOther)
            let progress = "/api/v1/recipients/email:ada@example.org/progress?badge_class_id=\(composite)"
            let before = try await client.send(.get, progress, key: fixture.registrarKey).json
            let item = try #require((before["items"] as? [[String: Any]])?.first, "\(before)")
            #expect(item["held"] as? Bool == true, "adding the badge issued the composite: \(item)")
            let compositeAssertion = try #require((item["held_assertion"] as? String)?.split(separator: "/").last.map(String.init))
            #expect(Self.externalSection(try await ada.get("/wallet").text).components(separatedBy: "status valid").count == 3)

            for id in [signed, hosted] {
                let revoke = try await remote.app.send(
                    .POST,
                    "/api/v1/assertions/\(id)/revoke",
                    key: remote.fixture.registrarKey,
                    json: #"{"reason": "Awarded in error"}"#
                )
                #expect(revoke.status == 200, "\(revoke.text)")
            }
            // Within the cache's five minutes the last result stands.
            clock.advance(by: 120)
            let cached = Self.externalSection(try await ada.get("/wallet").text)
            #expect(cached.components(separatedBy: "status valid").count == 3, "\(cached)")
            #expect(!cached.contains("status revoked"))

            clock.advance(by: 200)
            let rechecked = Self.externalSection(try await ada.get("/wallet").text)
            #expect(rechecked.components(separatedBy: "<div class=\"status revoked\"><strong>Revoked, checked ").count == 3, "\(rechecked)")
            #expect(rechecked.contains("Awarded in error"), "the issuer's reason: \(rechecked)")
            #expect(!rechecked.contains("status valid"))
            // The record keeps the status, so stacking sees it too.
            let listed = try await client.send(.get, "/api/v1/recipients/email:ada@example.org/external-credentials", key: fixture.registrarKey)
            let items = try #require(listed.json["items"] as? [[String: Any]])
            #expect(items.count == 2 && items.allSatisfy { $0["status"] as? String == "revoked" }, "\(listed.text)")
            // ...and the composite it completed is revoked, saying why.
            let after = try await client.send(.get, progress, key: fixture.registrarKey).json
            #expect((after["items"] as? [[String: Any]])?.first?["held"] as? Bool == false, "\(after)")
            let document = try await client.send(.get, "/public/assertions/\(compositeAssertion)", headers: [.accept: "application/ld+json"])
            #expect(document.text.contains("was revoked by its issuer, so the rule of this credential no longer holds"), "\(document.text)")
        }
    }

    @Test func anotherStudentCannotSeeOrRemoveABadgeAndItsHolderCan() async throws {
        try await Self.withRemoteAndLocal(.sqlite) { remote, client, fixture, _ in
            var ada = try await Self.signIn("ada@example.org", client, fixture)
            var bob = try await Self.signIn("bob@example.org", client, fixture)
            let signed = try #require(remote.ada["Data Ethics and Policy"])
            let (name, _) = try await Self.names(of: signed, on: remote.app)
            #expect(try await ada.submitExternal(jws: try await remote.app.send(.GET, "/public/assertions/\(signed).jws").text).status == .seeOther)
            let adaPage = try await ada.get("/wallet").text
            let id = try #require(
                Self.externalSection(adaPage).components(separatedBy: "action=\"/wallet/external/").dropFirst().first.map { String($0.prefix(36)) }
            )

            let bobPage = try await bob.get("/wallet").text
            #expect(!bobPage.contains(name) && !bobPage.contains(id))
            let removal = try await bob.submit("/wallet/external/\(id)/remove", [])
            #expect(removal.status == .notFound, "\(removal.text)")
            #expect(Self.externalSection(try await ada.get("/wallet").text).contains(name))
            // Not on any public page: the credential pages and shared links are badged's own only.
            let shared = try await ada.submit("/wallet/shares", [("assertion_id", id)])
            #expect(shared.status == .unprocessableContent)

            let removed = try await ada.submit("/wallet/external/\(id)/remove", [])
            #expect(removed.status == .seeOther)
            #expect(!Self.externalSection(try await ada.get("/wallet").text).contains(name))
            let listed = try await client.send(.get, "/api/v1/recipients/email:ada@example.org/external-credentials", key: fixture.registrarKey)
            #expect((listed.json["items"] as? [Any])?.isEmpty == true, "\(listed.text)")
        }
    }
}
