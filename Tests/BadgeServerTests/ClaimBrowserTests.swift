import BadgeCore
import BadgeTesting
import Foundation
import NIOHTTP1
import Testing

/// A real browser claims a badge with a code: headless Chromium, driven over the DevTools
/// protocol against a running daemon on loopback, signs in with an access link (the session
/// cookie is the browser's own), opens the claim link an organiser made, presses "Claim the
/// badge" and follows the link to the issued credential; a second person then finds the code
/// used up. On the review path a claim with evidence waits until a mentor, in a browser of their
/// own, opens a reviewer link and approves it on the review page; the claimant's wallet then holds
/// the badge. Screenshots are left in `.build/artifacts/`.
@Suite("Headless browser claims a badge", .heavyLane)
struct ClaimBrowserTests {
    @Test func chromiumClaimsABadgeWithACodeAndSeesItIssued() async throws {
        try FileManager.default.createDirectory(at: BrowserTests.artifacts, withIntermediateDirectories: true)
        try await withLiveTestApp { app, fixture in
            let (_, other, claimURL) = try await Self.makeCode(#"{"label": "Open day", "max_uses": 1}"#, app, fixture)

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

    /// Makes a claim code of the sample's micro-credential with `json`.
    /// - Returns: the micro-credential's id, another badge class's id (for a claimant's earlier
    ///   badge) and the code's claim URL.
    static func makeCode(_ json: String, _ app: LiveApp, _ fixture: TestFixture) async throws -> (micro: String, other: String, claimURL: String) {
        let classes = fixture.tree.badgeClasses
        let micro = try #require(classes.first { $0.kind == .microCredential }).id.uuidString.lowercased()
        let other = try #require(classes.first { $0.kind != .microCredential }).id.uuidString.lowercased()
        let made = try await app.send(.POST, "/api/v1/badge-classes/\(micro)/claim-codes", key: fixture.registrarKey, json: json)
        #expect(made.status == 201, "\(made.text)")
        return (micro, other, try #require(made.json["claim_url"] as? String))
    }

    /// Signs `person` in with an access link in a new browser (they hold a badge of another
    /// class, so the registrar may send one).
    static func signedIn(_ person: String, _ app: LiveApp, _ fixture: TestFixture, award other: String?) async throws -> ChromiumDevTools {
        if let other {
            let awarded = try await app.send(
                .POST,
                "/api/v1/badge-classes/\(other)/assertions",
                key: fixture.registrarKey,
                json: IssuingTests.awardBody("\(person)@example.org")
            )
            #expect(awarded.status == 201)
        }
        let link = try await app.send(.POST, "/api/v1/recipients/email:\(person)@example.org/access-links", key: fixture.registrarKey)
        let browser = try await ChromiumDevTools.start()
        try await browser.open(try #require(link.json["url"] as? String))
        try await browser.click("form button[type=submit]")
        #expect(try await browser.location() == app.baseURL + "/wallet")
        return browser
    }

    @Test func chromiumClaimsWithEvidenceAndAMentorApprovesItOnTheReviewPage() async throws {
        try FileManager.default.createDirectory(at: BrowserTests.artifacts, withIntermediateDirectories: true)
        try await withLiveTestApp { app, fixture in
            let (micro, other, claimURL) = try await Self.makeCode(#"{"label": "Portfolio day", "requires_evidence": true}"#, app, fixture)

            do {
                let claimant = try await Self.signedIn("cy", app, fixture, award: other)
                defer { claimant.close() }
                try await claimant.open(claimURL)
                try await claimant.fill("#evidence_url", with: "https://portfolio.example.org/cy")
                try await claimant.fill("#evidence_text", with: "I built the energy model of our street.")
                try await claimant.click("#claim-button")
                let waiting = try await claimant.html()
                #expect(waiting.contains("<h1>Your claim waits for review</h1>"))
                #expect(!waiting.contains("credential-link"))
                // Not issued before the review.
                try await claimant.open(app.baseURL + "/wallet")
                #expect(!(try await claimant.html()).contains("Energy Transition Modelling for Professionals"))
            }

            let issued = try await app.send(
                .POST,
                "/api/v1/claims/review-links",
                key: fixture.registrarKey,
                json: #"{"badge_class_id": "\#(micro)"}"#
            )
            #expect(issued.status == 201, "\(issued.text)")
            let mentor = try await ChromiumDevTools.start()
            defer { mentor.close() }
            try await mentor.open(try #require(issued.json["url"] as? String))
            try await mentor.click("form button[type=submit]")
            #expect(try await mentor.location() == app.baseURL + "/review?lang=en")
            let queue = try await mentor.html()
            #expect(queue.contains("<h1>Review claims</h1>"))
            #expect(queue.contains("<code class=\"evidence-url\">https://portfolio.example.org/cy</code>"))
            #expect(queue.contains("I built the energy model of our street."))
            #expect(!queue.contains("cy@example.org"))
            try await mentor.screenshot(to: BrowserTests.artifacts.appending(path: "claim-review.png"))
            try await mentor.fill("textarea[name=comment]", with: "Well documented")
            try await mentor.click("button[name=decision][value=approve]")
            let reviewed = try await mentor.html()
            #expect(reviewed.contains("Approved: the badge is issued."))
            #expect(reviewed.contains("id=\"review-empty\""))

            let later = try await Self.signedIn("cy", app, fixture, award: nil)
            defer { later.close() }
            let wallet = try await later.html()
            #expect(wallet.contains("Energy Transition Modelling for Professionals"))
            try await later.open(claimURL)
            try await later.fill("#evidence_url", with: "https://portfolio.example.org/cy")
            try await later.click("#claim-button")
            let again = try await later.html()
            #expect(again.contains("<h1>Your badge is issued</h1>"))
            try await later.click("#credential-link")
            let credential = try await later.html()
            #expect(credential.contains("<h1>Energy Transition Modelling for Professionals</h1>"))
            #expect(credential.contains("<strong>Valid</strong>"))
        }
    }
}
