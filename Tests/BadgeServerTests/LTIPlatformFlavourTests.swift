import BadgeCore
import BadgeIssuing
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import LTI
import LTITesting
import NIOCore
import Primitives
import Testing

@testable import BadgeServer

/// The in-process Moodle and Canvas platforms of LTITesting against the live daemon: every launch
/// goes through the platform's login initiation, badged's redirect, the platform's authorization
/// endpoint and its id_token form_post, over loopback HTTP.
@Suite("Moodle and Canvas launches through the daemon", .heavyLane)
struct LTIPlatformFlavourTests {
    static let flavours: [TestPlatform.Flavour] = [.moodle, .canvas]
    /// The daemon's fixed clock (FixedTimeSource), so that the platform's tokens are current.
    static let start = Date(timeIntervalSince1970: 1_788_253_200)

    static func withPlatformAndDaemon(
        _ flavour: TestPlatform.Flavour,
        engine: BadgeDatabase.Engine = .sqlite,
        configuration: [AbsoluteConfigKey: ConfigValue] = [:],
        _ body: @Sendable (LTIBrowser, TestFixture) async throws -> Void
    ) async throws {
        try await TestPlatform.withRunning(flavour, clock: FixedClock(start)) { platform in
            var values: [AbsoluteConfigKey: ConfigValue] = ["public.base_url": "https://badges.test"]
            values.merge(configuration) { _, new in new }
            try await withTestApp(engine, configuration: values) { client, fixture in
                try await LTIBrowser.register(platform, client: client, databaseURL: fixture.databaseURL)
                try await body(LTIBrowser(client: client, platform: platform), fixture)
            }
        }
    }

    /// Awards a badge class with the CLI's admin session.
    static func award(_ badgeClass: Record<BadgeClass>, to recipient: Recipient, databaseURL: String) async throws {
        let reader = ConfigReader(provider: InMemoryProvider(values: ["db.url": .init(.string(databaseURL), isSecret: true)]))
        let session = try await AdminSession.open(reader: reader, logger: TestDatabases.logger, clock: FixedTimeSource())
        do {
            let result = try await session.administration.award(badgeClassID: badgeClass.id, recipients: [recipient]) { _ in }
            try await session.close()
            #expect(result.created == 1)
        } catch {
            try? await session.close()
            throw error
        }
    }

    @Test(arguments: flavours)
    func instructorLaunchListsTheInstitutionsBadgeClasses(flavour: TestPlatform.Flavour) async throws {
        try await Self.withPlatformAndDaemon(flavour) { browser, fixture in
            let page = try await browser.launch(.instructor)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("Badges for Biology 101"))
            for badgeClass in fixture.tree.badgeClasses.prefix(3) {
                #expect(page.text.contains(badgeClass.name.preferred(badgeClass.language)))
            }
            #expect(page.headers[.setCookie]?.contains("Max-Age=0") == true)
            // The LMS, and only it, may frame the launch page.
            let policy = try #require(page.headers[HTTPField.Name("Content-Security-Policy")!])
            let platformOrigin = try #require(
                URLComponents(string: browser.platform.baseURL).map { "\($0.scheme ?? "")://\($0.host ?? ""):\($0.port ?? 0)" }
            )
            // Moodle is framed from its site (the issuer); hosted Canvas from its instances.
            #expect(policy.contains(flavour == .moodle ? platformOrigin : "https://*.instructure.com"))
            #expect(!policy.contains("frame-ancestors 'none'"))
        }
    }

    @Test(arguments: flavours, TestDatabases.engines)
    func studentLaunchShowsTheStudentsOwnBadges(flavour: TestPlatform.Flavour, engine: BadgeDatabase.Engine) async throws {
        try await Self.withPlatformAndDaemon(flavour, engine: engine) { browser, fixture in
            let held = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let other = try #require(fixture.tree.badgeClasses.first { $0.id != held.id })
            try await Self.award(held, to: Recipient(type: .email, identity: "Ada@Example.edu"), databaseURL: fixture.databaseURL)
            try await Self.award(other, to: Recipient(type: .email, identity: "someone@example.edu"), databaseURL: fixture.databaseURL)
            // A badge of the student's that was revoked is not listed.
            let withdrawn = try #require(fixture.tree.badgeClasses.first { $0.id != held.id && $0.id != other.id })
            let awarded = try await browser.client.send(
                .post,
                "/api/v1/badge-classes/\(withdrawn.id.uuidString.lowercased())/assertions",
                key: fixture.registrarKey,
                json: IssuingTests.awardBody("ada@example.edu")
            )
            let withdrawnID = try #require(awarded.json["assertion_id"] as? String)
            let revoked = try await browser.client.send(
                .post,
                "/api/v1/assertions/\(withdrawnID)/revoke",
                key: fixture.registrarKey,
                json: #"{"reason": "Awarded in error"}"#
            )
            #expect(revoked.status == .ok)
            let page = try await browser.launch(.student)
            #expect(page.status == .ok)
            #expect(page.text.contains("Your badges for Biology 101"))
            #expect(page.text.contains(HTMLEscaped.name(of: held)))
            #expect(page.text.contains("href=\"https://badges.test/public/assertions/"))
            #expect(!page.text.contains(HTMLEscaped.name(of: other)))
            #expect(!page.text.contains(HTMLEscaped.name(of: withdrawn)))
            #expect(!page.text.contains(withdrawnID))
        }
    }

    @Test(arguments: flavours)
    func deepLinkingLaunchPlacesABadgeClassThePlatformAccepts(flavour: TestPlatform.Flavour) async throws {
        try await Self.withPlatformAndDaemon(flavour) { browser, fixture in
            let page = try await browser.launch(.deepLinking)
            #expect(page.status == .ok)
            #expect(page.text.contains("Place a badge in Biology 101"))
            let session = try #require(LTIBrowser.hiddenValue("session", in: page.text))
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let pick = try await browser.client.execute(
                uri: "/lti/deep-linking",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "session=\(session)&badge_class_id=\(micro.id.uuidString.lowercased())")
            )
            #expect(pick.status == .ok)
            // The auto-submit script runs by its hash, and the form may post to the platform only.
            let answerPolicy = try #require(pick.headers[HTTPField.Name("Content-Security-Policy")!])
            #expect(answerPolicy.contains(ContentSecurityPolicy.hashSource(DeepLinkingResponse.autoSubmitScript)))
            #expect(answerPolicy.contains("form-action 'self' http://127.0.0.1:"))
            #expect(try await browser.submitToPlatform(pick.text) == 200)
            let again = try await browser.client.execute(
                uri: "/lti/deep-linking",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "session=\(session)&badge_class_id=\(micro.id.uuidString.lowercased())")
            )
            #expect(again.status == .badRequest)
            #expect(again.json["field"] as? String == "session")

            let received = try #require(await browser.platform.state.deepLinks.first)
            let jwks = try await browser.client.send(.get, "/lti/jwks")
            let kids = (jwks.json["keys"] as? [[String: Any]] ?? []).compactMap { $0["kid"] as? String }
            #expect(kids.contains(received.kid))
            #expect(received.data == (flavour == .moodle ? "moodle-data-1" : "canvas-data-1"))
            #expect(received.returnPath.hasSuffix(flavour == .moodle ? "contentitem_return.php?course=7&id=3" : "deep_linking_response?modal=true"))
            let item = try #require(received.items.first?.objectValue)
            #expect(item["type"] == "ltiResourceLink")
            #expect(item["custom"]?.objectValue?["badge_class_id"]?.stringValue == micro.id.uuidString.lowercased())
            #expect(item["lineItem"] != nil)

            // The badge class is now linked into the course: the student page lists only its badges.
            let other = try #require(fixture.tree.badgeClasses.first { $0.id != micro.id })
            try await Self.award(other, to: Recipient(type: .email, identity: "ada@example.edu"), databaseURL: fixture.databaseURL)
            try await Self.award(micro, to: Recipient(type: .email, identity: "ada@example.edu"), databaseURL: fixture.databaseURL)
            let student = try await browser.launch(.student)
            #expect(student.text.contains(HTMLEscaped.name(of: micro)))
            #expect(!student.text.contains(HTMLEscaped.name(of: other)))
        }
    }
}

/// Badge class names as the launch page writes them.
enum HTMLEscaped {
    static func name(of record: Record<BadgeClass>) -> String {
        record.name.preferred(record.language).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
