import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OpenBadges
import Testing
import ZIPFoundation

/// The wallet through the daemon on both engines: private credentials vanish from the public
/// pages, selections are shared by revocable links, and "download all" is one ZIP.
@Suite("Student wallet")
struct WalletTests {
    /// Ada signed in, holding the micro-credential (`micro`) and a second badge (`regular`); Bob holds the micro-credential.
    struct World {
        var browser: WalletBrowser
        let micro, regular, bob: String
    }

    static func world(_ client: any TestClientProtocol, _ fixture: TestFixture) async throws -> World {
        let micro = try await IssuingTests.awardMicroCredential(client, fixture, to: "ada@example.org")
        let bob = try await IssuingTests.awardMicroCredential(client, fixture, to: "bob@example.org")
        let second = try #require(fixture.tree.badgeClasses.first { $0.kind != .microCredential })
        let awarded = try await client.send(
            .post,
            "/api/v1/badge-classes/\(second.id.uuidString.lowercased())/assertions",
            key: fixture.registrarKey,
            json: IssuingTests.awardBody("ada@example.org")
        )
        let regular = try #require(awarded.json["assertion_id"] as? String)
        var browser = WalletBrowser(client: client)
        try await browser.openAccessLink(try await client.accessLink(for: "email:ada@example.org", key: fixture.registrarKey))
        return World(browser: browser, micro: micro, regular: regular, bob: bob)
    }

    @Test(arguments: TestDatabases.engines)
    func aPrivateCredentialAnswers404OnEveryPublicPage(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            var world = try await Self.world(client, fixture)
            let paths = [
                "/public/assertions/\(world.micro)", "/public/assertions/\(world.micro).jws", "/public/assertions/\(world.micro)/image",
                "/public/assertions/\(world.micro)/qr", "/public/assertions/\(world.micro)/certificate",
            ]
            let shown = try await client.send(.get, "/api/v1/assertions/\(world.micro)", key: fixture.registrarKey)
            let number = try #require(shown.json["credential_number"] as? String)
            let lookup = "/public/credentials?number=\(number)"
            #expect(try await client.send(.get, lookup).status == .seeOther)
            for path in paths { #expect(try await client.send(.get, path).status == .ok, "\(path)") }
            // Without the form token, or for someone else's credential, nothing changes.
            #expect(
                try await world.browser.post("/wallet/visibility", [("assertion_id", world.micro), ("visibility", "private")]).status == .forbidden
            )
            #expect(
                try await world.browser.submit("/wallet/visibility", [("assertion_id", world.bob), ("visibility", "private")]).status == .notFound
            )
            #expect(
                try await world.browser.submit("/wallet/visibility", [("assertion_id", world.micro), ("visibility", "hidden")]).status
                    == .unprocessableContent
            )
            #expect(try await client.send(.get, "/public/assertions/\(world.bob)").status == .ok)

            let hidden = try await world.browser.submit("/wallet/visibility", [("assertion_id", world.micro), ("visibility", "private")])
            #expect(hidden.status == .seeOther)
            for path in paths { #expect(try await client.send(.get, path).status == .notFound, "\(path)") }
            #expect(try await client.send(.get, paths[0], headers: [.accept: "text/html"]).status == .notFound)
            // The number of a private credential is not found either, with the page an unknown one gets.
            #expect(try await client.send(.get, lookup).status == .notFound)
            #expect(try await client.send(.get, "/public/assertions/\(world.regular)").status == .ok)
            let wallet = try await world.browser.get("/wallet")
            #expect(wallet.text.contains("value=\"public\">Make public"))

            #expect(
                try await world.browser.submit("/wallet/visibility", [("assertion_id", world.micro), ("visibility", "public")]).status == .seeOther
            )
            for path in paths { #expect(try await client.send(.get, path).status == .ok, "\(path)") }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aSharedSelectionShowsTheChosenCredentialsUntilRevoked(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            var world = try await Self.world(client, fixture)
            #expect(try await world.browser.submit("/wallet/shares", []).status == .unprocessableContent)
            #expect(try await world.browser.submit("/wallet/shares", [("assertion_id", world.bob)]).status == .unprocessableContent)
            let made = try await world.browser.submit("/wallet/shares", [("assertion_id", world.regular)])
            #expect(made.status == .ok)
            let start = try #require(made.text.range(of: "<a href=\"http://127.0.0.1"))
            let url = String(made.text[made.text.index(start.lowerBound, offsetBy: 9)...].prefix { $0 != "\"" })
            let path = try #require(URLComponents(string: url)?.path)
            #expect(path.hasPrefix("/shared/"))

            let shared = try await client.send(.get, path)
            #expect(shared.status == .ok)
            #expect(shared.text.contains(world.regular))
            #expect(!shared.text.contains(world.micro))
            #expect(!shared.text.contains("ada@example.org"))
            // A credential made private leaves the shared page too.
            try await world.browser.submit("/wallet/visibility", [("assertion_id", world.regular), ("visibility", "private")])
            #expect(!(try await client.send(.get, path)).text.contains(world.regular))
            try await world.browser.submit("/wallet/visibility", [("assertion_id", world.regular), ("visibility", "public")])

            let wallet = try await world.browser.get("/wallet")
            #expect(!wallet.text.contains(path))
            let shareID = try #require(wallet.text.range(of: "/wallet/shares/").map { String(wallet.text[$0.upperBound...].prefix(36)) })
            var bob = WalletBrowser(client: client)
            try await bob.openAccessLink(try await client.accessLink(for: "email:bob@example.org", key: fixture.registrarKey))
            #expect(try await bob.submit("/wallet/shares/\(shareID)/revoke", []).status == .notFound)
            #expect(try await client.send(.get, path).status == .ok)
            #expect(try await world.browser.submit("/wallet/shares/\(shareID)/revoke", []).status == .seeOther)
            #expect(try await client.send(.get, path).status == .notFound)
            #expect(try await client.send(.get, "/shared/" + String(repeating: "a", count: 64)).status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func downloadAllIsOneZIPOfTheBakedImages(engine: BadgeDatabase.Engine) async throws {
        try await withTestApp(engine) { client, fixture in
            let world = try await Self.world(client, fixture)
            #expect(try await WalletBrowser(client: client).get("/wallet/download").status == .unauthorized)
            let download = try await world.browser.get("/wallet/download")
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/zip")
            #expect(download.headers[.contentDisposition]?.contains("attachment") == true)
            let archive = try Archive(data: Data(download.body.readableBytesView), accessMode: .read)
            let entries = archive.map(\.path).sorted()
            #expect(entries.count == 3)
            #expect(entries.contains("README.txt"))
            for id in [world.micro, world.regular] {
                let name = try #require(entries.first { $0.hasSuffix("-\(id).png") })
                var png = Data()
                _ = try archive.extract(try #require(archive[name])) { png.append($0) }
                let baked = try #require(try PNGBaker().extract(from: png))
                let jws = try await client.send(.get, "/public/assertions/\(id).jws")
                #expect(baked == jws.text)
            }
            var readme = Data()
            _ = try archive.extract(try #require(archive["README.txt"])) { readme.append($0) }
            #expect(String(decoding: readme, as: UTF8.self).contains("images only"))
            #expect(!entries.contains { $0.hasSuffix(".edci.xml") })
        }
    }

    @Test func downloadAllHoldsTheSignedEDCIFilesWhenEDCIIsConfigured() async throws {
        try await withTestApp(.sqlite, configuration: EDCIEndpointTests.configuration) { client, fixture in
            let world = try await Self.world(client, fixture)
            let download = try await world.browser.get("/wallet/download")
            #expect(download.status == .ok)
            let archive = try Archive(data: Data(download.body.readableBytesView), accessMode: .read)
            let entries = archive.map(\.path)
            #expect(entries.count == 5)
            for id in [world.micro, world.regular] {
                #expect(entries.contains { $0.hasSuffix("-\(id).png") })
                let name = try #require(entries.first { $0.hasSuffix("-\(id).edci.xml") })
                var xml = Data()
                _ = try archive.extract(try #require(archive[name])) { xml.append($0) }
                let text = String(decoding: xml, as: UTF8.self)
                #expect(text.contains("europassCredential") && text.contains("Signature"))
                #expect(!text.contains("ada@example.org"))
            }
        }
    }
}
