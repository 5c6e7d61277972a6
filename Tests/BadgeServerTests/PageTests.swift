import BadgeCore
import BadgeTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OpenBadges
import Testing

@testable import BadgeServer

/// The HTML pages: each page model rendered with its template in the shared layout, and the
/// error page browsers get instead of a problem document.
@Suite("HTML pages")
struct PageTests {
    static let script = "<script>alert('x')</script>"

    static func credentialPage(title: String = "Energy Transition Modelling", isRevoked: Bool = false) throws -> CredentialPage {
        CredentialPage(try credential(title: title, isRevoked: isRevoked), language: .en, urls: try PublicURLs(baseURL: "https://badges.test"))
    }

    /// A credential of the sample micro-credential, named `title`, issued 1 September 2026.
    static func credential(title: String = "Energy Transition Modelling", isRevoked: Bool = false) throws -> CredentialPage.Credential {
        var badgeClass = try SampleCatalog.microCredential()
        badgeClass.name = LocalizedText(en: title)
        let issued = Date(timeIntervalSince1970: 1_788_220_800)  // 2026-09-01
        var assertion = Assertion(
            id: try #require(UUID(uuidString: "0b5c6a9e-0000-4000-8000-0000000000a1")),
            badgeClassID: UUID(),
            issuerID: UUID(),
            recipient: HashedRecipient(type: .email, identity: "sha256$" + String(repeating: "b", count: 64), salt: "s"),
            issuedOn: issued
        )
        if isRevoked { assertion.revoke(at: issued + 86_400, reason: "awarded in error") }
        return CredentialPage.Credential(
            stored: StoredAssertion(assertion: assertion, institutionID: nil, jws: nil),
            number: CredentialNumber(parsing: "UH-0000-0000"),
            badgeClass: badgeClass,
            issuerName: LocalizedText(en: "Faculty of Science & Engineering"),
            institutionName: LocalizedText(en: "University of Harderwijk"),
            status: CredentialStatus(assertion: assertion, at: issued + 172_800),
            checkedAt: issued + 172_800
        )
    }

    static func launchPage(title: String, pickSession: String? = nil, instructor: Bool = false, held: [LaunchPage.HeldBadge] = []) -> LaunchPage {
        LaunchPage(
            title: title,
            course: "Biology 101",
            pickSession: pickSession,
            isInstructorList: pickSession == nil && instructor,
            isStudentPage: pickSession == nil && !instructor,
            badgeClasses: [.init(id: "0b5c6a9e-0000-4000-8000-000000000001", name: Self.script, details: "micro_credential · 5 EC")],
            heldBadges: held
        )
    }

    @Test func layoutDeclaresLanguageTitleViewportAndOneMainLandmark() throws {
        let html = try PageRenderer().render(try Self.credentialPage())
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("<title>Energy Transition Modelling · badged</title>"))
        #expect(html.components(separatedBy: "<main>").count == 2)
        #expect(html.contains("<style>"))
        #expect(!html.contains("style=\""))
    }

    @Test func credentialPageEscapesEveryValue() throws {
        let html = try PageRenderer().render(try Self.credentialPage(title: Self.script))
        #expect(!html.contains("<script>"))
        #expect(html.contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h1>"))
        #expect(html.contains("<title>&lt;script&gt;"))
        #expect(html.contains("alt=\"Badge image of &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\""))
        #expect(html.contains("<dd>Faculty of Science &amp; Engineering</dd>"))
        #expect(
            html.contains("&amp;name=%3Cscript%3Ealert('x')%3C/script%3E") || html.contains("&amp;name=%3Cscript%3Ealert(&#39;x&#39;)%3C/script%3E")
        )
        #expect(html.contains("<dt>Issued on</dt>\n<dd>1 September 2026</dd>"))
        #expect(html.contains("<strong>Valid</strong>"))
        #expect(!html.contains("Revoked"))
    }

    @Test func revokedCredentialPageSaysSoWithTheReason() throws {
        let html = try PageRenderer().render(try Self.credentialPage(isRevoked: true))
        #expect(html.contains("<strong>Revoked</strong>"))
        #expect(html.contains("The issuer revoked this credential. Reason: awarded in error"))
        #expect(!html.contains("<strong>Valid</strong>"))
    }

    @Test func everyImageHasATextAlternativeAndEveryInputALabel() throws {
        let pages = [
            try PageRenderer().render(try Self.credentialPage()),
            try PageRenderer().render(LookupPage(language: .nl, action: "https://badges.test/public/credentials", notFound: true)),
        ]
        for html in pages {
            let images = html.components(separatedBy: "<img ").dropFirst()
            #expect(images.allSatisfy { $0.prefix(while: { $0 != ">" }).contains("alt=\"") })
            for input in html.components(separatedBy: "<input ").dropFirst() where !input.hasPrefix("type=\"hidden\"") {
                let id = try #require(input.split(separator: "\"").dropFirst().first)
                #expect(html.contains("<label for=\"\(id)\">"))
            }
        }
    }

    @Test func pickPagePostsSessionAndBadgeClassToDeepLinking() throws {
        let html = try PageRenderer().render(Self.launchPage(title: "Place a badge in Biology 101", pickSession: "ab12"))
        #expect(html.contains("<h1>Place a badge in Biology 101</h1>"))
        #expect(html.contains("<form method=\"post\" action=\"deep-linking\">"))
        #expect(html.contains("name=\"session\" value=\"ab12\""))
        #expect(html.contains("name=\"badge_class_id\" value=\"0b5c6a9e-0000-4000-8000-000000000001\""))
        #expect(html.contains("<button type=\"submit\">&lt;script&gt;"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("Link an activity"))
    }

    @Test func instructorPageListsTheBadgeClassesEscaped() throws {
        let html = try PageRenderer().render(Self.launchPage(title: "Badges for Biology 101", instructor: true))
        #expect(html.contains("<h1>Badges for Biology 101</h1>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<form"))
    }

    @Test func studentPageLinksHeldBadgesOrSaysThereAreNone() throws {
        let badge = LaunchPage.HeldBadge(
            name: "Cells & <Tissues>",
            url: "https://badges.test/public/assertions/a1",
            issuedOn: Date(timeIntervalSince1970: 1_788_253_200)
        )
        let html = try PageRenderer().render(Self.launchPage(title: "Your badges for Biology 101", held: [badge]))
        #expect(html.contains("<a href=\"https://badges.test/public/assertions/a1\">Cells &amp; &lt;Tissues&gt;</a>"))
        #expect(html.contains("issued 2026-09-01"))
        #expect(!html.contains("no badges for this course yet"))
        let empty = try PageRenderer().render(Self.launchPage(title: "Your badges for Biology 101"))
        #expect(empty.contains("You have no badges for this course yet."))
        #expect(!empty.contains("<ul"))
    }

    @Test func errorPageShowsStatusTitleDetailAndRequestID() throws {
        let page = ErrorPage(status: 404, title: "Not Found", detail: "no route for GET /<x>", requestID: "req-7")
        let html = try PageRenderer().render(page)
        #expect(html.contains("<title>Not Found · badged</title>"))
        #expect(html.contains("<h1>Not Found</h1>"))
        #expect(html.contains("no route for GET /&lt;x&gt;"))
        #expect(html.contains("HTTP status 404"))
        #expect(html.contains("<code>req-7</code>"))
    }

    @Test func missingTemplatesFailToLoadInsteadOfCrashing() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("badged-no-templates-\(UUID())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: BadgeServerError.self) { try PageRenderer(directory: empty) }
    }

    @Test func browsersGetAnHTMLErrorPageAndAPIClientsProblemJSON() async throws {
        try await withTestApp { client, _ in
            let page = try await client.send(.get, "/no/such/page", headers: [.accept: "text/html,application/xhtml+xml,*/*;q=0.8"])
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("<html lang=\"en\">"))
            #expect(page.text.contains("<h1>Not Found</h1>"))
            #expect(page.text.contains("no route for GET /no/such/page"))
            #expect(page.text.contains("request id <code>"))

            let problem = try await client.send(.get, "/no/such/page", headers: [.accept: "application/json"])
            #expect(problem.status == .notFound)
            #expect(problem.headers[.contentType] == "application/problem+json")
            #expect(problem.json["status"] as? Int == 404)
            #expect(problem.json["request_id"] is String)

            let plain = try await client.send(.get, "/no/such/page")
            #expect(plain.headers[.contentType] == "application/problem+json")
        }
    }
}
