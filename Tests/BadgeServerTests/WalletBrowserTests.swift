import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import LTITesting
import NIOHTTP1
import Testing

/// A student in a real browser: headless Chromium signs in through a test OpenID Connect
/// provider on loopback (badged's binding cookie and then its session cookie live in Chromium
/// across the provider's redirects) and lands on the wallet, which lists the student's own
/// badge and two badges from a second badged with their live status. Phone and desktop
/// screenshots of the credential page and the wallet are kept in `.build/screenshots/`.
@Suite("Headless browser: the wallet", .heavyLane)
struct WalletBrowserTests {
    /// `.build/screenshots` of this package (CI keeps it as an artefact; it is not committed).
    static let screenshots = BrowserTests.artifacts.deletingLastPathComponent().appending(path: "screenshots")

    @Test func chromiumSignsInWithOpenIDAndSeesTheWalletWithABadgeFromElsewhere() async throws {
        let browser = try HeadlessBrowser()
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        try await withSeededDatabase(.sqlite) { remoteFixture in
            try await LiveApp.run(databaseURL: remoteFixture.databaseURL) { remote in
                // The second badged gives ada two badges; one is revoked after she adds it.
                let kept = try await WalletExternalTests.award("Data Ethics and Policy", to: "ada@example.org", on: remote, remoteFixture)
                let lost = try await WalletExternalTests.award("Geospatial Analysis", to: "ada@example.org", on: remote, remoteFixture)
                let keptName = try await WalletExternalTests.names(of: kept, on: remote).badge
                let lostName = try await WalletExternalTests.names(of: lost, on: remote).badge

                try await TestOpenIDProvider.withRunning(claims: ["sub": "pseudonym-4242", "email": "ada@example.org"], now: { Date() }) { provider in
                    try await withLiveTestApp(.sqlite, configuration: OpenIDSignInTests.configuration(provider)) { app, fixture in
                        let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
                        let awarded = try await app.send(
                            .POST,
                            "/api/v1/badge-classes/\(micro.id.uuidString.lowercased())/assertions",
                            key: fixture.registrarKey,
                            json: IssuingTests.awardBody("ada@example.org")
                        )
                        let own = try #require(awarded.json["assertion_id"] as? String, "\(awarded.text)")
                        for id in [kept, lost] {
                            let jws = try await remote.send(.GET, "/public/assertions/\(id).jws").text
                            let body = String(decoding: try JSONSerialization.data(withJSONObject: ["jws": jws]), as: UTF8.self)
                            let added = try await app.send(
                                .POST,
                                "/api/v1/recipients/email:ada@example.org/external-credentials",
                                key: fixture.registrarKey,
                                json: body
                            )
                            #expect(added.status == 201, "\(added.text)")
                        }
                        let revoked = try await remote.send(
                            .POST,
                            "/api/v1/assertions/\(lost)/revoke",
                            key: remoteFixture.registrarKey,
                            json: #"{"reason": "Awarded in error"}"#
                        )
                        #expect(revoked.status == 200, "\(revoked.text)")

                        // One navigation: badged → the provider → badged's callback → /wallet, cookies in Chromium.
                        let signIn = "\(app.baseURL)/wallet/oidc/testop"
                        let wallet = try await browser.dumpDOM(signIn)
                        #expect(wallet.contains("<h1>Your credentials</h1>"), "\(wallet.prefix(2_000))")
                        #expect(wallet.contains("Energy Transition Modelling for Professionals"))
                        #expect(wallet.contains("href=\"\(app.baseURL)/public/assertions/\(own)\"") || wallet.contains("/public/assertions/\(own)"))
                        let external = WalletExternalTests.externalSection(wallet)
                        #expect(external.contains(keptName) && external.contains(lostName), "\(external)")
                        #expect(external.contains("<div class=\"status valid\"><strong>Valid, checked "), "\(external)")
                        #expect(external.contains("<div class=\"status revoked\"><strong>Revoked, checked "), "\(external)")
                        #expect(external.contains("Awarded in error"))
                        #expect(!wallet.contains("ada@example.org"))
                        #expect(provider.tokensIssued == 1)

                        let credential = "\(app.baseURL)/public/assertions/\(own)"
                        let shots = [
                            ("credential-phone.png", credential, 390, 844), ("credential-desktop.png", credential, 1280, 800),
                            ("wallet-phone.png", signIn, 390, 844), ("wallet-desktop.png", signIn, 1280, 800),
                        ]
                        for (name, url, width, height) in shots {
                            let file = Self.screenshots.appending(path: name)
                            try? FileManager.default.removeItem(at: file)
                            try await browser.screenshot(url, to: file, width: width, height: height)
                            let png = try Data(contentsOf: file)
                            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name) is a PNG")
                            #expect(BrowserTests.size(ofPNG: png) == [width, height], "\(name) has the viewport's size")
                            // A blank page compresses to a few hundred bytes; a rendered one is far larger.
                            #expect(png.count > 10_000, "\(name) has content (\(png.count) bytes)")
                        }
                        // Each wallet screenshot was a sign-in of its own, through the provider.
                        #expect(provider.tokensIssued == 3)
                    }
                }
            }
        }
    }
}
