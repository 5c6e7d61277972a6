import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import LTI
import LTITesting
import NIOCore
import OpenBadges
import Primitives
import Testing

/// Grades to badges through the daemon and a test platform on loopback: the platform's
/// gradebook read by AGS sync, scores pushed with a platform-signed JWT, LTI 1.1 outcomes, and
/// write-back of issued badges to the platform's gradebook.
@Suite("Grades to badges through the daemon", .heavyLane)
struct GradesToBadgesTests {
    static let flavours: [TestPlatform.Flavour] = [.moodle, .canvas]

    /// A rule on the platform's line item, created through the API; returns its id.
    static func createRule(
        _ browser: LTIBrowser,
        _ fixture: TestFixture,
        condition: String = #"{"type": "dutch_grade"}"#,
        extra: String = ""
    ) async throws -> String {
        let badgeClass = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
        let platform = browser.platform
        let body = """
            {"badge_class_id": "\(badgeClass.id.uuidString.lowercased())", "title": "Unit 1 Quiz", \(extra)
             "match": {"issuer": "\(platform.issuer)", "client_id": "\(platform.clientID)", "context_id": "course-7", "line_item": "\(platform.lineItemURL)"},
             "condition": \(condition)}
            """
        let created = try await browser.client.send(.post, "/api/v1/outcome-rules", key: fixture.registrarKey, json: body)
        #expect(created.status == .created, "\(created.text)")
        return try #require(created.json["id"] as? String)
    }

    static func events(_ browser: LTIBrowser, _ fixture: TestFixture, query: String = "") async throws -> [[String: Any]] {
        let listed = try await browser.client.send(.get, "/api/v1/outcome-events" + query, key: fixture.registrarKey)
        #expect(listed.status == .ok, "\(listed.text)")
        return listed.json["items"] as? [[String: Any]] ?? []
    }

    static func platformID(_ browser: LTIBrowser, _ fixture: TestFixture) async throws -> String {
        let listed = try await browser.client.send(.get, "/api/v1/platforms", key: fixture.adminKey)
        let items = listed.json["items"] as? [[String: Any]] ?? []
        return try #require(items.first?["id"] as? String)
    }

    @Test(arguments: flavours)
    func gradesInTheGradebookBecomeBadgesThroughAGSSync(flavour: TestPlatform.Flavour) async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(flavour) { browser, fixture in
            _ = try await Self.createRule(browser, fixture)
            // An instructor's launch tells badged where the course's members and line items are.
            #expect(try await browser.launch(.instructor).status == .ok)
            let state = browser.platform.state
            await state.setRoster([("user-1", "m1@example.edu"), ("user-2", "m2@example.edu"), ("user-3", "m3@example.edu")])
            await state.setGrade(userID: "user-1", score: 7.5)
            await state.setGrade(userID: "user-2", score: 5.2)
            await state.setGrade(userID: "user-3", score: nil)

            let path = "/api/v1/platforms/\(try await Self.platformID(browser, fixture))/sync"
            let synced = try await browser.client.send(.post, path, key: fixture.adminKey)
            #expect(synced.status == .ok, "\(synced.text)")
            #expect(synced.json["recorded"] as? Int == 3)
            #expect(synced.json["members"] as? Int == 3)

            let events = try await Self.events(browser, fixture)
            let decisions = Dictionary(uniqueKeysWithValues: events.map { ($0["score_given"] as? Double ?? -1, $0["decision"] as? String ?? "") })
            #expect(decisions[7.5] == "awarded")
            #expect(decisions[5.2] == "not_awarded")
            #expect(decisions[-1] == "not_ready")
            let failing = try #require(events.first { $0["score_given"] as? Double == 5.2 })
            #expect(failing["reason"] as? String == "5.2 of 10 in Unit 1 Quiz on 2026-09-01 is below the rule's 5.5.")
            #expect(failing["source"] as? String == "ags_result")

            // Unchanged results are not processed again; a changed grade is.
            let again = try await browser.client.send(.post, path, key: fixture.adminKey)
            #expect(again.json["recorded"] as? Int == 0)
            await state.setGrade(userID: "user-2", score: 6)
            let changed = try await browser.client.send(.post, path, key: fixture.adminKey)
            #expect(changed.json["recorded"] as? Int == 1)
            #expect(try await Self.events(browser, fixture, query: "?decision=awarded").count == 2)
        }
    }

    @Test func aSyncedBadgeIsASignedAssertionTheVerifierAccepts() async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(.moodle) { browser, fixture in
            _ = try await Self.createRule(browser, fixture)
            #expect(try await browser.launch(.instructor).status == .ok)
            await browser.platform.state.setRoster([("user-2", "m2@example.edu")])
            await browser.platform.state.setGrade(userID: "user-2", score: 8)
            let synced = try await browser.client.send(
                .post,
                "/api/v1/platforms/\(try await Self.platformID(browser, fixture))/sync",
                key: fixture.adminKey
            )
            #expect(synced.json["recorded"] as? Int == 1)
            let awarded = try #require(try await Self.events(browser, fixture, query: "?decision=awarded").first)
            let assertionID = try #require(awarded["assertion_id"] as? String)
            let jws = try await browser.client.send(.get, "/public/assertions/\(assertionID).jws").text
            let verifier = BadgeVerifier(fetcher: TestClientFetcher(client: browser.client), clock: FixedTimeSource())
            let report = await verifier.verify(.text(jws), recipient: "m2@example.edu")
            #expect(report.result == .valid, "\(report.checks)")
            #expect(report.method == .signed)
        }
    }
}

/// Fetches badged's public documents (`https://badges.test/…`) from the app under test.
struct TestClientFetcher: DocumentFetcher {
    let client: any TestClientProtocol

    func get(_ url: URL, maximumBytes: Int) async throws -> FetchedDocument {
        var path = url.path
        if let query = url.query { path += "?" + query }
        let response = try await client.send(.get, path, headers: [.accept: FetchedDocument.acceptHeader])
        return FetchedDocument(status: Int(response.status.code), body: Data(response.body.readableBytesView))
    }
}
