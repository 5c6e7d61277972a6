import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import BadgeServer

/// Credential numbers and the credential page over HTTP: the award answers with the number, the
/// lookup redirects a known number to the credential page and answers any other with one 404
/// page, and the page shows the credential with badged's own verification, in English or Dutch.
@Suite("Credential numbers and the credential page")
struct CredentialPageTests {
    static let html: HTTPFields = [.accept: "text/html,application/xhtml+xml"]

    /// Awards the sample micro-credential and returns its assertion id and credential number.
    static func award(_ client: some TestClientProtocol, _ fixture: TestFixture, to email: String) async throws -> (id: String, number: String) {
        let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
        let awarded = try await client.send(
            .post,
            "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions",
            key: fixture.registrarKey,
            json: IssuingTests.awardBody(email)
        )
        return (try #require(awarded.json["assertion_id"] as? String), try #require(awarded.json["credential_number"] as? String))
    }

    static func lookup(_ client: some TestClientProtocol, _ number: String, headers: HTTPFields = html) async throws -> TestResponse {
        let query = number.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? number
        return try await client.execute(uri: "/public/credentials?number=\(query)", method: .get, headers: headers)
    }

    @Test(arguments: TestDatabases.engines)
    func aNumberLeadsToTheCredentialPageWhichShowsItsStatusBeforeAndAfterRevocation(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let (id, number) = try await Self.award(client, fixture, to: "ada@example.org")
            let parsed = try #require(CredentialNumber(parsing: number))
            #expect(parsed.description == number)
            #expect(parsed.prefix == "UH")
            let shown = try await client.send(.get, "/api/v1/assertions/\(id)", key: fixture.registrarKey)
            #expect(shown.json["credential_number"] as? String == number)
            // The OB 2.0 document does not carry the number.
            #expect(!(try await client.send(.get, "/public/assertions/\(id)")).text.contains(number))

            // Typed from paper: lower case, spaces, no hyphens.
            let typed = number.lowercased().replacingOccurrences(of: "-", with: " ")
            let redirect = try await Self.lookup(client, typed)
            #expect(redirect.status == .seeOther)
            let location = try #require(redirect.headers[.location])
            #expect(location.hasSuffix("/public/assertions/\(id)"))

            let page = try await client.execute(uri: "/public/assertions/\(id)", method: .get, headers: Self.html)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            let text = page.text
            #expect(text.contains("<html lang=\"en\">"))
            #expect(text.contains("<h1>Energy Transition Modelling for Professionals</h1>"))
            #expect(text.contains("<dt>Issuer</dt>\n<dd>Institute for Environmental Data Science</dd>"))
            #expect(text.contains("<dt>Institution</dt>\n<dd>University of Harderwijk</dd>"))
            #expect(text.contains("<dt>Credential number</dt>\n<dd>\(number)</dd>"))
            #expect(text.contains("<dt>Credits (ECTS)</dt>\n<dd>5</dd>"))
            #expect(text.contains("<dt>EQF level</dt>\n<dd>7</dd>"))
            #expect(text.contains("<dt>Learning outcomes</dt>"))
            #expect(text.contains("Passed the modelling assignment and the oral exam."))
            #expect(text.contains("<section class=\"status valid\""))
            #expect(text.contains("<strong>Valid</strong>"))
            #expect(text.contains("The issuer&#39;s signature is correct."))
            #expect(text.contains("alt=\"Badge image of Energy Transition Modelling for Professionals\""))
            #expect(text.contains("src=\"http://127.0.0.1") || text.contains("src=\"http"))
            #expect(text.contains("/public/assertions/\(id)/qr\""))
            #expect(text.contains("<label for=\"credential-link\">Link to this credential</label>"))
            #expect(text.contains("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"))
            #expect(text.contains("certId=\(number)"))
            #expect(text.contains("/public/assertions/\(id)/image?format=png\">"))
            #expect(text.contains("/public/assertions/\(id).jws\">"))
            #expect(text.contains("/public/assertions/\(id).edci.xml\">"))
            #expect(text.contains("/public/assertions/\(id)?format=json\">"))
            #expect(!text.lowercased().contains("ada@example.org"))
            #expect(!text.contains("<script"))
            // The JSON download is the document even for a browser.
            let json = try await client.execute(uri: "/public/assertions/\(id)?format=json", method: .get, headers: Self.html)
            #expect(json.headers[.contentType] == "application/ld+json")

            let revoked = try await client.send(
                .post,
                "/api/v1/assertions/\(id)/revoke",
                key: fixture.registrarKey,
                json: #"{"reason": "Awarded in error"}"#
            )
            #expect(revoked.status == .ok)
            // A revoked credential's number still leads to its page, as a valid one does.
            let again = try await Self.lookup(client, number)
            #expect(again.status == .seeOther)
            #expect(again.headers[.location] == location)
            let after = try await client.execute(uri: "/public/assertions/\(id)", method: .get, headers: Self.html).text
            #expect(after.contains("<section class=\"status revoked\""))
            #expect(after.contains("<strong>Revoked</strong>"))
            #expect(after.contains("Reason: Awarded in error"))
            #expect(!after.contains("<strong>Valid</strong>"))
        }
    }

    @Test func everyFailedLookupAnswersTheSame404Page() async throws {
        try await withTestApp { client, fixture in
            let (_, number) = try await Self.award(client, fixture, to: "ada@example.org")
            let (_, erasedNumber) = try await Self.award(client, fixture, to: "grace@example.org")
            let erased = try await client.send(
                .post,
                "/api/v1/recipients/forget",
                key: fixture.adminKey,
                json: #"{"recipient": {"type": "email", "identity": "grace@example.org"}}"#
            )
            #expect(erased.status == .ok)
            let parsed = try #require(CredentialNumber(parsing: number))
            // A well-formed number nobody holds: another random part with its correct check symbol.
            var unknown = CredentialNumber(prefix: "UH", random: SystemRandomSource())
            while unknown == parsed { unknown = CredentialNumber(prefix: "UH", random: SystemRandomSource()) }
            // One symbol mistyped: the check symbol catches it.
            var symbols = Array(number)
            symbols[4] = symbols[4] == "A" ? "B" : "A"
            let mistyped = String(symbols)
            let answers = try await [mistyped, unknown.description, "XX-0000-0000", "nonsense", erasedNumber].asyncMap {
                try await Self.lookup(client, $0)
            }
            for answer in answers {
                #expect(answer.status == .notFound)
                #expect(answer.headers[.location] == nil)
                #expect(answer.text.contains("<h1>No such credential</h1>"))
                #expect(answer.text == answers[0].text)
            }
            #expect(!answers[0].text.contains(number))
        }
    }

    @Test func theLookupPageHasALabelledFormInTheChosenLanguage() async throws {
        try await withTestApp { client, _ in
            let english = try await client.execute(uri: "/public/credentials", method: .get, headers: Self.html)
            #expect(english.status == .ok)
            #expect(english.text.contains("<label for=\"number\">Credential number</label>"))
            #expect(english.text.contains("<input id=\"number\" name=\"number\""))
            #expect(english.text.contains("<form method=\"get\" action=\""))
            var dutchHeaders = Self.html
            dutchHeaders[.acceptLanguage] = "nl-NL,nl;q=0.9,en;q=0.8"
            let dutch = try await client.execute(uri: "/public/credentials", method: .get, headers: dutchHeaders)
            #expect(dutch.text.contains("<html lang=\"nl\">"))
            #expect(dutch.text.contains("<label for=\"number\">Credentialnummer</label>"))
            let switched = try await client.execute(uri: "/public/credentials?lang=en", method: .get, headers: dutchHeaders)
            #expect(switched.text.contains("<html lang=\"en\">"))
        }
    }

    @Test func theCredentialPageSpeaksDutchByAcceptLanguageOrTheSwitch() async throws {
        try await withTestApp { client, fixture in
            let (id, number) = try await Self.award(client, fixture, to: "ada@example.org")
            var dutchHeaders = Self.html
            dutchHeaders[.acceptLanguage] = "nl;q=0.9, en;q=0.5"
            let byHeader = try await client.execute(uri: "/public/assertions/\(id)", method: .get, headers: dutchHeaders).text
            let bySwitch = try await client.execute(uri: "/public/assertions/\(id)?lang=nl", method: .get, headers: Self.html).text
            for text in [byHeader, bySwitch] {
                #expect(text.contains("<html lang=\"nl\">"))
                #expect(text.contains("<h1>Modellering van de energietransitie voor professionals</h1>"))
                #expect(text.contains("<dt>Uitgever</dt>\n<dd>Instituut voor Milieudatawetenschap</dd>"))
                #expect(text.contains("<dt>Instelling</dt>\n<dd>Universiteit Harderwijk</dd>"))
                #expect(text.contains("<dt>Credentialnummer</dt>\n<dd>\(number)</dd>"))
                #expect(text.contains("<dt>Studiepunten (EC)</dt>\n<dd>5</dd>"))
                #expect(text.contains("<dt>EQF-niveau</dt>\n<dd>7</dd>"))
                #expect(text.contains("<strong>Geldig</strong>"))
                #expect(text.contains("<a href=\"?lang=en\" lang=\"en\" hreflang=\"en\">English</a>"))
                #expect(text.contains("<a href=\"?lang=nl\" lang=\"nl\" hreflang=\"nl\" aria-current=\"page\">Nederlands</a>"))
            }
            // The switch overrides the header.
            let english = try await client.execute(uri: "/public/assertions/\(id)?lang=en", method: .get, headers: dutchHeaders).text
            #expect(english.contains("<html lang=\"en\">"))
            #expect(english.contains("<strong>Valid</strong>"))
            // A lookup made in Dutch keeps Dutch on the page it leads to.
            let redirect = try await client.execute(uri: "/public/credentials?number=\(number)&lang=nl", method: .get, headers: Self.html)
            #expect(redirect.headers[.location]?.hasSuffix("/public/assertions/\(id)?lang=nl") == true)
        }
    }

    @Test func languageNegotiationPrefersTheSwitchThenTheBestAcceptedLanguage() {
        #expect(PageLanguage.of(query: nil, acceptLanguage: nil) == .en)
        #expect(PageLanguage.of(query: nil, acceptLanguage: "de-DE, nl;q=0.8, en;q=0.7") == .nl)
        #expect(PageLanguage.of(query: nil, acceptLanguage: "en-GB, nl;q=0.8") == .en)
        #expect(PageLanguage.of(query: nil, acceptLanguage: "nl;q=0, fr") == .en)
        #expect(PageLanguage.of(query: "NL", acceptLanguage: "en") == .nl)
        #expect(PageLanguage.of(query: "de", acceptLanguage: "nl-BE") == .nl)
    }
}

extension Array {
    /// The results of `transform` on each element, one after another.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
