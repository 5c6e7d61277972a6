import BadgeCore
import BadgeServer
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LTI
import Testing

/// A Moodle-flavoured platform on 127.0.0.1 that publishes its JWKS and signs id_tokens, and
/// badged on another port: the whole login → launch flow over real HTTP.
@Suite("LTI 1.3 login and launch through the daemon")
struct LTILaunchTests {
    static let clientID = "badged-moodle"

    func withPlatform(_ body: @Sendable (_ issuer: String, _ key: ToolKey) async throws -> Void) async throws {
        let key = try EphemeralToolKey.make(kid: "moodle-1")
        let jwks = try ToolKeySet(current: key).jwksJSON()
        let router = Router()
        router.get("mod/lti/certs.php") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: jwks)))
        }
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { client in
            let port = try #require(client.port)
            try await body("http://127.0.0.1:\(port)", key)
        }
    }

    func register(issuer: String, databaseURL: String) async throws {
        let reader = ConfigReader(provider: InMemoryProvider(values: ["db.url": .init(.string(databaseURL), isSecret: true)]))
        let session = try await AdminSession.open(reader: reader, logger: TestDatabases.logger)
        let platform = try PlatformFactory.make(
            preset: .moodle,
            issuer: issuer,
            clientID: Self.clientID,
            deploymentIDs: ["3"],
            authURL: nil,
            tokenURL: nil,
            jwksURL: nil
        )
        try await session.registerPlatform(platform, institution: "universiteit-harderwijk.nl")
        try await session.close()
    }

    /// Runs the login and returns the state, nonce and cookie header the browser would hold.
    func login(_ client: any TestClientProtocol, issuer: String) async throws -> (state: String, nonce: String, cookie: String) {
        let query = "iss=\(issuer)&login_hint=u42&target_link_uri=https://badges.test/lti/launch&client_id=\(Self.clientID)&lti_deployment_id=3"
        let response = try await client.send(.get, "/lti/login?\(query)")
        #expect(response.status == .found)
        let location = try #require(response.headers[.location].flatMap(URLComponents.init(string:)))
        #expect(location.path == "/mod/lti/auth.php")
        let items = Dictionary(uniqueKeysWithValues: (location.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(items["redirect_uri"] == "https://badges.test/lti/launch")
        #expect(items["response_mode"] == "form_post")
        let setCookie = try #require(response.headers[.setCookie])
        #expect(setCookie.contains("SameSite=None") && setCookie.contains("Secure") && setCookie.contains("HttpOnly"))
        let cookie = String(setCookie.prefix { $0 != ";" })
        return (try #require(items["state"]), try #require(items["nonce"]), cookie)
    }

    func claims(issuer: String, nonce: String, instructor: Bool) -> [String: JSONValue] {
        let now = FixedTimeSource().now().timeIntervalSince1970
        let role = instructor ? "Instructor" : "Learner"
        return [
            "iss": .string(issuer), "aud": .string(Self.clientID), "sub": "u42", "email": "u42@example.edu", "exp": .number(now + 60),
            "iat": .number(now),
            "nonce": .string(nonce),
            LTIClaim.deploymentID: "3", LTIClaim.messageType: "LtiResourceLinkRequest", LTIClaim.version: "1.3.0",
            LTIClaim.resourceLink: ["id": "quiz-1"],
            LTIClaim.roles: [.string("http://purl.imsglobal.org/vocab/lis/v2/membership#\(role)")],
            LTIClaim.context: ["id": "course-7", "title": "Minor <Data Science>"],
        ]
    }

    func launch(_ client: any TestClientProtocol, token: String, state: String, cookie: String) async throws -> TestResponse {
        try await client.execute(
            uri: "/lti/launch",
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
            body: ByteBuffer(string: "id_token=\(token)&state=\(state)")
        )
    }

    @Test func instructorLaunchShowsTheInstitutionsBadgeClassesAndCannotBeReplayed() async throws {
        try await withPlatform { issuer, key in
            try await withTestApp(configuration: ["public.base_url": "https://badges.test"]) { client, fixture in
                try await register(issuer: issuer, databaseURL: fixture.databaseURL)
                let (state, nonce, cookie) = try await login(client, issuer: issuer)
                let token = try await key.sign(claims(issuer: issuer, nonce: nonce, instructor: true))
                let accepted = try await launch(client, token: token, state: state, cookie: cookie)
                #expect(accepted.status == .ok)
                #expect(accepted.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(accepted.text.contains("Badges for Minor &lt;Data Science&gt;"))
                #expect(accepted.text.contains("Energy Transition Modelling for Professionals"))

                let replayed = try await launch(client, token: token, state: state, cookie: cookie)
                #expect(replayed.status == .unauthorized)
                #expect(replayed.headers[.contentType] == "application/problem+json")
                #expect(replayed.json["code"] as? String == "replayed_nonce")
            }
        }
    }

    @Test func forgedOrMisaddressedLaunchesAreRefusedWith4xx() async throws {
        try await withPlatform { issuer, key in
            try await withTestApp(configuration: ["public.base_url": "https://badges.test"]) { client, fixture in
                try await register(issuer: issuer, databaseURL: fixture.databaseURL)

                let forger = try EphemeralToolKey.make(kid: "moodle-1")
                let first = try await login(client, issuer: issuer)
                let forged = try await forger.sign(claims(issuer: issuer, nonce: first.nonce, instructor: true))
                let refused = try await launch(client, token: forged, state: first.state, cookie: first.cookie)
                #expect(refused.status == .unauthorized)
                #expect(refused.json["code"] as? String == "invalid_signature")

                let second = try await login(client, issuer: issuer)
                var wrongAudience = claims(issuer: issuer, nonce: second.nonce, instructor: false)
                wrongAudience["aud"] = "someone-else"
                let misaddressed = try await launch(client, token: try await key.sign(wrongAudience), state: second.state, cookie: second.cookie)
                #expect(misaddressed.status == .unauthorized)
                #expect(misaddressed.json["code"] as? String == "wrong_audience")

                let third = try await login(client, issuer: issuer)
                let token = try await key.sign(claims(issuer: issuer, nonce: third.nonce, instructor: false))
                let noCookie = try await launch(client, token: token, state: third.state, cookie: "other=1")
                #expect(noCookie.status.code / 100 == 4)
                let student = try await launch(client, token: token, state: third.state, cookie: third.cookie)
                #expect(student.status == .ok)
                #expect(student.text.contains("Your badges for"))

                let unknown = try await client.send(
                    .get,
                    "/lti/login?iss=https://unknown.example&login_hint=x&target_link_uri=https://badges.test/lti/launch"
                )
                #expect(unknown.status == .forbidden)
                #expect(unknown.json["code"] as? String == "unknown_platform")
            }
        }
    }

    @Test func jwksPublishesTheToolKey() async throws {
        try await withTestApp { client, _ in
            let response = try await client.send(.get, "/lti/jwks")
            #expect(response.status == .ok)
            let keys = try #require(response.json["keys"] as? [[String: Any]])
            #expect(keys.count == 1)
            #expect(keys[0]["kty"] as? String == "RSA")
            #expect(keys[0]["alg"] as? String == "RS256")
        }
    }
}
