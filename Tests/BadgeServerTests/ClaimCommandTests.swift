import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import Testing

/// `badged claims …` as a process on a seeded SQLite database: a code made on the command line
/// takes claims, and the review queue is listed, approved and denied from there.
@Suite("badged claims", .serialized, .heavyLane)
struct ClaimCommandTests {
    @Test func codesAreMadeAndClaimsReviewedFromTheCommandLine() async throws {
        let badged = try DaemonProcess.executableURL()
        try await withSeededDatabase(.sqlite) { fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential }).id.uuidString.lowercased()
            let database = ["--db-url", fixture.databaseURL]
            let refused = try await CommandProcess.run(badged, ["claims", "create", "--class", micro, "--max-uses", "0"] + database)
            #expect(refused.status != 0)
            let made = try await CommandProcess.run(
                badged,
                ["claims", "create", "--class", micro, "--max-uses", "2", "--requires-evidence"] + database
            )
            #expect(made.status == 0, "\(made.output)")
            let lines = made.output.split(separator: "\n").map(String.init)
            let code = try #require(lines.first)
            #expect(ClaimCodeSecret.canonical(code) != nil)
            #expect(lines.count > 1 && lines[1].hasSuffix("/claim/\(code)"))

            let reader = ConfigReader(provider: InMemoryProvider(values: ["db.url": .init(.string(fixture.databaseURL), isSecret: true)]))
            let admin = try await AdminSession.open(reader: reader, logger: TestDatabases.logger)
            var claimIDs: [String] = []
            for (name, url) in [("ada", "https://portfolio.example.org/ada"), ("bob", "https://portfolio.example.org/bob")] {
                let outcome = try await admin.claimCodes.claim(
                    secret: code,
                    recipient: Recipient(type: .email, identity: "\(name)@example.org"),
                    evidenceURL: url,
                    evidenceText: nil
                )
                guard case .pending(let claim) = outcome else { throw TestSetupError("the claim does not wait for review") }
                claimIDs.append(claim.id.uuidString.lowercased())
            }
            try await admin.close()

            let listed = try await CommandProcess.run(badged, ["claims", "list"] + database)
            #expect(listed.status == 0)
            #expect(listed.output.contains(claimIDs[0]) && listed.output.contains("https://portfolio.example.org/bob"))
            #expect(!listed.output.contains("@example.org"))
            let approved = try await CommandProcess.run(badged, ["claims", "approve", "--claim", claimIDs[0], "--comment", "Well done"] + database)
            #expect(approved.status == 0, "\(approved.output)")
            #expect(approved.output.contains("issued assertion "))
            let denied = try await CommandProcess.run(badged, ["claims", "deny", "--claim", claimIDs[1]] + database)
            #expect(denied.status == 0, "\(denied.output)")
            let twice = try await CommandProcess.run(badged, ["claims", "deny", "--claim", claimIDs[0]] + database)
            #expect(twice.status != 0)
            let codes = try await CommandProcess.run(badged, ["claims", "codes", "--class", micro] + database)
            #expect(codes.output.contains("active  1/2"))
            #expect(!codes.output.contains(code))
            let empty = try await CommandProcess.run(badged, ["claims", "list"] + database)
            #expect(empty.output.contains("no claims wait for review"))

            // A reviewer link for the class, for a mentor who reviews on the page.
            let link = try await CommandProcess.run(badged, ["claims", "review-link", "--class", micro, "--expires-in", "3600"] + database)
            #expect(link.status == 0, "\(link.output)")
            let linkLines = link.output.split(separator: "\n").map(String.init)
            #expect(linkLines.first?.range(of: #"/review/access/[0-9a-f]{64}$"#, options: .regularExpression) != nil)
            #expect(linkLines.count > 1 && linkLines[1].contains("review_link:"))
            #expect(try await CommandProcess.run(badged, ["claims", "review-link"] + database).status != 0)
        }
    }
}
