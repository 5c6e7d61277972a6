import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import LTI
import LTITesting
import Primitives
import Testing

/// Refused launches through the daemon: replayed, forged, misaddressed, cookie-less and unknown
/// platforms all answer 4xx problem documents, for both LMS flavours.
@Suite("LTI 1.3 login and launch through the daemon", .heavyLane)
struct LTILaunchTests {
    static let flavours: [TestPlatform.Flavour] = [.moodle, .canvas]

    @Test(arguments: flavours)
    func anAcceptedLaunchCannotBeReplayed(flavour: TestPlatform.Flavour) async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(flavour) { browser, _ in
            let (fields, cookie) = try await browser.authorize(.instructor)
            let accepted = try await browser.postLaunch(fields, cookie: cookie)
            #expect(accepted.status == .ok)
            let replayed = try await browser.postLaunch(fields, cookie: cookie)
            #expect(replayed.status.code / 100 == 4)
            #expect(replayed.headers[.contentType] == "application/problem+json")
            #expect(["replayed_nonce", "unknown_state"].contains(replayed.json["code"] as? String ?? ""))
        }
    }

    @Test(arguments: flavours)
    func forgedOrMisaddressedLaunchesAreRefusedWith4xx(flavour: TestPlatform.Flavour) async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(flavour) { browser, _ in
            // A forger's key under the platform's key id.
            let forger = try EphemeralToolKey.make(kid: TestPlatform.keyA.kid)
            let forged = try await browser.launch(LaunchScenario(roles: [LaunchScenario.instructorRole], signingKey: forger))
            #expect(forged.status == .unauthorized)
            #expect(forged.json["code"] as? String == "invalid_signature")

            let misaddressed = try await browser.launch(LaunchScenario(claims: ["aud": "someone-else", "azp": "someone-else"]))
            #expect(misaddressed.status == .unauthorized)
            #expect(misaddressed.json["code"] as? String == "wrong_audience")

            let unknownDeployment = try await browser.launch(LaunchScenario(claims: [LTIClaim.deploymentID: "99"]))
            #expect(unknownDeployment.status.code / 100 == 4)
            #expect(unknownDeployment.json["code"] as? String == "unknown_deployment")

            let (fields, cookie) = try await browser.authorize(.student)
            let noCookie = try await browser.postLaunch(fields, cookie: "other=1")
            switch flavour {
            case .moodle:
                #expect(noCookie.status.code / 100 == 4)
                #expect(noCookie.json["code"] as? String == "state_mismatch")
            case .canvas:
                // Canvas names its storage frame: the answer is the page that reads the state
                // back from it (LTIPlatformStorageTests), and nothing is spent yet.
                #expect(noCookie.status == .ok)
                #expect(LTIBrowser.dataAttribute("mode", in: noCookie.text) == "get")
                #expect(!noCookie.text.contains("Your badges for"))
            }
            let student = try await browser.postLaunch(fields, cookie: cookie)
            #expect(student.status == .ok)
            #expect(student.text.contains("Your badges for"))

            let unknown = try await browser.client.send(
                .get,
                "/lti/login?iss=https://unknown.example&login_hint=x&target_link_uri=https://badges.test/lti/launch"
            )
            #expect(unknown.status == .forbidden)
            #expect(unknown.json["code"] as? String == "unknown_platform")
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
