import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import LTI
import LTITesting
import Primitives
import Testing

/// LTI Dynamic Registration against the in-process Moodle: the one-time link, the platform's
/// OpenID configuration and registration endpoints, and a launch with the new registration.
@Suite("LTI Dynamic Registration", .heavyLane)
struct LTIDynamicRegistrationTests {
    static let base = "https://badges.test"

    /// A one-time link made the way `badged platform register-url` makes it.
    static func cliLink(databaseURL: String, clock: FixedTimeSource = FixedTimeSource(), validFor: TimeInterval = 3600) async throws -> String {
        let reader = ConfigReader(
            provider: InMemoryProvider(values: [
                "db.url": .init(.string(databaseURL), isSecret: true), "public.base_url": .init(.string(base), isSecret: false),
            ])
        )
        let admin = try await AdminSession.open(reader: reader, logger: TestDatabases.logger, clock: clock)
        do {
            let link = try await admin.administration.makeRegistrationURL(institution: LTIBrowser.institution, validFor: validFor)
            try await admin.close()
            return String(link.url.dropFirst(base.count))
        } catch {
            try? await admin.close()
            throw error
        }
    }

    @Test(arguments: TestDatabases.engines)
    func moodleRegistersThroughAOneTimeLinkAndThenLaunches(engine: BadgeDatabase.Engine) async throws {
        try await TestPlatform.withRunning(.moodle, clock: FixedClock(LTIPlatformFlavourTests.start)) { platform in
            try await withTestApp(engine, configuration: ["public.base_url": .init(.string(Self.base), isSecret: false)]) { client, fixture in
                let made = try await client.send(.post, "/api/v1/platforms/registration-links", key: fixture.adminKey, json: "{}")
                #expect(made.status == .created)
                let url = try #require(made.json["url"] as? String)
                #expect(url.hasPrefix(Self.base + "/lti/register/"))
                let path = String(url.dropFirst(Self.base.count)) + "?" + platform.registrationQuery

                let page = try await client.send(.get, path)
                #expect(page.status == .ok)
                #expect(page.text.contains("postMessage({subject: \"org.imsglobal.lti.close\"}"))

                let sent = try #require(await platform.state.registrations.first)
                #expect(sent["initiate_login_uri"] == "https://badges.test/lti/login")
                #expect(sent["redirect_uris"] == ["https://badges.test/lti/launch"])
                #expect(sent["jwks_uri"] == "https://badges.test/lti/jwks")
                #expect(sent["token_endpoint_auth_method"] == "private_key_jwt")
                #expect(sent["scope"]?.stringValue?.contains(AGSScope.score) == true)
                let tool = try #require(sent["https://purl.imsglobal.org/spec/lti-tool-configuration"]?.objectValue)
                #expect(tool["domain"] == "badges.test")
                #expect(tool["target_link_uri"] == "https://badges.test/lti/launch")
                #expect(tool["claims"]?.arrayValue?.contains("email") == true)

                let listed = try await client.send(.get, "/api/v1/platforms", key: fixture.adminKey)
                let stored = try #require((listed.json["items"] as? [[String: Any]])?.first)
                #expect(stored["issuer"] as? String == platform.baseURL)
                #expect(stored["client_id"] as? String == platform.clientID)
                #expect(stored["deployment_ids"] as? [String] == [platform.deploymentID])
                #expect(stored["preset"] as? String == "moodle")
                #expect(stored["auth_url"] as? String == platform.baseURL + "/auth?tenant=1")

                try await LTIBrowser.shareToolKeys(with: platform, client: client)
                let launch = try await LTIBrowser(client: client, platform: platform).launch(.instructor)
                #expect(launch.status == .ok)
                #expect(launch.text.contains("Badges for Biology 101"))

                let reused = try await client.send(.get, path)
                #expect(reused.status == .forbidden)
                #expect(reused.headers[.contentType] == "application/problem+json")
                let unknown = try await client.send(.get, "/lti/register/\(String(repeating: "ab", count: 32))?" + platform.registrationQuery)
                #expect(unknown.status == .forbidden)
                #expect(await platform.state.registrations.count == 1)
            }
        }
    }

    @Test func aConfigurationNamingAnotherIssuerIsRefusedAndRegistersNothing() async throws {
        try await TestPlatform.withRunning(.moodle, clock: FixedClock(LTIPlatformFlavourTests.start)) { platform in
            try await withTestApp(configuration: ["public.base_url": .init(.string(Self.base), isSecret: false)]) { client, fixture in
                await platform.state.setConfigurationIssuer("https://moodle.elsewhere.example")
                let path = try await Self.cliLink(databaseURL: fixture.databaseURL)
                let refused = try await client.send(.get, path + "?" + platform.registrationQuery)
                #expect(refused.status == .badRequest)
                #expect(refused.json["code"] as? String == "invalid_request")
                #expect((refused.json["detail"] as? String)?.contains("issuer") == true)
                #expect(await platform.state.registrations.isEmpty)
                let listed = try await client.send(.get, "/api/v1/platforms", key: fixture.operatorKey)
                #expect((listed.json["items"] as? [[String: Any]])?.isEmpty == true)
            }
        }
    }

    @Test func aRequestWithoutConfigurationKeepsTheLinkAndAnExpiredLinkIsRefused() async throws {
        try await TestPlatform.withRunning(.moodle, clock: FixedClock(LTIPlatformFlavourTests.start)) { platform in
            try await withTestApp(configuration: ["public.base_url": .init(.string(Self.base), isSecret: false)]) { client, fixture in
                let path = try await Self.cliLink(databaseURL: fixture.databaseURL)
                let incomplete = try await client.send(.get, path + "?registration_token=x")
                #expect(incomplete.status == .badRequest)
                #expect(try await client.send(.get, path + "?" + platform.registrationQuery).status == .ok)

                let old = FixedTimeSource(LTIPlatformFlavourTests.start.addingTimeInterval(-7200))
                let expired = try await Self.cliLink(databaseURL: fixture.databaseURL, clock: old, validFor: 60)
                #expect(try await client.send(.get, expired + "?" + platform.registrationQuery).status == .forbidden)
            }
        }
    }

    /// With only the platform's own port allowlisted, a registration whose configuration URL
    /// names another loopback port is refused without telling what that port answered, and the
    /// platform's own URL still registers.
    @Test func onlyTheAllowlistedPortIsReached() async throws {
        try await TestPlatform.withRunning(.moodle, clock: FixedClock(LTIPlatformFlavourTests.start)) { platform in
            let port = try #require(URLComponents(string: platform.baseURL)?.port)
            let configuration: [AbsoluteConfigKey: ConfigValue] = [
                "public.base_url": .init(.string(Self.base), isSecret: false),
                "network.private_endpoint_allowlist": .init(.stringArray(["127.0.0.1:\(port)"]), isSecret: false),
            ]
            try await withTestApp(configuration: configuration) { client, fixture in
                let other = "http://127.0.0.1:\(port == 9 ? 10 : 9)/.well-known/openid-configuration"
                for query in ["openid_configuration=" + other, platform.registrationQuery] {
                    let made = try await client.send(.post, "/api/v1/platforms/registration-links", key: fixture.adminKey, json: "{}")
                    let url = try #require(made.json["url"] as? String)
                    let answer = try await client.send(.get, String(url.dropFirst(Self.base.count)) + "?" + query)
                    if query == platform.registrationQuery {
                        #expect(answer.status == .ok)
                    } else {
                        #expect(answer.status == .badRequest)
                        #expect(answer.json["code"] as? String == "forbidden_endpoint")
                    }
                }
            }
        }
    }
}
