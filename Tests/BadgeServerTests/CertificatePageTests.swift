import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import OpenBadges
import QRCodes
import Testing

@testable import BadgeServer

/// The printable certificate: one A4 sheet per credential, with the facts, the number, the QR
/// code of the link and the link itself, never the recipient; 404 where there is nothing to
/// certify.
@Suite("Printable certificate")
struct CertificatePageTests {
    static let csp = HTTPField.Name("Content-Security-Policy")!  // a valid header token

    @Test func theCertificateShowsTheCredentialOnAnA4SheetWithoutTheRecipient() async throws {
        try await withTestApp { client, fixture in
            let (id, number) = try await CredentialPageTests.award(client, fixture, to: "ada@example.org")
            let credentialPage = try await client.execute(uri: "/public/assertions/\(id)", method: .get, headers: CredentialPageTests.html).text
            #expect(credentialPage.contains("/public/assertions/\(id)/certificate?lang=en\">Printable certificate (A4, or save as PDF)</a>"))

            let response = try await client.execute(uri: "/public/assertions/\(id)/certificate", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let text = response.text
            #expect(text.contains("<html lang=\"en\">"))
            #expect(text.contains("@page { size: A4; margin: 0; }"))
            #expect(text.contains("@media print {"))
            #expect(text.contains("<p class=\"institution\">University of Harderwijk</p>"))
            #expect(text.contains("<p class=\"kicker\">Certificate</p>"))
            #expect(text.contains("University of Harderwijk certifies that the holder of this credential has earned"))
            #expect(text.contains("<h1>Energy Transition Modelling for Professionals</h1>"))
            #expect(text.contains("<dt>Issuer</dt>\n<dd>Institute for Environmental Data Science</dd>"))
            #expect(text.contains("<dt>Credential number</dt>\n<dd>\(number)</dd>"))
            #expect(text.contains("<dt>Credits (ECTS)</dt>\n<dd>5</dd>"))
            #expect(text.contains("<dt>EQF level</dt>\n<dd>7</dd>"))
            #expect(text.contains("<dt>Issued on</dt>\n<dd>1 September 2026</dd>"))
            #expect(text.contains("<dt>Expires</dt>\n<dd>"))
            #expect(text.contains("<p class=\"number\">\(number)</p>"))
            #expect(text.contains("<p class=\"status valid\"><strong>Valid</strong>"))
            #expect(text.contains("alt=\"Badge image of Energy Transition Modelling for Professionals\""))
            #expect(!text.lowercased().contains("ada@example.org"))
            #expect(!text.contains("<script"))

            // The link is written out, and the QR code inline encodes exactly that link.
            let link = try #require(Self.between(text, "<p class=\"link\">", "</p>"))
            #expect(link.hasSuffix("/public/assertions/\(id)"))
            #expect(text.contains("Scan the QR code or open \(link) to see whether"))
            let dataURL = try #require(Self.between(text, "<img src=\"data:image/svg+xml;base64,", "\""))
            let svg = String(decoding: try #require(Data(base64Encoded: dataURL)), as: UTF8.self)
            #expect(svg == (try QRCode(encoding: link)).svg(title: "QR code of this credential's link"))

            // The policy allows exactly the sheet's own style block and nothing inline else.
            let policy = try #require(response.headers[Self.csp])
            let style = try #require(Self.between(text, "<style>", "</style>"))
            #expect(policy.contains(ContentSecurityPolicy.hashSource(style)))
            #expect(policy.contains("img-src 'self' data:"))
            #expect(!policy.contains("unsafe-inline"))

            // After revocation the sheet says so, with the reason.
            let revoked = try await client.send(
                .post,
                "/api/v1/assertions/\(id)/revoke",
                key: fixture.registrarKey,
                json: #"{"reason": "Awarded in error"}"#
            )
            #expect(revoked.status == .ok)
            let after = try await client.execute(uri: "/public/assertions/\(id)/certificate", method: .get).text
            #expect(
                after.contains("<p class=\"status revoked\"><strong>Revoked</strong> The issuer revoked this credential. Reason: Awarded in error")
            )
        }
    }

    @Test func theCertificateSpeaksDutchByAcceptLanguageOrTheSwitch() async throws {
        try await withTestApp { client, fixture in
            let (id, number) = try await CredentialPageTests.award(client, fixture, to: "ada@example.org")
            let byHeader = try await client.execute(uri: "/public/assertions/\(id)/certificate", method: .get, headers: [.acceptLanguage: "nl-NL"])
            let bySwitch = try await client.execute(uri: "/public/assertions/\(id)/certificate?lang=nl", method: .get)
            for text in [byHeader.text, bySwitch.text] {
                #expect(text.contains("<html lang=\"nl\">"))
                #expect(text.contains("<p class=\"kicker\">Certificaat</p>"))
                #expect(text.contains("Universiteit Harderwijk verklaart dat de houder van deze credential heeft behaald"))
                #expect(text.contains("<h1>Modellering van de energietransitie voor professionals</h1>"))
                #expect(text.contains("<dt>Credentialnummer</dt>\n<dd>\(number)</dd>"))
                #expect(text.contains("<dt>Uitgegeven op</dt>\n<dd>1 september 2026</dd>"))
                #expect(text.contains("<strong>Geldig</strong>"))
                #expect(text.contains("/public/assertions/\(id)?lang=nl\">Terug naar de credentialpagina</a>"))
            }
        }
    }

    @Test func unknownMalformedAndErasedCredentialsHaveNoCertificate() async throws {
        try await withTestApp { client, fixture in
            let (id, _) = try await CredentialPageTests.award(client, fixture, to: "grace@example.org")
            #expect(try await client.execute(uri: "/public/assertions/\(id)/certificate", method: .get).status == .ok)
            let erased = try await client.send(
                .post,
                "/api/v1/recipients/forget",
                key: fixture.adminKey,
                json: #"{"recipient": {"type": "email", "identity": "grace@example.org"}}"#
            )
            #expect(erased.status == .ok)
            for path in [id, UUID().uuidString.lowercased(), "not-a-uuid", "\(id).jws"] {
                let answer = try await client.execute(uri: "/public/assertions/\(path)/certificate", method: .get, headers: CredentialPageTests.html)
                #expect(answer.status == .notFound, "\(path)")
                #expect(!answer.text.contains("class=\"sheet\""))
            }
            // The erased credential's page (still served, as revoked) offers no certificate.
            let page = try await client.execute(uri: "/public/assertions/\(id)", method: .get, headers: CredentialPageTests.html).text
            #expect(!page.contains("/certificate"))
        }
    }

    @Test func theCertificateEscapesEveryValue() throws {
        let credential = try PageTests.credential(title: PageTests.script)
        let html = try PageRenderer().render(try CertificatePage(credential, language: .en, urls: try PublicURLs(baseURL: "https://badges.test")))
        #expect(!html.contains("<script>"))
        #expect(html.contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h1>"))
        #expect(html.contains("<title>&lt;script&gt;"))
        #expect(html.contains("alt=\"Badge image of &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\""))
        #expect(html.contains("<dt>Issuer</dt>\n<dd>Faculty of Science &amp; Engineering</dd>"))
        #expect(html.contains("<p class=\"number\">UH-0000-0000</p>"))
        #expect(html.contains("<p class=\"link\">https://badges.test/public/assertions/0b5c6a9e-0000-4000-8000-0000000000a1</p>"))
        let revoked = try PageRenderer().render(
            try CertificatePage(try PageTests.credential(isRevoked: true), language: .en, urls: try PublicURLs(baseURL: "https://badges.test"))
        )
        #expect(revoked.contains("<strong>Revoked</strong> The issuer revoked this credential. Reason: awarded in error"))
    }

    /// The text between the first `start` and the next `end`.
    static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let open = text.range(of: start), let close = text.range(of: end, range: open.upperBound..<text.endIndex) else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }
}
