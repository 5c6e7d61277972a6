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
import Primitives
import Testing

/// `lti.recipient_identity`: which launch claim identifies the student whose badges the launch
/// page shows.
@Suite("Recipient identity from launch claims", .heavyLane)
struct LTIRecipientMappingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let mapping: [String]
        let custom: [String: JSONValue]
        /// The recipient the launch must resolve to; the test awards one badge class to it and
        /// another to each of the other identities the launch carries.
        let expected: Recipient
        var testDescription: String { mapping.joined(separator: ",") }
    }

    static let cases: [Case] = [
        Case(mapping: ["email"], custom: [:], expected: Recipient(type: .email, identity: "ada@example.edu")),
        Case(mapping: ["lis_person_sourcedid:id", "email"], custom: [:], expected: Recipient(type: .id, identity: "s1234567")),
        Case(mapping: ["sub:id"], custom: [:], expected: Recipient(type: .id, identity: "user-42")),
        Case(mapping: ["custom.eduid:id", "email"], custom: ["eduid": "urn:eduid:4242"], expected: Recipient(type: .id, identity: "urn:eduid:4242")),
        // The first claim is absent: the next one wins.
        Case(mapping: ["custom.eduid:id", "email"], custom: [:], expected: Recipient(type: .email, identity: "ada@example.edu")),
    ]

    static let others: [Recipient] = [
        Recipient(type: .email, identity: "ada@example.edu"), Recipient(type: .id, identity: "s1234567"),
        Recipient(type: .id, identity: "user-42"), Recipient(type: .id, identity: "urn:eduid:4242"),
    ]

    @Test(arguments: cases)
    func studentPageShowsTheBadgesOfTheMappedIdentity(_ testCase: Case) async throws {
        let configuration: [AbsoluteConfigKey: ConfigValue] = ["lti.recipient_identity": .init(.stringArray(testCase.mapping), isSecret: false)]
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(.moodle, configuration: configuration) { browser, fixture in
            let classes = fixture.tree.badgeClasses
            try #require(classes.count >= Self.others.count)
            var expectedClass: Record<BadgeClass>?
            for (index, recipient) in Self.others.enumerated() {
                try await LTIPlatformFlavourTests.award(classes[index], to: recipient, databaseURL: fixture.databaseURL)
                if recipient == testCase.expected { expectedClass = classes[index] }
            }
            let held = try #require(expectedClass)
            var scenario = LaunchScenario.student
            scenario.claims[LTIClaim.custom] = .object(testCase.custom)
            let page = try await browser.launch(scenario)
            #expect(page.status == .ok)
            #expect(page.text.contains(HTMLEscaped.name(of: held)))
            for other in classes.prefix(Self.others.count) where other.id != held.id {
                #expect(!page.text.contains(HTMLEscaped.name(of: other)))
            }
        }
    }

    @Test func launchWithoutAnyMappedClaimIsRefusedWithAProblemNot5xx() async throws {
        let configuration: [AbsoluteConfigKey: ConfigValue] = [
            "lti.recipient_identity": .init(.stringArray(["custom.eduid:id", "lis_person_sourcedid"]), isSecret: false)
        ]
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(.canvas, configuration: configuration) { browser, _ in
            let scenario = LaunchScenario(claims: [LTIClaim.custom: [:]], removing: [LTIClaim.lis])
            let page = try await browser.launch(scenario)
            #expect(page.status == .badRequest)
            #expect(page.headers[.contentType] == "application/problem+json")
            #expect(page.json["code"] as? String == "missing_claim")
            #expect((page.json["detail"] as? String)?.contains("custom.eduid, lis_person_sourcedid") == true)

            // Instructors need no recipient identity.
            let teacher = try await browser.launch(
                LaunchScenario(roles: [LaunchScenario.instructorRole], claims: [LTIClaim.custom: [:]], removing: [LTIClaim.lis])
            )
            #expect(teacher.status == .ok)
        }
    }

    @Test func mappingEntriesAreValidated() throws {
        #expect(try LTIRecipientMapping(entries: ["email"]).rules.map { "\($0.claim):\($0.type)" } == ["email:email"])
        let parsed = try LTIRecipientMapping(entries: ["custom.eduid:id,lis_person_sourcedid:url", " sub "])
        #expect(parsed.rules.map(\.claim) == ["custom.eduid", "lis_person_sourcedid", "sub"])
        #expect(parsed.rules.map(\.type) == [.id, .url, .id])
        for invalid in [["name"], ["email:eppn"], [], ["custom."], Array(repeating: "email", count: 17)] {
            #expect(throws: IssuingError.self) { try LTIRecipientMapping(entries: invalid) }
        }
    }

    @Test func aClaimThatIsNotValidForItsTypeIsSkipped() async throws {
        let mapping = try LTIRecipientMapping(entries: ["custom.mail:email", "sub"])
        var launch = try #require(Self.sampleLaunch())
        launch.custom = ["mail": "not an address"]
        #expect(mapping.recipient(for: launch) == Recipient(type: .id, identity: "user-42"))
        launch.user.subject = nil
        #expect(mapping.recipient(for: launch) == nil)
    }

    static func sampleLaunch() -> LTILaunch? {
        let json = """
            {"messageType": "LtiResourceLinkRequest", "issuer": "https://moodle.example", "clientID": "c", "preset": "moodle",
             "deploymentID": "3", "user": {"subject": "user-42"}, "roles": [], "custom": {}, "extraClaims": {}}
            """
        return try? JSONDecoder().decode(LTILaunch.self, from: Data(json.utf8))
    }
}
