import BadgeCore
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Claim codes through the daemon on both engines: organisers make codes over the API, signed-in
/// students claim on the page, limits and review hold, and refusals are plain.
@Suite("Claim codes over HTTP")
struct ClaimCodeHTTPTests {
    static func microID(_ fixture: TestFixture) throws -> String {
        try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential }).id.uuidString.lowercased()
    }

    /// Signs `email` in to their wallet: they get the sample's second badge first (an access link
    /// is only for someone holding a credential of the institution).
    static func signIn(_ email: String, _ client: any TestClientProtocol, _ fixture: TestFixture) async throws -> WalletBrowser {
        let other = try #require(fixture.tree.badgeClasses.first { $0.kind != .microCredential })
        let awarded = try await client.send(
            .post,
            "/api/v1/badge-classes/\(other.id.uuidString.lowercased())/assertions",
            key: fixture.registrarKey,
            json: IssuingTests.awardBody(email)
        )
        #expect(awarded.status == .created)
        var browser = WalletBrowser(client: client)
        try await browser.openAccessLink(try await client.accessLink(for: "email:\(email)", key: fixture.registrarKey))
        return browser
    }

    /// Makes a code over the API; returns the answer's JSON.
    static func makeCode(_ body: String, _ client: any TestClientProtocol, _ fixture: TestFixture) async throws -> [String: Any] {
        let made = try await client.send(.post, "/api/v1/badge-classes/\(try microID(fixture))/claim-codes", key: fixture.registrarKey, json: body)
        #expect(made.status == .created, "\(made.text)")
        return made.json
    }

    /// Claims on the page as the browser's student.
    static func claim(_ browser: inout WalletBrowser, _ code: String, _ fields: [(String, String)] = []) async throws -> TestResponse {
        let page = try await browser.get("/claim/\(code)")
        let token = try #require(LTIBrowser.hiddenValue("form_token", in: page.text), "\(page.text)")
        return try await browser.post("/claim", [("form_token", token), ("code", code)] + fields)
    }

    @Test(arguments: TestDatabases.engines)
    func aCodeIssuesToSignedInStudentsUpToItsLimitAndThenSaysItIsUsedUp(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let made = try await Self.makeCode(#"{"label": "Open day", "max_uses": 1}"#, client, fixture)
            let code = try #require(made["code"] as? String)
            #expect(made["claim_url"] as? String == "\(try #require(URL(string: made["claim_url"] as? String ?? "")).absoluteString)")
            #expect((made["claim_url"] as? String)?.hasSuffix("/claim/\(code)") == true)
            #expect(made["uses"] as? Int == 0)
            let qr = try await client.send(.get, "/claim/\(code)/qr")
            #expect(qr.status == .ok)
            #expect(qr.headers[.contentType] == "image/svg+xml")

            // An instructor may not make codes; another institution sees none of them.
            let micro = try Self.microID(fixture)
            #expect(
                try await client.send(.post, "/api/v1/badge-classes/\(micro)/claim-codes", key: fixture.instructorKey, json: "{}").status
                    == .forbidden
            )
            #expect(try await client.send(.get, "/api/v1/badge-classes/\(micro)/claim-codes", key: fixture.otherRegistrarKey).status == .forbidden)
            let invalid = try await client.send(
                .post,
                "/api/v1/badge-classes/\(micro)/claim-codes",
                key: fixture.registrarKey,
                json: #"{"max_uses": 0}"#
            )
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.json["field"] as? String == "max_uses")
            let past = try await client.send(
                .post,
                "/api/v1/badge-classes/\(micro)/claim-codes",
                key: fixture.registrarKey,
                json: #"{"expires_at": "2001-01-01T00:00:00Z"}"#
            )
            #expect(past.json["field"] as? String == "expires_at")

            // Not signed in: the page names the badge and asks to sign in.
            let visitor = try await client.send(.get, "/claim/\(code.lowercased())", headers: [.accept: "text/html"])
            #expect(visitor.status == .ok)
            #expect(visitor.text.contains("/wallet/sign-in"))
            #expect(!visitor.text.contains("claim-button"))

            var ada = try await Self.signIn("ada@example.org", client, fixture)
            let issued = try await Self.claim(&ada, code)
            #expect(issued.status == .ok)
            #expect(issued.text.contains("Your badge is issued"))
            let link = try #require(
                issued.text.range(of: #"/public/assertions/[0-9a-f-]{36}"#, options: .regularExpression).map { String(issued.text[$0]) }
            )
            #expect(try await client.send(.get, link).status == .ok)

            var bob = try await Self.signIn("bob@example.org", client, fixture)
            let page = try await bob.get("/claim/\(code)?lang=nl")
            #expect(page.status == .gone)
            #expect(page.text.contains("Deze code is opgebruikt"))
            let usedUp = try await bob.post("/claim", [("form_token", try await bob.formToken()), ("code", code)])
            #expect(usedUp.status == .gone)
            #expect(usedUp.text.contains("This code has been used up"))

            let listed = try await client.send(.get, "/api/v1/badge-classes/\(micro)/claim-codes", key: fixture.registrarKey)
            let item = try #require((listed.json["items"] as? [[String: Any]])?.first)
            #expect(item["uses"] as? Int == 1)
            #expect(item["status"] as? String == "used_up")
            #expect(item["code"] == nil)
            #expect(!listed.text.contains(code))
            let id = try #require(item["id"] as? String)
            let disabled = try await client.send(.post, "/api/v1/claim-codes/\(id)/disable", key: fixture.registrarKey)
            #expect(disabled.json["status"] as? String == "disabled")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anUnknownCodeAnswersNotFoundWithoutEchoingIt(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            for typed in ["AAAA-BBBB-CCCC-DDDD", "nonsense<script>"] {
                let escaped = typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? typed
                let page = try await client.send(.get, "/claim/\(escaped)", headers: [.accept: "text/html"])
                #expect(page.status == .notFound)
                #expect(page.text.contains("No claim code matches"))
                #expect(!page.text.contains(typed))
            }
            var ada = try await Self.signIn("ada@example.org", client, fixture)
            let token = try await ada.formToken()
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            headers[.cookie] = "__Host-badged-session=\(try #require(ada.session))"
            let answer = try await client.execute(
                uri: "/claim",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: "form_token=\(token)&code=AAAA-BBBB-CCCC-DDDD")
            )
            #expect(answer.status == .notFound)
            #expect(answer.json["code"] as? String == "notFound")
            #expect(!answer.text.contains("AAAA"))
            // Without a session nothing is claimed.
            #expect(try await client.send(.post, "/claim").status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func evidenceClaimsWaitForAMentorWhoApprovesOrDenies(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let made = try await Self.makeCode(#"{"requires_evidence": true, "max_uses": 5}"#, client, fixture)
            let code = try #require(made["code"] as? String)
            var ada = try await Self.signIn("ada@example.org", client, fixture)
            var bob = try await Self.signIn("bob@example.org", client, fixture)
            let form = try await ada.get("/claim/\(code)")
            #expect(form.text.contains("name=\"evidence_url\""))
            let missing = try await Self.claim(&ada, code)
            #expect(missing.status == .unprocessableContent)
            let pending = try await Self.claim(&ada, code, [("evidence_url", "https://portfolio.example.org/ada")])
            #expect(pending.text.contains("Your claim waits for review"))
            #expect(!pending.text.contains("/public/assertions/"))
            _ = try await Self.claim(&bob, code, [("evidence_text", "I organised the neighbourhood clean-up.")])

            let queue = try await client.send(.get, "/api/v1/claims", key: fixture.instructorKey)
            let items = try #require(queue.json["items"] as? [[String: Any]])
            #expect(items.count == 2)
            #expect(!queue.text.contains("ada@example.org"))
            #expect(!queue.text.contains("recipient_key"))
            let otherQueue = try await client.send(.get, "/api/v1/claims", key: fixture.otherRegistrarKey)
            #expect((otherQueue.json["items"] as? [[String: Any]])?.isEmpty == true)
            // Filtered by badge class: the code's class holds both, another class none.
            let micro = try Self.microID(fixture)
            let ofClass = try await client.send(.get, "/api/v1/claims?badge_class_id=\(micro)", key: fixture.instructorKey)
            #expect((ofClass.json["items"] as? [[String: Any]])?.count == 2)
            let otherClass = try #require(fixture.tree.badgeClasses.first { $0.id.uuidString.lowercased() != micro }).id.uuidString.lowercased()
            let none = try await client.send(.get, "/api/v1/claims?badge_class_id=\(otherClass)", key: fixture.instructorKey)
            #expect((none.json["items"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await client.send(.get, "/api/v1/claims?badge_class_id=nope", key: fixture.instructorKey).status == .badRequest)
            let adaClaim = try #require(items.first { ($0["evidence"] as? [String: Any])?["url"] as? String == "https://portfolio.example.org/ada" })
            let bobClaim = try #require(items.first { $0["id"] as? String != adaClaim["id"] as? String })
            let adaID = try #require(adaClaim["id"] as? String), bobID = try #require(bobClaim["id"] as? String)

            #expect(
                try await client.send(.post, "/api/v1/claims/\(adaID)/review", key: fixture.otherRegistrarKey, json: #"{"decision": "approve"}"#)
                    .status == .forbidden
            )
            #expect(
                try await client.send(.post, "/api/v1/claims/\(adaID)/review", key: fixture.instructorKey, json: #"{"decision": "maybe"}"#).status
                    == .unprocessableContent
            )
            let approved = try await client.send(
                .post,
                "/api/v1/claims/\(adaID)/review",
                key: fixture.instructorKey,
                json: #"{"decision": "approve", "comment": "Nice work"}"#
            )
            #expect(approved.status == .ok, "\(approved.text)")
            #expect(approved.json["state"] as? String == "issued")
            let assertionID = try #require(approved.json["assertion_id"] as? String)
            let assertion = try await client.send(.get, "/api/v1/assertions/\(assertionID)", key: fixture.registrarKey)
            #expect(assertion.status == .ok)
            #expect(assertion.text.contains("https://portfolio.example.org/ada"))
            #expect(
                try await client.send(.post, "/api/v1/claims/\(adaID)/review", key: fixture.instructorKey, json: #"{"decision": "deny"}"#).status
                    == .conflict
            )

            let denied = try await client.send(
                .post,
                "/api/v1/claims/\(bobID)/review",
                key: fixture.registrarKey,
                json: #"{"decision": "deny", "comment": "No evidence of the work"}"#
            )
            #expect(denied.json["state"] as? String == "denied")
            #expect(denied.json["assertion_id"] == nil)
            let again = try await Self.claim(&bob, code, [("evidence_text", "again")])
            #expect(again.text.contains("Your claim was not approved"))
            let empty = try await client.send(.get, "/api/v1/claims", key: fixture.registrarKey)
            #expect((empty.json["items"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func claimsFromOneAddressAreRateLimited() async throws {
        let limits: [AbsoluteConfigKey: ConfigValue] = ["claims.rate_limit.burst": 2, "claims.rate_limit.per_minute": 1]
        try await withTestApp(.sqlite, configuration: limits) { client, _ in
            for _ in 0..<2 { #expect(try await client.send(.post, "/claim").status == .unauthorized) }
            let limited = try await client.send(.post, "/claim")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.json["code"] as? String == "rate_limited")
            #expect(limited.headers[.contentType] == "application/problem+json")
            let wait = try #require(limited.headers[.retryAfter].flatMap(Int.init))
            #expect((1...60).contains(wait))
            // Looking at a code's page is not limited.
            #expect(try await client.send(.get, "/claim").status == .ok)
        }
    }
}
