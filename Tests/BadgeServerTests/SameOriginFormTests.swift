import BadgeCore
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Login CSRF over real HTTP: the posts that spend a student access link, a reviewer link and a
/// mailed claim confirmation are taken only from badged's own pages (`Sec-Fetch-Site:
/// same-origin`, or without it an `Origin` equal to `public.base_url`'s); from anywhere else
/// they answer 403 with a plain page and the link stays unspent.
@Suite("Links are spent only from badged's own pages")
struct SameOriginFormTests {
    static let base = "https://badges.example.org"
    static let configuration: [AbsoluteConfigKey: ConfigValue] = ["public.base_url": .init(.string(base), isSecret: false)]
    static let site = HTTPField.Name("Sec-Fetch-Site")!  // a valid header name

    /// What browsers send for a post from another page, and what a non-browser sends.
    static let refused: [(String, HTTPFields)] = [
        ("another site", [.origin: "https://evil.example", site: "cross-site"]),
        ("another site, no fetch metadata", [.origin: "https://evil.example"]),
        ("a sibling host", [.origin: "https://www.badges.example.org", site: "same-site"]),
        ("another scheme", [.origin: "http://badges.example.org"]),
        ("another port", [.origin: "https://badges.example.org:8443"]),
        ("an opaque origin, no fetch metadata", [.origin: "null"]),
        ("a sandboxed page", [.origin: "null", site: "cross-site"]),
        ("no origin at all", [:]),
    ]

    /// What browsers send for a post from badged's own page: with fetch metadata (under
    /// badged's `Referrer-Policy: no-referrer` the origin is `null`), or an older browser's origin.
    static let allowed: [(String, HTTPFields)] = [
        ("fetch metadata, opaque origin", [.origin: "null", site: "same-origin"]),
        ("fetch metadata, own origin", [.origin: base, site: "same-origin"]),
        ("own origin, no fetch metadata", [.origin: "HTTPS://Badges.Example.org"]),
    ]

    static func post(_ client: any TestClientProtocol, _ path: String, _ extra: HTTPFields, body: String = "") async throws -> TestResponse {
        var headers: HTTPFields = [.accept: "text/html", .contentType: "application/x-www-form-urlencoded"]
        headers.append(contentsOf: extra)
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts every refused variant to `path` and checks each is a plain 403 page that set no cookie.
    static func expectRefused(_ client: any TestClientProtocol, _ path: String, body: String = "") async throws {
        for (name, headers) in refused {
            let answer = try await post(client, path, headers, body: body)
            #expect(answer.status == .forbidden, "\(name): \(answer.status)")
            #expect(answer.headers[.contentType]?.hasPrefix("text/html") == true, "\(name)")
            #expect(answer.text.contains("sent from another site"), "\(name)")
            #expect(answer.headers[.setCookie] == nil, "\(name)")
        }
        var json: HTTPFields = [.accept: "application/json"]
        json.append(contentsOf: refused[0].1)
        let problem = try await client.execute(uri: path, method: .post, headers: json, body: ByteBuffer(string: body))
        #expect(problem.status == .forbidden)
        #expect(problem.json["code"] as? String == "cross_site_form")
    }

    @Test(arguments: TestDatabases.engines)
    func anAccessLinkIsSpentOnlyFromItsOwnPage(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine, configuration: Self.configuration) { client, fixture in
            _ = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            for (name, headers) in Self.allowed {
                let link = try await client.accessLink(for: "email:ada@example.org", key: fixture.registrarKey)
                let path = try #require(URLComponents(string: link)?.path)
                #expect(link.hasPrefix(Self.base))
                try await Self.expectRefused(client, path)
                let entered = try await Self.post(client, path, headers)
                #expect(entered.status == .seeOther, "\(name): \(entered.text)")
                #expect(entered.headers[.setCookie]?.hasPrefix("__Host-badged-session=") == true, "\(name)")
                // Spent now: even from its own page it works no more.
                #expect(try await Self.post(client, path, headers).status == .badRequest, "\(name)")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aReviewerLinkIsSpentOnlyFromItsOwnPage(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine, configuration: Self.configuration) { client, fixture in
            for (name, headers) in Self.allowed {
                let issued = try await client.reviewLink(key: fixture.registrarKey)
                #expect(issued.status == .created, "\(issued.text)")
                let url = try #require(issued.json["url"] as? String)
                let path = try #require(URLComponents(string: url)?.path)
                try await Self.expectRefused(client, path)
                let entered = try await Self.post(client, path, headers)
                #expect(entered.status == .seeOther, "\(name): \(entered.text)")
                #expect(entered.headers[.setCookie]?.hasPrefix("__Host-badged-review=") == true, "\(name)")
                #expect(try await Self.post(client, path, headers).status == .badRequest, "\(name)")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aMailedConfirmationIsTakenOnlyFromItsOwnPage(engine: BadgeDatabase.Engine) async throws {
        let relay = try await LoopbackSMTPServer.start()
        defer { Task { await relay.stop() } }
        try await ClaimMailHTTPTests.withMailApp(engine, relay: relay, configuration: Self.configuration) { client, fixture, clock in
            let code = try #require(try await ClaimCodeHTTPTests.makeCode(#"{"max_uses": 5}"#, client, fixture)["code"] as? String)
            var visitor = WalletBrowser(client: client)
            for (number, (name, headers)) in Self.allowed.enumerated() {
                let address = "person\(number)@example.org"
                _ = try await visitor.post("/claim/mail", [("code", code), ("email", address)])
                let mail = try await ClaimMailHTTPTests.mail(to: address, from: relay, clock: clock)
                let path = try ClaimMailHTTPTests.linkPath(in: mail)
                let token = String(path.dropFirst("/claim/confirm/".count))
                try await Self.expectRefused(client, "/claim/confirm", body: "token=\(token)")
                // Nothing was spent: the link still opens its page.
                #expect(try await visitor.get(path).status == .ok, "\(name)")
                let confirmed = try await Self.post(client, "/claim/confirm", headers, body: "token=\(token)")
                #expect(confirmed.status == .ok, "\(name): \(confirmed.text)")
                #expect(confirmed.text.contains("Your badge is issued"), "\(name)")
            }
        }
    }
}
