import Foundation
import JWTKit
import LTI
import LTITesting
import Primitives
import Testing

@Suite("Deep linking responses")
struct DeepLinkingTests {
    static let instructor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
    static let items = [
        DeepLinkingContentItem(
            title: "Biology badge <exam>",
            url: URL(string: "https://tool.example/lti/launch?badge=bio&x=1"),
            custom: ["badge_class": "bio-1"],
            lineItem: .init(scoreMaximum: 10, label: "Final exam", resourceID: "bio-1", tag: "badge")
        )
    ]

    @Test func moodleDeepLinkingRequestIsAnsweredWithASignedResponseThatEchoesData() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            let harness = await LaunchHarness(platform: platform)
            let launch = try await harness.launch(messageType: "LtiDeepLinkingRequest", roles: [Self.instructor])
            let response = try await DeepLinkingResponse.make(
                for: launch,
                items: Self.items,
                message: "Badge placed",
                key: TestPlatform.toolKey,
                clock: platform.clock,
                randomness: CountingRandomness()
            )
            let jwks = try ToolKeySet(current: TestPlatform.toolKey).jwksJSON()
            let keys = try await JWTKeyCollection().add(jwksJSON: String(decoding: jwks, as: UTF8.self))
            let claims = try await keys.verify(response.jwt, as: RawClaims.self).values
            #expect(claims["iss"] == .string(platform.clientID))
            #expect(claims["aud"] == .string(platform.issuer))
            #expect(claims[LTIClaim.deploymentID] == "3")
            #expect(claims[LTIClaim.messageType] == "LtiDeepLinkingResponse")
            #expect(claims[LTIClaim.version] == "1.3.0")
            #expect(claims[LTIClaim.deepLinkingData] == "moodle-data-1")
            #expect(claims[LTIClaim.deepLinkingMessage] == "Badge placed")
            #expect(claims["exp"]?.numberValue == platform.clock.now().timeIntervalSince1970 + 300)
            let item = try #require(claims[LTIClaim.contentItems]?.arrayValue?.first?.objectValue)
            #expect(item["type"] == "ltiResourceLink")
            #expect(item["title"] == "Biology badge <exam>")
            #expect(item["custom"] == ["badge_class": "bio-1"])
            #expect(item["lineItem"] == ["scoreMaximum": 10, "label": "Final exam", "resourceId": "bio-1", "tag": "badge"])
            #expect(response.returnURL == launch.deepLinking?.returnURL)

            let again = try await DeepLinkingResponse.make(
                for: launch,
                items: Self.items,
                message: "Badge placed",
                key: TestPlatform.toolKey,
                clock: platform.clock,
                randomness: CountingRandomness()
            )
            #expect(again.jwt == response.jwt)
        }
    }

    @Test func autoSubmittingFormEscapesEverything() {
        let response = DeepLinkingResponse(jwt: "a.b\"<c>", returnURL: URL(string: "https://lms.example/return?course=7&id=3")!)
        let html = response.htmlForm
        #expect(html.contains(#"action="https://lms.example/return?course=7&amp;id=3""#))
        #expect(html.contains(#"<input type="hidden" name="JWT" value="a.b&quot;&lt;c&gt;">"#))
        #expect(html.contains(#"method="post""#))
        #expect(html.contains(".submit()"))
    }

    @Test func severalItemsAreRefusedWhenThePlatformAcceptsOne() async throws {
        try await TestPlatform.withRunning(.canvas) { platform in
            let harness = await LaunchHarness(platform: platform)
            let launch = try await harness.launch(messageType: "LtiDeepLinkingRequest", roles: [Self.instructor])
            let error = await #expect(throws: LTIError.self) {
                try await DeepLinkingResponse.make(for: launch, items: Self.items + Self.items, key: TestPlatform.toolKey)
            }
            #expect(error?.code == .invalidRequest)
        }
    }

    @Test func resourceLinkLaunchCannotBeAnsweredWithContentItems() async throws {
        try await TestPlatform.withRunning(.canvas) { platform in
            let harness = await LaunchHarness(platform: platform)
            let launch = try await harness.launch()
            await #expect(throws: LTIError.self) { try await DeepLinkingResponse.make(for: launch, items: Self.items, key: TestPlatform.toolKey) }
        }
    }
}
