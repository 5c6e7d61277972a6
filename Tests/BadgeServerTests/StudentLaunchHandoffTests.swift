import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import LTITesting
import NIOCore
import Testing

/// "Open my wallet" from a student's LTI launch page: a one-time hand-off token posted into a
/// new tab (the LMS frame may not keep badged's cookies) becomes a session.
@Suite("Wallet hand-off from an LTI launch", .heavyLane)
struct StudentLaunchHandoffTests {
    @Test(arguments: TestDatabases.engines)
    func aStudentLaunchOpensTheStudentsWalletOnce(engine: BadgeDatabase.Engine) async throws {
        try await LTIPlatformFlavourTests.withPlatformAndDaemon(.moodle, engine: engine) { browser, fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            try await LTIPlatformFlavourTests.award(micro, to: Recipient(type: .email, identity: "ada@example.edu"), databaseURL: fixture.databaseURL)
            let other = try #require(fixture.tree.badgeClasses.first { $0.kind != .microCredential })
            try await LTIPlatformFlavourTests.award(other, to: Recipient(type: .email, identity: "bob@example.edu"), databaseURL: fixture.databaseURL)

            let instructor = try await browser.launch(.instructor)
            #expect(!instructor.text.contains("/wallet/enter"))
            let page = try await browser.launch(.student)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<form method="post" action="/wallet/enter" target="_blank">"#))
            let token = try #require(LTIBrowser.hiddenValue("token", in: page.text))

            // The token is for this entrance only: as an access link it starts nothing.
            var wrongDoor = WalletBrowser(client: browser.client)
            #expect(try await wrongDoor.post("/wallet/access/\(token)", []).status == .badRequest)

            // Posted by another site (login CSRF with someone's hand-off): refused, and left unspent.
            for fetchSite in ["cross-site", "same-site"] {
                let forged = try await browser.client.execute(
                    uri: "/wallet/enter",
                    method: .post,
                    headers: [
                        .accept: "text/html", .contentType: "application/x-www-form-urlencoded", .origin: "https://evil.example",
                        HTTPField.Name("Sec-Fetch-Site")!: fetchSite,
                    ],
                    body: ByteBuffer(string: "token=\(token)")
                )
                #expect(forged.status == .forbidden, "\(fetchSite)")
                #expect(forged.headers[.setCookie] == nil)
            }

            var student = WalletBrowser(client: browser.client)
            let entered = try await student.post("/wallet/enter", [("token", token)])
            #expect(entered.status == .seeOther)
            #expect(entered.headers[.location] == "/wallet")
            #expect(entered.headers[.setCookie]?.hasPrefix("__Host-badged-session=") == true)
            let wallet = try await student.get("/wallet")
            #expect(wallet.status == .ok)
            #expect(wallet.text.contains(HTMLEscaped.name(of: micro)))
            #expect(!wallet.text.contains(HTMLEscaped.name(of: other)))

            var replay = WalletBrowser(client: browser.client)
            let again = try await replay.post("/wallet/enter", [("token", token)])
            #expect(again.status == .badRequest)
            #expect(replay.session == nil)
            #expect(try await replay.post("/wallet/enter", [("token", "not-a-token")]).status == .badRequest)
        }
    }
}
