import AsyncHTTPClient
import BadgeCore
import BadgeIssuing
import BadgeServer
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

/// `badged platform show` and `badged platform rotate-key` against a running daemon that keeps its
/// tool keys sealed in the database.
@Suite("LTI tool key rotation", .heavyLane)
struct LTIToolKeyRotationTests {
    static let keyEncryptionKey = ConfigValue(.string(Data(repeating: 7, count: 32).base64EncodedString()), isSecret: true)

    func kids(_ client: any TestClientProtocol) async throws -> [String] {
        let response = try await client.send(.get, "/lti/jwks")
        return (response.json["keys"] as? [[String: Any]])?.compactMap { $0["kid"] as? String } ?? []
    }

    @Test func rotationKeepsTheOldKeyPublishedAndSignsWithTheNewKid() async throws {
        try await TestPlatform.withRunning(.moodle, clock: FixedClock(LTIPlatformFlavourTests.start)) { platform in
            let configuration: [AbsoluteConfigKey: ConfigValue] = [
                "public.base_url": "https://badges.test", "signing.key_encryption_key": Self.keyEncryptionKey,
            ]
            try await withTestApp(configuration: configuration) { client, fixture in
                try await LTIBrowser.register(platform, client: client, databaseURL: fixture.databaseURL)
                let before = try await kids(client)
                #expect(before.count == 1)

                let reader = ConfigReader(
                    provider: InMemoryProvider(values: [
                        "db.url": .init(.string(fixture.databaseURL), isSecret: true), "signing.key_encryption_key": Self.keyEncryptionKey,
                        "public.base_url": "https://badges.test",
                    ])
                )
                let admin = try await AdminSession.open(reader: reader, logger: TestDatabases.logger)
                let sheet: String
                let rotated: ToolKey
                let keys: ToolKeySet
                do {
                    let shown = try #require(try await admin.administration.toolKeySet())
                    #expect(shown.current.kid == before[0])
                    rotated = try await admin.administration.rotateToolKey()
                    keys = try #require(try await admin.administration.toolKeySet())
                    sheet = try ToolEndpoints(reader: reader).registrationSheet(keys: keys)
                    try await admin.close()
                } catch {
                    try? await admin.close()
                    throw error
                }
                #expect(rotated.kid != before[0])
                #expect(keys.current.kid == rotated.kid)
                #expect(try await kids(client) == [rotated.kid, before[0]])

                #expect(sheet.contains("Initiate login URL / OpenID Connect Initiation Url: https://badges.test/lti/login"))
                #expect(sheet.contains("Public keyset URL / Public JWK URL:                 https://badges.test/lti/jwks"))
                #expect(sheet.contains("Public key id (kid): \(rotated.kid)"))
                #expect(sheet.contains("Also published (previous keys): \(before[0])"))
                for line in rotated.publicKeyPEM.split(separator: "\n") { #expect(sheet.contains(line)) }
                let jwk = String(decoding: try JSONEncoder().encode(try rotated.publicJWK()), as: UTF8.self)
                #expect(sheet.contains("\"kid\":\"\(rotated.kid)\""))
                #expect(jwk.contains(rotated.kid))

                // The platform refetches the JWKS; the next deep-linking response carries the new kid.
                try await LTIBrowser.shareToolKeys(with: platform, client: client)
                let browser = LTIBrowser(client: client, platform: platform)
                let page = try await browser.launch(.deepLinking)
                let session = try #require(LTIBrowser.hiddenValue("session", in: page.text))
                let badgeClass = fixture.tree.badgeClasses[0]
                let pick = try await client.execute(
                    uri: "/lti/deep-linking",
                    method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "session=\(session)&badge_class_id=\(badgeClass.id.uuidString.lowercased())")
                )
                #expect(try await browser.submitToPlatform(pick.text) == 200)
                #expect(await platform.state.deepLinks.last?.kid == rotated.kid)

                // Client assertions for AGS/NRPS tokens use the new key, and the platform accepts them.
                let tokens = AccessTokenProvider(client: .shared, policy: TestPlatform.outboundPolicy, key: keys.current, clock: platform.clock)
                _ = try await tokens.token(for: platform.registration, scopes: [AGSScope.score])
                #expect(await platform.state.clientAssertionKids == [rotated.kid])
            }
        }
    }

    @Test func rotationNeedsAKeyEncryptionKey() async throws {
        try await withTestApp { _, fixture in
            let reader = ConfigReader(provider: InMemoryProvider(values: ["db.url": .init(.string(fixture.databaseURL), isSecret: true)]))
            let admin = try await AdminSession.open(reader: reader, logger: TestDatabases.logger)
            let keys = try await admin.administration.toolKeySet()
            let error = await #expect(throws: IssuingError.self) { try await admin.administration.rotateToolKey() }
            try await admin.close()
            #expect(keys == nil)
            #expect(error?.field == "signing.key_encryption_key")
            let sheet = try ToolEndpoints(reader: reader).registrationSheet(keys: nil)
            #expect(sheet.contains("Set signing.key_encryption_key"))
        }
    }
}
