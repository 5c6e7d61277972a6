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

/// A deep-linking request whose return URL is not the platform's is refused before anything is
/// shown: the tool would otherwise auto-post (or run) there in its own origin.
@Suite("Deep-linking return URLs")
struct DeepLinkingReturnURLTests {
    @Test(arguments: [TestPlatform.Flavour.moodle, .canvas])
    func returnURLsOutsideThePlatformAreRefused(flavour: TestPlatform.Flavour) async throws {
        try await TestPlatform.withRunning(flavour) { platform in
            let harness = await LaunchHarness(platform: platform)
            for hostile in [
                "javascript:alert(document.domain)//", "https://evil.example/return", "http://lms.example.org/return", "data:text/html,x",
            ] {
                let error = await #expect(throws: LTIError.self) {
                    try await harness.launch(messageType: "LtiDeepLinkingRequest", roles: [DeepLinkingTests.instructor]) { claims in
                        var settings = claims[LTIClaim.deepLinkingSettings]?.objectValue ?? [:]
                        settings["deep_link_return_url"] = .string(hostile)
                        claims[LTIClaim.deepLinkingSettings] = .object(settings)
                    }
                }
                #expect(error?.code == .untrustedReturnURL, "\(hostile)")
            }
            let accepted = try await harness.launch(messageType: "LtiDeepLinkingRequest", roles: [DeepLinkingTests.instructor])
            #expect(accepted.deepLinking?.returnURL.host() == URL(string: platform.baseURL)?.host())
        }
    }

    @Test func hostedCanvasInstancesAreThePlatformsHosts() throws {
        let canvas = Platform.canvas(clientID: "1", deploymentIDs: ["1"])
        #expect(canvas.acceptsReturnURL(try #require(URL(string: "https://uni.instructure.com/courses/7/deep_linking_response"))))
        #expect(!canvas.acceptsReturnURL(try #require(URL(string: "https://instructure.com.evil.example/x"))))
        #expect(!canvas.acceptsReturnURL(try #require(URL(string: "https://user:pw@uni.instructure.com/x"))))
    }
}
