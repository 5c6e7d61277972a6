import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `badged recipients access-link` as a process on a seeded SQLite database: the printed link
/// opens the person's wallet on a daemon of that database, once.
@Suite("badged recipients access-link", .serialized, .heavyLane)
struct AccessLinkCommandTests {
    @Test func thePrintedLinkOpensThePersonsWalletOnce() async throws {
        let badged = try DaemonProcess.executableURL()
        try await withSeededDatabase(.sqlite) { fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let reader = ConfigReader(provider: InMemoryProvider(values: ["db.url": .init(.string(fixture.databaseURL), isSecret: true)]))
            let admin = try await AdminSession.open(reader: reader, logger: TestDatabases.logger)
            let ada = Recipient(type: .email, identity: "ada@example.org")
            _ = try await admin.administration.award(badgeClassID: micro.id, recipients: [ada], progress: { _ in })
            try await admin.close()
            let database = ["--db-url", fixture.databaseURL]

            let refused = try await CommandProcess.run(
                badged,
                ["recipients", "access-link", "--recipient", "email:ada@example.org", "--expires-in", "604801"] + database
            )
            #expect(refused.status != 0)
            let unknown = try await CommandProcess.run(badged, ["recipients", "access-link", "--recipient", "email:nobody@example.org"] + database)
            #expect(unknown.status != 0)

            let issued = try await CommandProcess.run(
                badged,
                ["recipients", "access-link", "--recipient", "email:ada@example.org", "--expires-in", "3600"] + database
            )
            #expect(issued.status == 0, "\(issued.output)")
            let link = try #require(issued.output.split(separator: "\n").first.map(String.init))
            #expect(link.contains("/wallet/access/") && !link.contains("ada@") && !link.contains("ada%40") && !link.contains("example.org"))
            try await runTestApp(databaseURL: fixture.databaseURL) { client in
                var browser = WalletBrowser(client: client)
                #expect(try await browser.openAccessLink(link).status == .seeOther)
                let wallet = try await browser.get("/wallet")
                #expect(wallet.text.contains(HTMLEscaped.name(of: micro)))
                var again = WalletBrowser(client: client)
                #expect(try await again.openAccessLink(link).status == .badRequest)
            }
        }
    }
}
