import BadgeStorage
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The student pages speak Dutch to a Dutch `Accept-Language` and after the switch's `?lang=nl`,
/// with `lang="nl"` on the document; English otherwise. A language chosen with the switch stays
/// through the forms and their redirects.
@Suite("Student pages in Dutch")
struct StudentPageLanguageTests {
    /// A GET with the student's cookie and extra headers.
    static func get(_ client: any TestClientProtocol, _ path: String, session: String?, _ extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers: HTTPFields = [.accept: "text/html"]
        headers.append(contentsOf: extra)
        if let session { headers[.cookie] = "__Host-badged-session=\(session)" }
        return try await client.execute(uri: path, method: .get, headers: headers, body: nil)
    }

    /// Checks that a page is in Dutch (and says `dutch`) or in English (and says `english`).
    static func expect(_ page: TestResponse, dutch: Bool, says dutchText: String, or englishText: String) {
        #expect(page.status == .ok, "\(page.text)")
        #expect(page.text.contains("<html lang=\"\(dutch ? "nl" : "en")\""))
        #expect(page.text.contains(dutch ? dutchText : englishText), "\(page.text)")
        #expect(!page.text.contains(dutch ? englishText : dutchText))
        #expect(page.text.contains("hreflang=\"nl\"") && page.text.contains("hreflang=\"en\""))
    }

    @Test func theWalletSignInAccessLinkAndSharedPagesSpeakDutch() async throws {
        try await withTestApp(.sqlite) { client, fixture in
            let assertionID = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
            let dutchHeader: HTTPFields = [.acceptLanguage: "nl-NL,nl;q=0.9,en;q=0.4"]

            // The access link's page, by header and by switch; its button keeps a chosen language.
            let link = try await client.accessLink(for: "email:ada@example.org", key: fixture.registrarKey)
            let linkPath = try #require(URLComponents(string: link)?.path)
            Self.expect(try await Self.get(client, linkPath, session: nil), dutch: false, says: "Mijn credentials openen", or: "Open my credentials")
            Self.expect(
                try await Self.get(client, linkPath, session: nil, dutchHeader),
                dutch: true,
                says: "Mijn credentials openen",
                or: "Open my credentials"
            )
            let switched = try await Self.get(client, linkPath + "?lang=nl", session: nil)
            Self.expect(switched, dutch: true, says: "Met deze link log je één keer in", or: "This link signs you in")
            #expect(switched.text.contains("action=\"\(linkPath)?lang=nl\""))
            var ada = WalletBrowser(client: client)
            let entered = try await ada.post(linkPath + "?lang=nl", [])
            #expect(entered.headers[.location] == "/wallet?lang=nl")
            let session = try #require(ada.session)

            // The wallet.
            let english = try await Self.get(client, "/wallet", session: session)
            Self.expect(english, dutch: false, says: "Je credentials", or: "Your credentials")
            #expect(english.text.contains("Make private") && english.text.contains("Badges from elsewhere"))
            let byHeader = try await Self.get(client, "/wallet", session: session, dutchHeader)
            Self.expect(byHeader, dutch: true, says: "Je credentials", or: "Your credentials")
            for text in ["Privé maken", "Alles downloaden", "Een selectie delen", "Badges van elders", "Badge toevoegen", "Uitloggen", "uitgegeven"] {
                #expect(byHeader.text.contains(text), "\(text)")
            }
            #expect(!byHeader.text.contains("action=\"/wallet/visibility?lang="))
            let bySwitch = try await Self.get(client, "/wallet?lang=nl", session: session, [.acceptLanguage: "en"])
            Self.expect(bySwitch, dutch: true, says: "Privé maken", or: "Make private")
            #expect(bySwitch.text.contains("action=\"/wallet/visibility?lang=nl\""))
            let back = try await Self.get(client, "/wallet?lang=en", session: session, dutchHeader)
            Self.expect(back, dutch: false, says: "Privé maken", or: "Make private")

            // A form posted from the Dutch page leads back to it.
            let token = try #require(LTIBrowser.hiddenValue("form_token", in: bySwitch.text))
            let hidden = try await ada.post(
                "/wallet/visibility?lang=nl",
                [("form_token", token), ("assertion_id", assertionID), ("visibility", "private")]
            )
            #expect(hidden.headers[.location] == "/wallet?lang=nl")
            let privateNow = try await Self.get(client, "/wallet?lang=nl", session: session)
            #expect(privateNow.text.contains("· privé") && privateNow.text.contains("Openbaar maken"))
            _ = try await ada.post("/wallet/visibility", [("form_token", token), ("assertion_id", assertionID), ("visibility", "public")])

            // A shared selection.
            let made = try await ada.post("/wallet/shares?lang=nl", [("form_token", token), ("assertion_id", assertionID)])
            #expect(made.text.contains("Je nieuwe gedeelde link"))
            #expect(made.text.contains("gedeeld op"))
            let start = try #require(made.text.range(of: "<a href=\"http://127.0.0.1"))
            let url = String(made.text[made.text.index(start.lowerBound, offsetBy: 9)...].prefix { $0 != "\"" })
            let sharedPath = try #require(URLComponents(string: url)?.path)
            Self.expect(try await Self.get(client, sharedPath, session: nil), dutch: false, says: "Gedeelde credentials", or: "Shared credentials")
            let shared = try await Self.get(client, sharedPath, session: nil, dutchHeader)
            Self.expect(shared, dutch: true, says: "Gedeelde credentials", or: "Shared credentials")
            #expect(shared.text.contains("· uitgegeven "))
            Self.expect(
                try await Self.get(client, sharedPath + "?lang=nl", session: nil),
                dutch: true,
                says: "Gedeelde credentials",
                or: "Shared credentials"
            )

            // The sign-in page.
            Self.expect(
                try await Self.get(client, "/wallet/sign-in", session: nil),
                dutch: false,
                says: "Inloggen bij je credentials",
                or: "Sign in to your credentials"
            )
            Self.expect(
                try await Self.get(client, "/wallet/sign-in", session: nil, dutchHeader),
                dutch: true,
                says: "Inloggen bij je credentials",
                or: "Sign in to your credentials"
            )
            let signIn = try await Self.get(client, "/wallet/sign-in?lang=nl", session: nil)
            Self.expect(signIn, dutch: true, says: "vanuit een cursus in je leeromgeving", or: "from a course in your learning environment")
        }
    }
}
