import Foundation
import LTI
import LTITesting
import Primitives
import Testing

@Suite("Validated launches")
struct LaunchTests {
    static let instructor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"

    @Test func moodleInstructorResourceLinkLaunchYieldsTheLaunchClaims() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            let harness = await LaunchHarness(platform: platform)
            let launch = try await harness.launch(roles: [Self.instructor])
            #expect(launch.messageType == .resourceLink)
            #expect(launch.issuer == platform.baseURL)
            #expect(launch.clientID == "moodle-client-1")
            #expect(launch.preset == .moodle)
            #expect(launch.deploymentID == "3")
            #expect(launch.isInstructor)
            #expect(launch.user.subject == "user-42")
            #expect(launch.user.email == "ada@example.edu")
            #expect(launch.user.personSourcedID == "s1234567")
            #expect(launch.context == LTILaunch.Context(id: "course-7", label: "BIO101", title: "Biology 101"))
            #expect(launch.resourceLink?.id == "link-99")
            #expect(launch.resourceLink?.title == "Final exam")
            #expect(launch.custom == ["badge_hint": "biology", "attempts": "3"])
            #expect(launch.ags?.lineItemURL?.absoluteString == platform.lineItemURL)
            #expect(launch.ags?.scopes.contains(AGSScope.score) == true)
            #expect(launch.nrps?.contextMembershipsURL.absoluteString == platform.membershipsURL)
            #expect(launch.deepLinking == nil)
            #expect(launch.extraClaims.isEmpty)
        }
    }

    @Test func instructorRolesAreTheTeachingRolesOutsideTheSystemVocabulary() async throws {
        let lis = "http://purl.imsglobal.org/vocab/lis/v2/"
        let cases: [([String], Bool)] = [
            ([lis + "membership#Learner"], false),
            ([lis + "membership#Learner", lis + "membership#ContentDeveloper"], true),
            ([lis + "membership/Instructor#TeachingAssistant"], true),
            ([lis + "membership#Instructor/Extra"], true),
            ([lis + "institution/person#Administrator"], true),
            ([lis + "system/person#Administrator"], false),
            ([lis + "membership#InstructorX", lis + "membership#instructor"], false),
            (["Instructor"], true),
            (["#", "", "/", "Mentor#"], false),
        ]
        try await TestPlatform.withRunning(.moodle) { platform in
            let harness = await LaunchHarness(platform: platform)
            for (roles, isInstructor) in cases {
                let launch = try await harness.launch(roles: roles)
                #expect(launch.isInstructor == isInstructor, "\(roles)")
            }
        }
    }

    @Test func canvasStudentLaunchKeepsVendorClaimsAndColonDeploymentIDs() async throws {
        try await TestPlatform.withRunning(.canvas) { platform in
            let harness = await LaunchHarness(platform: platform)
            let launch = try await harness.launch()
            #expect(launch.issuer == "https://canvas.instructure.com")
            #expect(launch.deploymentID == "17:8865aa05b4b79b64a91a86042e43af5ea8ae79eb")
            #expect(!launch.isInstructor)
            #expect(launch.roles == ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"])
            #expect(launch.extraClaims["https://www.instructure.com/placement"] == "course_navigation")
            #expect(launch.extraClaims["https://purl.imsglobal.org/spec/lti/claim/lti11_legacy_user_id"] != nil)
        }
    }

    @Test func moodleDeepLinkingRequestReadsStringBooleans() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            let harness = await LaunchHarness(platform: platform)
            let launch = try await harness.launch(messageType: "LtiDeepLinkingRequest", roles: [Self.instructor]) { claims in
                claims[LTIClaim.resourceLink] = nil
            }
            let settings = try #require(launch.deepLinking)
            #expect(launch.messageType == .deepLinking)
            #expect(settings.acceptMultiple)
            #expect(!settings.autoCreate)
            #expect(settings.acceptLineItem)
            #expect(settings.data == "moodle-data-1")
            #expect(settings.acceptTypes == ["ltiResourceLink"])
            #expect(settings.returnURL.absoluteString.hasSuffix("/mod/lti/contentitem_return.php?course=7&id=3"))
        }
    }

    @Test func canvasDeepLinkingRequestReadsBooleans() async throws {
        try await TestPlatform.withRunning(.canvas) { platform in
            let harness = await LaunchHarness(platform: platform)
            let launch = try await harness.launch(messageType: "LtiDeepLinkingRequest", roles: [Self.instructor])
            let settings = try #require(launch.deepLinking)
            #expect(!settings.acceptMultiple)
            #expect(settings.autoCreate)
            #expect(settings.data == "canvas-data-1")
        }
    }

    @Test func platformKeyRotationIsPickedUpByRefetchingTheKeySet() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            let harness = await LaunchHarness(platform: platform)
            _ = try await harness.launch()
            await platform.state.rotate(to: TestPlatform.keyB, publishing: [TestPlatform.keyB])
            platform.clock.advance(by: 11)
            let launch = try await harness.launch()
            #expect(launch.resourceLink?.id == "link-99")
            #expect(await platform.state.jwksFetches == 2)
        }
    }

    @Test func cachedKeySetServesLaterLaunchesWithoutFetching() async throws {
        try await TestPlatform.withRunning(.canvas) { platform in
            let harness = await LaunchHarness(platform: platform)
            _ = try await harness.launch()
            _ = try await harness.launch()
            #expect(await platform.state.jwksFetches == 1)
        }
    }
}
