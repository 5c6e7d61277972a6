import BadgeCore
import BadgeTesting
import Foundation
import NIOHTTP1
import Testing

/// A real browser claims a badge with a code: headless Chromium, driven over the DevTools
/// protocol against a running daemon on loopback, signs in with an access link (the session
/// cookie is the browser's own), opens the claim link an organiser made, presses "Claim the
/// badge" and follows the link to the issued credential; a second person then finds the code
/// used up. Screenshots are left in `.build/artifacts/`.
@Suite("Headless browser claims a badge", .heavyLane)
struct ClaimBrowserTests {
    @Test func chromiumClaimsABadgeWithACodeAndSeesItIssued() async throws {
        try FileManager.default.createDirectory(at: BrowserTests.artifacts, withIntermediateDirectories: true)
        try await withLiveTestApp { app, fixture in
            let classes = fixture.tree.badgeClasses
            let micro = try #require(classes.first { $0.kind == .microCredential }).id.uuidString.lowercased()
            let other = try #require(classes.first { $0.kind != .microCredential }).id.uuidString.lowercased()
            let made = try await app.send(
                .POST,
                "/api/v1/badge-classes/\(micro)/claim-codes",
                key: fixture.registrarKey,
                json: #"{"label": "Open day", "max_uses": 1}"#
            )
            #expect(made.status == 201, "\(made.text)")
            let claimURL = try #require(made.json["claim_url"] as? String)

            for (person, expectsIssue) in [("ada", true), ("bob", false)] {
                // Each person holds another badge of the institution, so a registrar can send an access link.
                let awarded = try await app.send(
                    .POST,
                    "/api/v1/badge-classes/\(other)/assertions",
                    key: fixture.registrarKey,
                    json: IssuingTests.awardBody("\(person)@example.org")
                )
                #expect(awarded.status == 201)
                let link = try await app.send(.POST, "/api/v1/recipients/email:\(person)@example.org/access-links", key: fixture.registrarKey)
                let accessURL = try #require(link.json["url"] as? String)

                let browser = try await ChromiumDevTools.start()
                defer { browser.close() }
                try await browser.open(accessURL)
                try await browser.click("form button[type=submit]")
                #expect(try await browser.location() == app.baseURL + "/wallet")

                try await browser.open(claimURL)
                let page = try await browser.html()
                #expect(page.contains("id=\"badge-name\">Energy Transition Modelling for Professionals<"))
                if expectsIssue {
                    try await browser.screenshot(to: BrowserTests.artifacts.appending(path: "claim-form.png"))
                    try await browser.click("#claim-button")
                    let issued = try await browser.html()
                    #expect(issued.contains("<h1>Your badge is issued</h1>"))
                    try await browser.screenshot(to: BrowserTests.artifacts.appending(path: "claim-issued.png"))
                    try await browser.click("#credential-link")
                    let credential = try await browser.html()
                    #expect(credential.contains("<h1>Energy Transition Modelling for Professionals</h1>"))
                    #expect(credential.contains("<strong>Valid</strong>"))
                    #expect(!credential.contains("\(person)@example.org"))
                } else {
                    #expect(page.contains("This code has been used up"))
                    #expect(!page.contains("claim-button"))
                }
            }
        }
    }
}
