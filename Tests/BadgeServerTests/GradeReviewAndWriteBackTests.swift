import BadgeCore
import BadgeServer
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import LTI
import LTITesting
import NIOCore
import Primitives
import Testing

/// Awards waiting for approval, badges flagged when a later grade falls below, and issued
/// badges written back to the platform's gradebook from the outbox.
@Suite("Reviews and gradebook write-back through the daemon", .heavyLane)
struct GradeReviewAndWriteBackTests {
    static func enter(_ browser: LTIBrowser, _ fixture: TestFixture, user: String, recipient: String, score: Double) async throws -> TestResponse {
        let platform = browser.platform
        let body = """
            {"issuer": "\(platform.issuer)", "client_id": "\(platform.clientID)", "context_id": "course-7", "line_item": "\(platform.lineItemURL)",
             "user_id": "\(user)", "recipient": "\(recipient)", "score_given": \(score), "score_maximum": 10}
            """
        return try await browser.client.send(.post, "/api/v1/outcome-events", key: fixture.registrarKey, json: body)
    }

    @Test(arguments: GradesToBadgesTests.flavours)
    func anIssuedBadgeIsWrittenBackToTheGradebook(flavour: TestPlatform.Flavour) async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(flavour) { browser, fixture in
            _ = try await GradesToBadgesTests.createRule(browser, fixture, extra: #""write_back": true,"#)
            #expect(try await browser.launch(.instructor).status == .ok)
            let entered = try await Self.enter(browser, fixture, user: "user-2", recipient: "email:m2@example.edu", score: 8)
            #expect(entered.json["decision"] as? String == "awarded", "\(entered.text)")
            let assertionURL = try #require(entered.json["assertion_url"] as? String)
            // The outbox delivers within a few polls.
            var posted: [(path: String, contentType: String, body: [String: JSONValue])] = []
            for _ in 0..<50 where posted.isEmpty {
                try await Task.sleep(for: .milliseconds(100))
                posted = await browser.platform.state.postedScores
            }
            let score = try #require(posted.first)
            #expect(score.path.contains("/6"))
            #expect(score.contentType == AGSClient.scoreType)
            #expect(score.body["userId"]?.stringValue == "user-2")
            #expect(score.body["scoreGiven"]?.numberValue == 1)
            #expect(score.body["comment"]?.stringValue == assertionURL)
            let created = await browser.platform.state.createdLineItems
            #expect(created.count == 1)
            #expect(created.first?["label"]?.stringValue?.hasPrefix("Badge: ") == true)
        }
    }

    @Test func pendingAwardsAreApprovedOrDeniedAndFallingGradesFlagged() async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(.moodle) { browser, fixture in
            _ = try await GradesToBadgesTests.createRule(browser, fixture, extra: #""action": "pending","#)
            let first = try await Self.enter(browser, fixture, user: "user-1", recipient: "email:m1@example.edu", score: 9)
            #expect(first.json["decision"] as? String == "pending")
            #expect(first.json["assertion_url"] == nil)
            let second = try await Self.enter(browser, fixture, user: "user-2", recipient: "email:m2@example.edu", score: 7)
            let firstID = try #require(first.json["record_id"] as? String)
            let secondID = try #require(second.json["record_id"] as? String)

            let pending = try await GradesToBadgesTests.events(browser, fixture, query: "?decision=pending")
            #expect(pending.count == 2)
            let approved = try await browser.client.send(
                .post,
                "/api/v1/outcome-events/\(firstID)/review",
                key: fixture.instructorKey,
                json: #"{"decision": "approve", "comment": "checked"}"#
            )
            #expect(approved.status == .ok, "\(approved.text)")
            #expect(approved.json["decision"] as? String == "awarded")
            #expect(approved.json["assertion_id"] as? String != nil)
            #expect(approved.json["recipient_key"] == nil, "an instructor sees no recipient keys")
            let denied = try await browser.client.send(
                .post,
                "/api/v1/outcome-events/\(secondID)/review",
                key: fixture.registrarKey,
                json: #"{"decision": "deny", "comment": "plagiarism"}"#
            )
            #expect(denied.json["decision"] as? String == "denied")
            #expect(denied.json["review_comment"] as? String == "plagiarism")
            let again = try await browser.client.send(
                .post,
                "/api/v1/outcome-events/\(secondID)/review",
                key: fixture.registrarKey,
                json: #"{"decision": "approve"}"#
            )
            #expect(again.status == .conflict)
            let otherInstitution = try await browser.client.send(
                .post,
                "/api/v1/outcome-events/\(secondID)/review",
                key: fixture.otherRegistrarKey,
                json: #"{"decision": "approve"}"#
            )
            #expect(otherInstitution.status == .notFound)

            // A later grade below the threshold flags the badge (the rule's default policy).
            let fallen = try await Self.enter(browser, fixture, user: "user-1", recipient: "email:m1@example.edu", score: 4)
            #expect(fallen.json["decision"] as? String == "flagged", "\(fallen.text)")
            let flagged = try await GradesToBadgesTests.events(browser, fixture, query: "?decision=flagged")
            #expect(flagged.count == 1)
        }
    }

    @Test func anInstructorApprovesFromTheLaunchPageWithASingleUseForm() async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(.canvas) { browser, fixture in
            _ = try await GradesToBadgesTests.createRule(browser, fixture, extra: #""action": "pending","#)
            let entered = try await Self.enter(browser, fixture, user: "user-3", recipient: "email:m3@example.edu", score: 9)
            let recordID = try #require(entered.json["record_id"] as? String)
            let page = try await browser.launch(.instructor)
            #expect(page.status == .ok)
            #expect(page.text.contains("Grade rules of this course"))
            #expect(page.text.contains("Unit 1 Quiz"))
            #expect(page.text.contains("Waiting for your review"))
            let session = try #require(LTIBrowser.hiddenValue("session", in: page.text))
            #expect(LTIBrowser.hiddenValue("record_id", in: page.text) == recordID)
            #expect(!page.text.contains("m3@example.edu"), "the page names no student")

            let form = LTIBrowser.formEncoded(["session": session, "record_id": recordID, "decision": "approve", "comment": "well done"])
            func post() async throws -> TestResponse {
                try await browser.client.execute(
                    uri: "/lti/review",
                    method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: form)
                )
            }
            let approved = try await post()
            #expect(approved.status == .ok, "\(approved.text)")
            #expect(approved.text.contains("The grade is now awarded"))
            #expect(approved.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("frame-ancestors") == true)
            let awarded = try await GradesToBadgesTests.events(browser, fixture, query: "?decision=awarded")
            #expect(awarded.first?["review_comment"] as? String == "well done")
            #expect((awarded.first?["decided_by"] as? String)?.hasPrefix("lti:") == true)
            let replayed = try await post()
            #expect(replayed.status == .badRequest)
        }
    }

    @Test(arguments: GradesToBadgesTests.flavours)
    func anInstructorAddsARuleForTheLaunchedActivity(flavour: TestPlatform.Flavour) async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(flavour) { browser, fixture in
            let page = try await browser.launch(.instructor)
            #expect(page.text.contains("Award a badge for this activity"))
            let session = try #require(LTIBrowser.hiddenValue("session", in: page.text))
            let badgeClass = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            func post(_ fields: [String: String]) async throws -> TestResponse {
                try await browser.client.execute(
                    uri: "/lti/rules",
                    method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: LTIBrowser.formEncoded(fields))
                )
            }
            let fields = [
                "session": session, "badge_class_id": badgeClass.id.uuidString.lowercased(), "condition": "dutch_grade", "threshold": "6,0",
                "action": "issue",
            ]
            let added = try await post(fields)
            #expect(added.status == .ok, "\(added.text)")
            #expect(added.text.contains("Rule saved"))
            let rules = try await browser.client.send(.get, "/api/v1/outcome-rules", key: fixture.registrarKey)
            let items = rules.json["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            let match = items.first?["match"] as? [String: Any]
            #expect(match?["line_item"] as? String == browser.platform.lineItemURL)
            #expect((items.first?["condition"] as? [String: Any])?["threshold"] as? Double == 6)
            #expect(items.first?["title"] as? String == "Final exam")
            #expect(try await post(fields).status == .badRequest, "the form works once")
            // With the rule in place the page lists it, and its form changes or removes it.
            let again = try await browser.launch(.instructor)
            #expect(again.text.contains("Grade rules of this course"))
            #expect(!again.text.contains("Award a badge for this activity"))
            #expect(again.text.contains("The badge for this activity's grade"))
            #expect(again.text.contains(#"<option value="dutch_grade" selected>"#))
            #expect(again.text.contains(#"value="6""#))
            var change = fields
            change["session"] = try #require(LTIBrowser.hiddenValue("session", in: again.text))
            change["condition"] = "score_ratio"
            change["threshold"] = "70"
            change["action"] = "pending"
            let changed = try await post(change)
            #expect(changed.status == .ok, "\(changed.text)")
            let after = try await browser.client.send(.get, "/api/v1/outcome-rules", key: fixture.registrarKey).json["items"] as? [[String: Any]]
            #expect(after?.count == 1)
            #expect((after?.first?["condition"] as? [String: Any])?["type"] as? String == "score_ratio")
            #expect(after?.first?["action"] as? String == "pending")
            #expect(after?.first?["id"] as? String == items.first?["id"] as? String, "the same rule, changed")

            let third = try await browser.launch(.instructor)
            let removeSession = try #require(LTIBrowser.hiddenValue("session", in: third.text))
            let removed = try await post(["session": removeSession, "operation": "remove"])
            #expect(removed.status == .ok, "\(removed.text)")
            #expect(removed.text.contains("Rule removed"))
            let none = try await browser.client.send(.get, "/api/v1/outcome-rules", key: fixture.registrarKey).json["items"] as? [[String: Any]]
            #expect(none?.isEmpty == true)
            #expect(try await browser.launch(.instructor).text.contains("Award a badge for this activity"))
        }
    }
}
