import BadgeCore
import BadgeStorage
import BadgeTesting
import Foundation
import SQLKit
import Testing

/// An SQLite file reads on reader connections beside the writer: a read does not wait for an
/// open transaction, sees only what was committed, and cannot write.
@Suite("SQLite readers")
struct SQLiteReaderTests {
    @Test func aReadDoesNotWaitForAnOpenTransactionAndSeesOnlyCommittedRows() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "badged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try await BadgeDatabase.open(.sqliteFile(directory.appending(path: "badged.sqlite").path), logger: TestDatabases.logger)
        do {
            try await Migrator(logger: TestDatabases.logger).migrate(database)
            @Sendable func count(_ db: any SQLDatabase) async throws -> Int {
                try await db.raw("SELECT COUNT(*) AS n FROM schema_migrations WHERE name = 'probe'").first()?.decode(column: "n", as: Int.self) ?? -1
            }
            let (inserted, insertedSignal) = AsyncStream<Void>.makeStream()
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()
            let writer = Task {
                try await database.transaction { db in
                    try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'probe', 0)").run()
                    insertedSignal.yield()
                    for await _ in release { break }
                }
            }
            for await _ in inserted { break }
            // The writer holds its transaction open: a read on the writer's connection would wait for it.
            #expect(try await database.read(count) == 0)
            releaseSignal.yield()
            try await writer.value
            #expect(try await database.read(count) == 1)
            await #expect(throws: (any Error).self) {
                try await database.read { db in try await db.raw("DELETE FROM schema_migrations WHERE version = 9999").run() }
            }
            #expect(try await database.session(count) == 1)
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }

    @Test(arguments: TestDatabases.engines)
    func readsElsewhereRunAsSessions(engine: BadgeDatabase.Engine) async throws {
        try await TestDatabases.with(engine) { database in
            try await database.transaction { db in
                try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9998, 'probe', 0)").run()
            }
            let found = try await database.read { db in
                try await db.raw("SELECT name FROM schema_migrations WHERE version = 9998").first()?.decode(column: "name", as: String.self)
            }
            #expect(found == "probe")
        }
    }
}
