import BadgeStorage
import Logging

extension AppConfiguration {
    /// Opens the configured database and brings its schema up to date; the database is closed
    /// again if migrating fails (an SQLite connection dropped open traps in its deinit).
    func openMigratedDatabase(logger: Logger) async throws -> BadgeDatabase {
        let database = try await BadgeDatabase.open(try DatabaseLocation(url: databaseURL), logger: logger)
        do {
            try await Migrator(logger: logger).migrate(database)
        } catch {
            try? await database.close()
            throw error
        }
        return database
    }
}
