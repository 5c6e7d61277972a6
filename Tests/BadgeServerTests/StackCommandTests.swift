import BadgeCore
import BadgeIssuing
import BadgeServer
import BadgeStorage
import BadgeTesting
import Configuration
import Foundation
import Testing

/// `badged stack` as a process on a seeded SQLite database: a rule file imports, a dry run
/// names the qualifying recipients only by digest, `--issue` issues once.
@Suite("badged stack", .serialized, .heavyLane)
struct StackCommandTests {
    @Test func evaluateReportsTheQualifyingThenIssuesOnce() async throws {
        let badged = try DaemonProcess.executableURL()
        try await withSeededDatabase(.sqlite) { fixture in
            let micro = try #require(fixture.tree.badgeClasses.first { $0.kind == .microCredential })
            let names = ["Introduction to Data Science", "Statistics for Climate Data"]
            let units = try names.map { name in try #require(fixture.tree.badgeClasses.first { $0.name.en == name }) }
            let both = [Recipient(type: .email, identity: "ada@example.org"), Recipient(type: .email, identity: "bob@example.org")]
            let reader = ConfigReader(provider: InMemoryProvider(values: ["db.url": .init(.string(fixture.databaseURL), isSecret: true)]))
            let admin = try await AdminSession.open(reader: reader, logger: TestDatabases.logger)
            for unit in units { _ = try await admin.administration.award(badgeClassID: unit.id, recipients: both, progress: { _ in }) }
            let cyd = Recipient(type: .email, identity: "cyd@example.org")
            _ = try await admin.administration.award(badgeClassID: units[0].id, recipients: [cyd], progress: { _ in })
            try await admin.close()

            let file = FileManager.default.temporaryDirectory.appending(path: "badged-stack-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: file) }
            let leaves = names.map { #"{"badge_class": "\#($0)"}"# }.joined(separator: ", ")
            try Data(#"[{"badge_class": "\#(micro.id.uuidString)", "rule": {"all_of": [\#(leaves)]}}]"#.utf8).write(to: file)
            let database = ["--db-url", fixture.databaseURL]
            let imported = try await CommandProcess.run(badged, ["stack", "import", file.path] + database)
            #expect(imported.status == 0, "\(imported.output)")
            #expect(imported.output.hasSuffix("imported 1 rule(s)\n"))

            let classID = micro.id.uuidString.lowercased()
            let dryRun = try await CommandProcess.run(badged, ["stack", "evaluate", "--class", classID] + database)
            #expect(dryRun.status == 0, "\(dryRun.output)")
            let lines = dryRun.output.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasSuffix("3 recipient(s) hold a component, 2 qualify, 0 already hold the composite") == true, "\(lines)")
            #expect(Set(lines.dropFirst().prefix(2).map { String($0.prefix(12)) }) == Set(both.map { StackingCohort.digest(of: $0.key) }))
            #expect(lines.last == "dry run: 2 composite(s) would be issued; run with --issue to issue them")
            #expect(!dryRun.output.contains("example.org"))

            let issued = try await CommandProcess.run(badged, ["stack", "evaluate", "--class", classID, "--issue"] + database)
            #expect(issued.status == 0, "\(issued.output)")
            #expect(issued.output.hasSuffix("issued 2 composite(s)\n"), "\(issued.output)")
            let again = try await CommandProcess.run(badged, ["stack", "evaluate", "--class", classID, "--issue"] + database)
            #expect(again.output.hasSuffix("issued 0 composite(s)\n"), "\(again.output)")
        }
    }
}
