import BadgeCore
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import LTITesting
import NIOCore
import Testing

/// A student's launch shows where they stand toward the composites the course's badges count
/// toward, in the sentence the progress API gives.
@Suite("Stacking progress on the student's launch page")
struct StackingLaunchTests {
    @Test func theStudentPageShowsProgressTowardTheMinor() async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(.moodle) { browser, fixture in
            let minor = try await StackingHTTPTests.createMinor(browser.client, fixture)
            let set = try await browser.client.send(
                .put,
                "/api/v1/badge-classes/\(minor)/stacking-rule",
                key: fixture.registrarKey,
                json: try StackingHTTPTests.sampleRule(fixture, policy: "flag")
            )
            #expect(set.status == .ok, "\(set.text)")
            // The instructor places the first unit in the course.
            let unit = try #require(fixture.tree.badgeClasses.first { $0.name.en == StackingHTTPTests.units[0] })
            let pick = try await browser.launch(.deepLinking)
            let session = try #require(LTIBrowser.hiddenValue("session", in: pick.text))
            let placed = try await browser.client.execute(
                uri: "/lti/deep-linking",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "session=\(session)&badge_class_id=\(unit.id.uuidString.lowercased())")
            )
            #expect(placed.status == .ok)
            for name in StackingHTTPTests.units.prefix(2) {
                let badgeClass = try #require(fixture.tree.badgeClasses.first { $0.name.en == name })
                try await LTIPlatformFlavourTests.award(
                    badgeClass,
                    to: Recipient(type: .email, identity: "ada@example.edu"),
                    databaseURL: fixture.databaseURL
                )
            }
            let page = try await browser.launch(.student)
            #expect(page.status == .ok)
            #expect(page.text.contains("Toward larger credentials"))
            #expect(page.text.contains("Minor Data Science for Sustainability"))
            #expect(page.text.contains("12 of 30 EC; still needed: 18 EC more from electives"), "\(page.text)")
        }
    }
}
