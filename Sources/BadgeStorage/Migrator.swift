public import BadgeCore
import Foundation
public import Logging
import SQLKit

/// Brings a database's schema up to date, one transaction per migration.
///
/// The applied versions are recorded in `schema_migrations`. On PostgreSQL an advisory lock
/// serialises daemons that start at the same time against one server.
public struct Migrator: Sendable {
    private let migrations: [Migration]
    private let logger: Logger
    private let clock: any TimeSource

    /// Creates a migrator for the given migrations (by default all of badged's).
    /// - Parameter clock: the time recorded for each applied migration.
    public init(migrations: [Migration] = Migration.all, logger: Logger, clock: any TimeSource = SystemTimeSource()) {
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
        self.clock = clock
    }

    /// Applies every migration newer than the database's version.
    /// - Returns: the versions applied now.
    @discardableResult
    public func migrate(_ database: BadgeDatabase) async throws -> [Int] {
        try await database.session { db in
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            ).run()
        }
        var applied: [Int] = []
        let clock = self.clock
        for migration in migrations {
            let didApply = try await database.transaction { db in
                if database.engine == .postgres {
                    try await db.raw("SELECT pg_advisory_xact_lock(7042001)").run()
                }
                let existing = try await db.select().column("version").from("schema_migrations")
                    .where("version", .equal, migration.version).first()
                guard existing == nil else { return false }
                do {
                    for statement in migration.statements + migration.engineStatements[database.engine, default: []] {
                        try await db.raw(SQLQueryString(statement)).run()
                    }
                } catch {
                    throw StorageError(.migration, "migration \(migration.version) (\(migration.name)) failed", cause: error)
                }
                try await db.insert(into: "schema_migrations").columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(clock.now().unixSeconds))
                    .run()
                return true
            }
            if didApply {
                logger.info("applied schema migration", metadata: ["db.migration": "\(migration.version) \(migration.name)"])
                applied.append(migration.version)
            }
        }
        return applied
    }
}
