import BadgeCore
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The claim review page on both engines: a registrar issues a reviewer link; the mentor who
/// opens it sees the waiting claims of its scope and approves or denies them; other scopes see
/// and do nothing; spent and expired links, and forms without the session's token, are refused.
@Suite("The claim review page")
struct ClaimReviewPageTests {
    /// A code asking for evidence, with two uses, and the claims of ada (a link) and bob (a text
    /// with markup); returns the code and the claim ids by name.
    static func twoClaims(
        _ client: any TestClientProtocol,
        _ fixture: TestFixture
    ) async throws -> (code: String, ada: String, bob: String, student: WalletBrowser) {
        let made = try await ClaimCodeHTTPTests.makeCode(#"{"requires_evidence": true, "max_uses": 2}"#, client, fixture)
        let code = try #require(made["code"] as? String)
        var ada = try await ClaimCodeHTTPTests.signIn("ada@example.org", client, fixture)
        var bob = try await ClaimCodeHTTPTests.signIn("bob@example.org", client, fixture)
        _ = try await ClaimCodeHTTPTests.claim(&ada, code, [("evidence_url", "https://portfolio.example.org/ada?x=1&y=2")])
        _ = try await ClaimCodeHTTPTests.claim(&bob, code, [("evidence_text", "I cleaned up <script>alert(1)</script> the park")])
        let queue = try await client.send(.get, "/api/v1/claims", key: fixture.registrarKey)
        let items = try #require(queue.json["items"] as? [[String: Any]])
        #expect(items.count == 2)
        let adaID = try #require(items.first { ($0["evidence"] as? [String: Any])?["url"] != nil }?["id"] as? String)
        let bobID = try #require(items.first { $0["id"] as? String != adaID }?["id"] as? String)
        return (code, adaID, bobID, ada)
    }

    @Test(arguments: TestDatabases.engines)
    func aMentorWithAReviewerLinkApprovesAndDeniesClaimsOnThePage(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let (code, adaID, bobID, student) = try await Self.twoClaims(client, fixture)
            var ada = student
            let micro = try ClaimCodeHTTPTests.microID(fixture)
            let issued = try await client.reviewLink(key: fixture.registrarKey, json: #"{"badge_class_id": "\#(micro)"}"#)
            #expect(issued.status == .created, "\(issued.text)")
            let url = try #require(issued.json["url"] as? String)
            #expect(url.contains("/review/access/"))
            #expect(issued.json["badge_class_id"] as? String == micro)

            var mentor = ReviewerBrowser(client: client)
            let entered = try await mentor.open(url)
            #expect(entered.status == .seeOther)
            #expect(entered.headers[.location] == "/review?lang=en")
            let cookie = try #require(mentor.setCookie)
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
            // The link works once.
            var late = ReviewerBrowser(client: client)
            #expect(try await late.open(url).status == .badRequest)
            #expect(late.session == nil)

            let page = try await mentor.get("/review")
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.text.contains("<html lang=\"en\""))
            #expect(page.text.contains("id=\"claim-\(adaID)\"") && page.text.contains("id=\"claim-\(bobID)\""))
            // The evidence link is text, with the link itself behind a disclosure; the text is escaped.
            #expect(page.text.contains("<code class=\"evidence-url\">https://portfolio.example.org/ada?x=1&amp;y=2</code>"))
            #expect(page.text.contains("rel=\"noopener noreferrer nofollow\""))
            #expect(page.text.contains("<details><summary>Open the link</summary>"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.text.contains("<script>alert"))
            // Claimants are pseudonyms with the kind of identifier, never the address or a hash.
            #expect(page.text.range(of: #"[0-9A-F]{4}-[0-9A-F]{4} \(e-mail address\)"#, options: .regularExpression) != nil)
            #expect(!page.text.contains("example.org</") && !page.text.contains("ada@") && !page.text.contains("sha256$"))
            let queue = try await client.send(.get, "/api/v1/claims", key: fixture.registrarKey)
            for item in try #require(queue.json["items"] as? [[String: Any]]) {
                let hashed = try #require((item["recipient"] as? [String: Any])?["identity"] as? String)
                #expect(!page.text.contains(String(hashed.dropFirst("sha256$".count).prefix(16))))
            }

            // A form without the session's token, or with another, changes nothing.
            #expect(try await mentor.post("/review/claims/\(adaID)", [("decision", "approve")]).status == .forbidden)
            #expect(
                try await mentor.post("/review/claims/\(adaID)", [("form_token", String(repeating: "0", count: 64)), ("decision", "approve")]).status
                    == .forbidden
            )
            #expect(try await mentor.decide(adaID, "maybe").status == .unprocessableContent)

            let approved = try await mentor.decide(adaID, "approve", comment: "Well documented")
            #expect(approved.status == .ok, "\(approved.text)")
            #expect(approved.text.contains("Approved: the badge is issued."))
            #expect(!approved.text.contains("id=\"claim-\(adaID)\""))
            let denied = try await mentor.decide(bobID, "deny", comment: "No evidence of the work")
            #expect(denied.text.contains("Denied: the claimant"))
            #expect(denied.text.contains("No claims wait for review."))
            #expect(try await mentor.decide(bobID, "approve").status == .conflict)

            // Approval issued ada's badge; the denial gave bob's use back to the code.
            let again = try await ClaimCodeHTTPTests.claim(&ada, code, [("evidence_url", "https://portfolio.example.org/ada")])
            #expect(again.text.contains("Your badge is issued"))
            let codes = try await client.send(.get, "/api/v1/badge-classes/\(micro)/claim-codes", key: fixture.registrarKey)
            #expect((codes.json["items"] as? [[String: Any]])?.first?["uses"] as? Int == 1)
            var cy = try await ClaimCodeHTTPTests.signIn("cy@example.org", client, fixture)
            let third = try await ClaimCodeHTTPTests.claim(&cy, code, [("evidence_text", "I ran the stall")])
            #expect(third.text.contains("Your claim waits for review"))

            let waiting = try await client.send(.get, "/api/v1/claims", key: fixture.registrarKey)
            #expect((waiting.json["items"] as? [[String: Any]])?.count == 1)

            // Signing out ends the session.
            let out = try await mentor.post("/review/sign-out", [("form_token", try await mentor.formToken())])
            #expect(out.status == .seeOther)
            #expect(mentor.session == nil)
            #expect(try await mentor.get("/review").status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aReviewerOfAnotherScopeSeesAndDoesNothingThere(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let (_, adaID, _, ada) = try await Self.twoClaims(client, fixture)
            let other = try #require(fixture.tree.badgeClasses.first { $0.kind != .microCredential }).id.uuidString.lowercased()
            let micro = try ClaimCodeHTTPTests.microID(fixture)

            // Another institution's reviewer, and a reviewer of another class of this institution.
            let elsewhere = try await client.reviewLink(key: fixture.otherRegistrarKey)
            #expect(elsewhere.status == .created, "\(elsewhere.text)")
            #expect(elsewhere.json["institution_id"] as? String == fixture.otherInstitutionID.uuidString.lowercased())
            let otherClass = try await client.reviewLink(key: fixture.registrarKey, json: #"{"badge_class_id": "\#(other)"}"#)
            for issued in [elsewhere, otherClass] {
                var reviewer = ReviewerBrowser(client: client)
                try await reviewer.open(try #require(issued.json["url"] as? String))
                let page = try await reviewer.get("/review")
                #expect(page.status == .ok)
                #expect(page.text.contains("No claims wait for review."))
                #expect(!page.text.contains(adaID))
                #expect(try await reviewer.decide(adaID, "approve").status == .notFound)
                #expect(try await reviewer.decide(adaID, "deny").status == .notFound)
                // Nor does a reviewer session open a wallet.
                var headers: HTTPFields = [.accept: "text/html"]
                headers[.cookie] = "__Host-badged-session=\(try #require(reviewer.session))"
                #expect(try await client.execute(uri: "/wallet", method: .get, headers: headers, body: nil).status == .unauthorized)
            }
            // The claim still waits.
            let queue = try await client.send(.get, "/api/v1/claims", key: fixture.registrarKey)
            #expect((queue.json["items"] as? [[String: Any]])?.count == 2)
            // A student's session is no reviewer's.
            var headers: HTTPFields = [.accept: "text/html"]
            headers[.cookie] = "__Host-badged-review=\(try #require(ada.session))"
            #expect(try await client.execute(uri: "/review", method: .get, headers: headers, body: nil).status == .unauthorized)

            // Who may issue links, and for what.
            #expect(try await client.reviewLink(key: fixture.instructorKey).status == .forbidden)
            #expect(try await client.reviewLink(key: fixture.otherRegistrarKey, json: #"{"badge_class_id": "\#(micro)"}"#).status == .forbidden)
            #expect(try await client.reviewLink(key: fixture.operatorKey).status == .unprocessableContent)
            let unknown = try await client.reviewLink(key: fixture.registrarKey, json: #"{"badge_class_id": "\#(UUID().uuidString)"}"#)
            #expect(unknown.status == .notFound)
            let tooLong = try await client.reviewLink(key: fixture.registrarKey, json: #"{"expires_in": 604801}"#)
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.json["field"] as? String == "expires_in")
            #expect(try await client.reviewLink(key: fixture.registrarKey, json: "[1]").status == .badRequest)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func expiredLinksOpenNothingAndThePageSpeaksDutch(engine: BadgeDatabase.Engine) async throws {
        try await withSeededDatabase(engine) { fixture in
            let clock = FixedTimeSource()
            try await runTestApp(databaseURL: fixture.databaseURL, clock: clock) { client in
                let expiring = try await client.reviewLink(key: fixture.registrarKey, json: #"{"expires_in": 60}"#)
                let url = try #require(expiring.json["url"] as? String)
                clock.advance(by: 61)
                var late = ReviewerBrowser(client: client)
                let refused = try await late.open(url)
                #expect(refused.status == .badRequest)
                #expect(refused.text.contains("expired or was already used"))
                #expect(late.session == nil)
                #expect(try await late.get("/review").status == .unauthorized)

                let fresh = try #require(try await client.reviewLink(key: fixture.registrarKey).json["url"] as? String)
                let path = try #require(URLComponents(string: fresh)?.path)
                let linkPage = try await client.send(.get, path, headers: [.acceptLanguage: "nl-NL,nl;q=0.9,en;q=0.5"])
                #expect(linkPage.text.contains("<html lang=\"nl\""))
                #expect(linkPage.text.contains("Beoordeling openen"))
                #expect(linkPage.text.contains("action=\"\(path)?lang=nl\""))
                var mentor = ReviewerBrowser(client: client)
                let entered = try await mentor.post(path + "?lang=nl", [])
                #expect(entered.headers[.location] == "/review?lang=nl")
                let dutch = try await mentor.get("/review?lang=nl")
                #expect(dutch.text.contains("<html lang=\"nl\""))
                #expect(dutch.text.contains("Claims beoordelen"))
                #expect(dutch.text.contains("Er wachten geen claims op beoordeling."))
                let byHeader = try await mentor.get("/review", headers: [.acceptLanguage: "nl"])
                #expect(byHeader.text.contains("Claims beoordelen"))
                let english = try await mentor.get("/review?lang=en", headers: [.acceptLanguage: "nl"])
                #expect(english.text.contains("Review claims"))
            }
        }
    }
}
