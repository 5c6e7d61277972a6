import AsyncHTTPClient
import Foundation
import LTI
import LTITesting
import Primitives
import Testing

@Suite("AGS and NRPS against the test platform")
struct ServiceTests {
    /// The tool's service clients wired to `platform`, which trusts the tool's JWKS.
    struct Tool {
        let tokens: AccessTokenProvider
        let ags: AGSClient
        let nrps: NRPSClient
        let sleeps = RecordedSleeps()

        init(platform: TestPlatform, key: ToolKey = TestPlatform.toolKey) async throws {
            await platform.state.setToolJWKS(String(decoding: try ToolKeySet(current: TestPlatform.toolKey).jwksJSON(), as: UTF8.self))
            tokens = AccessTokenProvider(
                client: .shared,
                policy: TestPlatform.outboundPolicy,
                key: key,
                clock: platform.clock,
                randomness: CountingRandomness(),
                retry: sleeps.policy
            )
            ags = AGSClient(client: .shared, policy: TestPlatform.outboundPolicy, tokens: tokens, retry: sleeps.policy)
            nrps = NRPSClient(client: .shared, policy: TestPlatform.outboundPolicy, tokens: tokens, retry: sleeps.policy)
        }
    }

    @Test func accessTokenComesFromASignedClientAssertionAndIsCachedPerScopes() async throws {
        try await TestPlatform.withRunning(.canvas) { platform in
            let tool = try await Tool(platform: platform)
            let first = try await tool.tokens.token(for: platform.registration, scopes: [AGSScope.score, AGSScope.resultReadOnly])
            let cached = try await tool.tokens.token(for: platform.registration, scopes: [AGSScope.resultReadOnly, AGSScope.score])
            #expect(first == cached)
            #expect(await platform.state.tokenRequests == 1)
            let other = try await tool.tokens.token(for: platform.registration, scopes: [AGSScope.lineItem])
            #expect(other != first)
            platform.clock.advance(by: 3541)
            let renewed = try await tool.tokens.token(for: platform.registration, scopes: [AGSScope.score, AGSScope.resultReadOnly])
            #expect(renewed != first)
            #expect(await platform.state.tokenRequests == 3)
        }
    }

    @Test func tokenRequestSignedWithAnUnknownKeyIsRefused() async throws {
        try await TestPlatform.withRunning(.canvas) { platform in
            let tool = try await Tool(platform: platform, key: TestPlatform.otherKey)
            let error = await #expect(throws: LTIError.self) { try await tool.tokens.token(for: platform.registration, scopes: [AGSScope.score]) }
            #expect(error?.code == .tokenRequestFailed)
        }
    }

    @Test(arguments: [TestPlatform.Flavour.moodle, .canvas])
    func resultsAreReadAcrossPages(_ flavour: TestPlatform.Flavour) async throws {
        try await TestPlatform.withRunning(flavour) { platform in
            let tool = try await Tool(platform: platform)
            let results = try await tool.ags.results(of: URL(string: platform.lineItemURL)!, platform: platform.registration)
            #expect(results.map(\.userId) == ["user-1", "user-2", "user-3"])
            #expect(results.map(\.resultScore) == [7, 8, 9])
            let requests = await platform.state.serviceRequests
            #expect(requests.count == 2)
            if flavour == .moodle {
                #expect(requests.first == "/mod/lti/services.php/2/lineitems/5/lineitem/results?type_id=3")
            }
        }
    }

    @Test func moodleScoreIsPostedOnThePathBeforeTheQueryWithTheScoreMediaType() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            let tool = try await Tool(platform: platform)
            let score = Score(userID: "user-2", scoreGiven: 8.5, scoreMaximum: 10, comment: "Well done", timestamp: platform.clock.now())
            try await tool.ags.post(score, to: URL(string: platform.lineItemURL)!, platform: platform.registration)
            let posted = try #require(await platform.state.postedScores.first)
            #expect(posted.path == "/mod/lti/services.php/2/lineitems/5/lineitem/scores")
            #expect(posted.contentType == "application/vnd.ims.lis.v1.score+json")
            #expect(posted.body["userId"] == "user-2")
            #expect(posted.body["scoreGiven"]?.numberValue == 8.5)
            #expect(posted.body["activityProgress"] == "Completed")
            #expect(posted.body["gradingProgress"] == "FullyGraded")
            #expect(posted.body["timestamp"]?.stringValue?.hasSuffix(".000Z") == true)
        }
    }

    @Test func lineItemsAreListed() async throws {
        try await TestPlatform.withRunning(.canvas) { platform in
            let tool = try await Tool(platform: platform)
            let items = try await tool.ags.lineItems(at: URL(string: platform.lineItemsURL)!, platform: platform.registration)
            #expect(items == [LineItem(id: platform.lineItemURL, scoreMaximum: 10, label: "Final exam", resourceLinkId: "link-99", tag: "grade")])
        }
    }

    @Test func transientFailuresAreRetriedWithExponentialBackoff() async throws {
        try await TestPlatform.withRunning(.canvas) { platform in
            let tool = try await Tool(platform: platform)
            _ = try await tool.tokens.token(for: platform.registration, scopes: [AGSScope.score])
            await platform.state.failNext(2)
            let score = Score(userID: "user-1", scoreGiven: 1, scoreMaximum: 1, timestamp: platform.clock.now())
            try await tool.ags.post(score, to: URL(string: platform.lineItemURL)!, platform: platform.registration)
            #expect(await platform.state.postedScores.count == 1)
            #expect(tool.sleeps.recorded == [.milliseconds(100), .milliseconds(200)])
        }
    }

    @Test func persistentFailureGivesUpAfterTheBoundedAttempts() async throws {
        try await TestPlatform.withRunning(.canvas) { platform in
            let tool = try await Tool(platform: platform)
            _ = try await tool.tokens.token(for: platform.registration, scopes: [AGSScope.resultReadOnly])
            await platform.state.failNext(10)
            let error = await #expect(throws: LTIError.self) {
                try await tool.ags.results(of: URL(string: platform.lineItemURL)!, platform: platform.registration)
            }
            #expect(error?.code == .serviceRequestFailed)
            #expect(tool.sleeps.recorded == [.milliseconds(100), .milliseconds(200), .milliseconds(300)])
        }
    }

    @Test func membershipIsReadAcrossPages() async throws {
        try await TestPlatform.withRunning(.moodle) { platform in
            let tool = try await Tool(platform: platform)
            let members = try await tool.nrps.members(at: URL(string: platform.membershipsURL)!, platform: platform.registration)
            #expect(members.map(\.userID) == ["user-1", "user-2", "user-3"])
            #expect(members.first?.roles == ["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"])
            #expect(members.last?.personSourcedID == "s3")
        }
    }
}
