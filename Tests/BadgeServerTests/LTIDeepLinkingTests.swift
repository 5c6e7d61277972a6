import BadgeCore
import BadgeServer
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LTI
import Testing

@Suite("LTI deep linking through the daemon")
struct LTIDeepLinkingTests {
    @Test func instructorPicksABadgeClassAndThePlatformGetsASignedResponse() async throws {
        let harness = LTILaunchTests()
        try await harness.withPlatform { issuer, key in
            try await withTestApp(configuration: ["public.base_url": "https://badges.test"]) { client, fixture in
                try await harness.register(issuer: issuer, databaseURL: fixture.databaseURL)
                let (state, nonce, cookie) = try await harness.login(client, issuer: issuer)
                var claims = harness.claims(issuer: issuer, nonce: nonce, instructor: true)
                claims[LTIClaim.messageType] = "LtiDeepLinkingRequest"
                claims[LTIClaim.resourceLink] = nil
                // Moodle sends the booleans as strings.
                claims[LTIClaim.deepLinkingSettings] = [
                    "deep_link_return_url": .string(issuer + "/mod/lti/contentitem_return.php?course=7&id=3"),
                    "accept_types": ["ltiResourceLink"], "accept_presentation_document_targets": ["iframe", "window"],
                    "accept_multiple": "false", "auto_create": "true", "accept_lineitem": "true", "data": "moodle-data-1",
                ]
                let page = try await harness.launch(client, token: try await key.sign(claims), state: state, cookie: cookie)
                #expect(page.status == .ok)
                #expect(page.text.contains("Place a badge in"))
                let session = try #require(Self.value(of: "session", in: page.text))
                let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
                let form = "session=\(session)&badge_class_id=\(micro.id.uuidString.lowercased())"
                let pick = try await client.execute(
                    uri: "/lti/deep-linking",
                    method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: form)
                )
                #expect(pick.status == .ok)
                #expect(pick.text.contains("contentitem_return.php"))
                let jwt = try #require(Self.value(of: "JWT", in: pick.text))
                let payloadPart = try #require(jwt.split(separator: ".").dropFirst().first)
                var base64 = payloadPart.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
                while base64.count % 4 != 0 { base64 += "=" }
                let payloadData = try #require(Data(base64Encoded: base64))
                let payload = try #require(try JSONSerialization.jsonObject(with: payloadData) as? [String: Any])
                #expect(payload[LTIClaim.messageType] as? String == "LtiDeepLinkingResponse")
                #expect(payload["aud"] as? String == issuer)
                #expect(payload[LTIClaim.deepLinkingData] as? String == "moodle-data-1")
                let items = try #require(payload[LTIClaim.contentItems] as? [[String: Any]])
                #expect((items.first?["custom"] as? [String: String])?["badge_class_id"] == micro.id.uuidString.lowercased())
                #expect(items.first?["lineItem"] != nil)

                let again = try await client.execute(
                    uri: "/lti/deep-linking",
                    method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: form)
                )
                #expect(again.status == .badRequest)
                #expect(again.json["field"] as? String == "session")
            }
        }
    }

    /// The value attribute of the hidden input with this name.
    static func value(of name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
