import BadgeCore
import BadgeTesting
import Foundation
import SQLKit
import Testing

@testable import BadgeStorage

@Suite("Schema migrations")
struct MigrationTests {
    @Test(arguments: TestDatabases.engines)
    func migratingTwiceAppliesNothingTheSecondTime(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let again = try await Migrator(logger: TestDatabases.logger).migrate(database)
            #expect(again.isEmpty)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theUnusedLoginStateTablesAreGone(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            for table in ["lti_launch_states", "lti_used_nonces"] {
                await #expect(throws: (any Error).self) {
                    try await database.session { db in try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first() }
                }
            }
        }
    }

    @Test func aClassScopedClaimListReadsItsOwnIndex() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let plan = try await database.session { db in
                try await db.raw(
                    """
                    EXPLAIN QUERY PLAN SELECT body FROM claims WHERE state = 'waiting' AND badge_class_id = 'c'
                    ORDER BY created_at, id LIMIT 500
                    """
                ).all().map { try $0.decode(column: "detail", as: String.self) }
            }
            #expect(plan.contains { $0.contains("claims_by_class") }, "plan: \(plan)")
        }
    }

    @Test func gradesOfARecipientAreReadThroughTheKeyPrefixIndex() async throws {
        try await TestDatabases.with(.sqlite) { database in
            let key = String(repeating: "ab", count: 32)
            // The store's own predicate.
            let plan = try await database.session { db in
                let query = db.select().column("id").from("outcome_events")
                SQLOutcomeEventStore.whereRecipient(key, in: query)
                var serializer = SQLSerializer(database: db)
                query.select.serialize(to: &serializer)
                return try await db.raw(
                    SQLQueryString(
                        "EXPLAIN QUERY PLAN "
                            + serializer.sql.replacingOccurrences(of: "?1", with: "'\(key.prefix(16))'")
                            .replacingOccurrences(of: "?2", with: "'\(key)'")
                    )
                ).all().map { try $0.decode(column: "detail", as: String.self) }
            }
            #expect(plan.contains { $0.contains("outcome_events_by_recipient_prefix") }, "plan: \(plan)")
        }
    }

    @Test func dataSurvivesReopeningAnSQLiteFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "badged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let location = DatabaseLocation.sqliteFile(directory.appending(path: "nested/badged.sqlite").path)
        let tree = try SampleCatalog.tree()

        let first = try await BadgeDatabase.open(location, logger: TestDatabases.logger)
        #expect(try await Migrator(logger: TestDatabases.logger).migrate(first) == Array(1...14) + [16, 17, 18, 19, 21, 23, 24, 25, 26, 27])
        try await SQLCatalogStore(database: first).insert(tree, by: "test")
        try await first.close()

        let second = try await BadgeDatabase.open(location, logger: TestDatabases.logger)
        #expect(try await Migrator(logger: TestDatabases.logger).migrate(second).isEmpty)
        let found = try await SQLCatalogStore(database: second).find(BadgeCore.Institution.self, id: tree.institution.id)
        try await second.close()
        #expect(found == tree.institution)
    }

    @Test func databaseURLsAreParsedAndNeverShowPasswords() throws {
        #expect(try DatabaseLocation(url: "sqlite:./.data/badged.sqlite") == .sqliteFile("./.data/badged.sqlite"))
        #expect(try DatabaseLocation(url: "sqlite::memory:") == .sqliteMemory)
        let postgres = try DatabaseLocation(url: "postgres://badged:s3cret@127.0.0.1:5432/badged")
        #expect(!postgres.description.contains("s3cret"))
        #expect(throws: StorageError.self) { try DatabaseLocation(url: "mysql://x") }
    }
}
