import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import Testing

@Suite("Schema migrations")
struct MigrationTests {
    @Test(arguments: TestDatabases.engines)
    func migratingTwiceAppliesNothingTheSecondTime(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let again = try await Migrator(logger: TestDatabases.logger).migrate(database)
            #expect(again.isEmpty)
        }
    }

    @Test func dataSurvivesReopeningAnSQLiteFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "badged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let location = DatabaseLocation.sqliteFile(directory.appending(path: "nested/badged.sqlite").path)
        let tree = try SampleCatalog.tree()

        let first = try await BadgeDatabase.open(location, logger: TestDatabases.logger)
        #expect(try await Migrator(logger: TestDatabases.logger).migrate(first) == Array(1...14) + [16, 17, 18, 19, 21, 23, 24])
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
