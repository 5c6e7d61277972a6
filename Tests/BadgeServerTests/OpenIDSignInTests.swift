import AsyncHTTPClient
import BadgeServer
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import LTITesting
import NIOCore
import NIOHTTP1
import Testing

/// Students signing in with OpenID Connect against a test provider on loopback: the happy path
/// on both engines, and every refused return (4xx with the reason, no session).
@Suite("OpenID Connect sign-in", .heavyLane)
struct OpenIDSignInTests {
    static let now = Date(timeIntervalSince1970: 1_788_253_200)

    static func configuration(_ provider: TestOpenIDProvider) -> [AbsoluteConfigKey: ConfigValue] {
        [
            "students.oidc.providers": .init(.stringArray(["testop"]), isSecret: false),
            "students.oidc.testop.issuer": .init(.string(provider.issuer), isSecret: false),
            "students.oidc.testop.client_id": .init(.string(TestOpenIDProvider.clientID), isSecret: false),
            "students.oidc.testop.client_secret": .init(.string(TestOpenIDProvider.clientSecret), isSecret: true),
            "students.oidc.testop.identity_claim": "email",
            "students.oidc.testop.recipient_type": "email",
            "students.oidc.testop.name": "Test ID",
        ]
    }

    static func withProviderAndDaemon(
        _ engine: BadgeDatabase.Engine,
        _ body: @Sendable (TestOpenIDProvider, any TestClientProtocol, TestFixture) async throws -> Void
    ) async throws {
        try await TestOpenIDProvider.withRunning(claims: ["sub": "pseudonym-4242", "email": "ada@example.org"], now: { now }) { provider in
            try await withTestApp(engine, configuration: configuration(provider)) { client, fixture in
                try await body(provider, client, fixture)
            }
        }
    }

    /// The browser's part: start, follow the provider's approval, and return.
    /// - Parameter cookie: the binding cookie to send back (default: the one badged set).
    static func signIn(
        _ client: any TestClientProtocol,
        cookie: ((String) -> String?)? = nil,
        state: ((String) -> String)? = nil
    ) async throws -> TestResponse {
        let start = try await client.send(.get, "/wallet/oidc/testop")
        #expect(start.status == .found)
        let setCookie = try #require(start.headers[.setCookie])
        #expect(setCookie.hasPrefix("__Host-badged-oidc=") && setCookie.contains("; Secure; HttpOnly; SameSite=Lax"))
        let binding = String(setCookie.dropFirst("__Host-badged-oidc=".count).prefix { $0 != ";" })
        let authorize = try #require(start.headers[.location])
        #expect(authorize.contains("code_challenge_method=S256") && authorize.contains("nonce=") && authorize.contains("state="))
        let approval = try await OutboundClient.shared.execute(HTTPClientRequest(url: authorize), timeout: .seconds(10))
        #expect(approval.status == .found)
        let back = try #require(approval.headers.first(name: "location").flatMap { URLComponents(string: $0) })
        var query = back.queryItems ?? []
        if let state, let index = query.firstIndex(where: { $0.name == "state" }) {
            query[index].value = state(query[index].value ?? "")
        }
        var components = URLComponents()
        components.path = back.path
        components.queryItems = query
        var headers: HTTPFields = [.accept: "text/html"]
        if let sent = cookie.map({ $0(binding) }) ?? binding { headers[.cookie] = "__Host-badged-oidc=\(sent)" }
        return try await client.execute(uri: components.string ?? "", method: .get, headers: headers, body: nil)
    }

    @Test(arguments: TestDatabases.engines)
    func aVerifiedIDTokenOpensTheStudentsWallet(engine: BadgeDatabase.Engine) async throws {
        try await Self.withProviderAndDaemon(engine) { provider, client, fixture in
            let ada = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            let bob = try await IssuingTests.awardMicroCredential(client, fixture, to: "bob@example.org")
            let page = try await client.send(.get, "/wallet/sign-in", headers: [.accept: "text/html"])
            #expect(page.text.contains("href=\"/wallet/oidc/testop\"") && page.text.contains("Sign in with Test ID"))

            let returned = try await Self.signIn(client)
            #expect(returned.status == .seeOther)
            #expect(returned.headers[.location] == "/wallet")
            let cookies = returned.headers[values: .setCookie]
            #expect(cookies.contains { $0.hasPrefix("__Host-badged-oidc=;") && $0.contains("Max-Age=0") })
            var browser = WalletBrowser(client: client)
            browser.session = try #require(cookies.compactMap(WalletBrowser.cookieValue).first { !$0.isEmpty })
            let wallet = try await browser.get("/wallet")
            #expect(wallet.status == .ok)
            #expect(wallet.text.contains(ada) && !wallet.text.contains(bob))
            #expect(provider.tokensIssued == 1)
            // The state works once.
            #expect(try await AwardBatchTests.count("SELECT COUNT(*) AS n FROM student_sign_ins", databaseURL: fixture.databaseURL) == 0)
        }
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let tampering: TestOpenIDProvider.Tampering
        var cookie: (@Sendable (String) -> String?)?
        var state: (@Sendable (String) -> String)?
        let reason: String
        var testDescription: String { name }

        static func token(_ name: String, reason: String, _ change: (inout TestOpenIDProvider.Tampering) -> Void) -> Refusal {
            var tampering = TestOpenIDProvider.Tampering()
            change(&tampering)
            return Refusal(name: name, tampering: tampering, reason: reason)
        }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "bad state", tampering: .init(), state: { _ in String(repeating: "f", count: 64) }, reason: "unknown"),
        Refusal(name: "another browser", tampering: .init(), cookie: { _ in String(repeating: "0", count: 64) }, reason: "another browser"),
        Refusal(name: "no browser cookie", tampering: .init(), cookie: { _ in nil }, reason: "another browser"),
        .token("wrong nonce", reason: "nonce") { $0.nonce = "not-the-nonce" },
        .token("wrong audience", reason: "not meant for badged") { $0.audience = "someone-else" },
        .token("wrong issuer", reason: "another issuer") { $0.issuer = "https://evil.example" },
        .token("expired", reason: "expired") { $0.lifetime = -3_600 },
        .token("alg none", reason: "unsigned") { $0.algorithm = "none" },
        .token("HS256", reason: "shared secret") { $0.algorithm = "HS256" },
    ]

    @Test(arguments: refusals)
    func aRefusedReturnAnswers4xxWithTheReasonAndStartsNoSession(_ refusal: Refusal) async throws {
        try await Self.withProviderAndDaemon(.sqlite) { provider, client, fixture in
            provider.tamper(refusal.tampering)
            let returned = try await Self.signIn(client, cookie: refusal.cookie, state: refusal.state)
            #expect(returned.status == .badRequest)
            #expect(returned.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(returned.text.contains(refusal.reason), "\(returned.text)")
            #expect(!returned.headers[values: .setCookie].contains { $0.hasPrefix("__Host-badged-session=") })
            #expect(try await AwardBatchTests.count("SELECT COUNT(*) AS n FROM student_sessions", databaseURL: fixture.databaseURL) == 0)
        }
    }

    @Test func anUnknownProviderAnswers404() async throws {
        try await Self.withProviderAndDaemon(.sqlite) { _, client, _ in
            #expect(try await client.send(.get, "/wallet/oidc/nope").status == .notFound)
            #expect(try await client.send(.get, "/wallet/oidc/nope/callback?code=x&state=y").status == .notFound)
            let denied = try await client.send(.get, "/wallet/oidc/testop/callback?error=access_denied", headers: [.accept: "text/html"])
            #expect(denied.status == .badRequest)
            #expect(denied.text.contains("access_denied"))
        }
    }
}
