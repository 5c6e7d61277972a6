public import BadgeCore
public import BadgeStorage
import Foundation
public import Logging
import SQLKit

/// The databases storage tests run on: in-memory SQLite always, and PostgreSQL whenever
/// `BADGED_TEST_POSTGRES_URL` is set (CI sets it). Each test gets a database of its own.
public enum TestDatabases {
    /// The PostgreSQL server URL from the environment, if any.
    public static var postgresURL: String? {
        let environment = ProcessInfo.processInfo.environment
        return environment["BADGED_TEST_POSTGRES_URL"] ?? environment["BADGE_TEST_POSTGRES_URL"]
    }

    /// The engines to run a parameterised test on.
    public static var engines: [BadgeDatabase.Engine] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// A logger that prints nothing unless `BADGED_TEST_LOG` is set.
    public static var logger: Logger {
        var logger = Logger(label: "badged.test")
        logger.logLevel = ProcessInfo.processInfo.environment["BADGED_TEST_LOG"] == nil ? .critical : .debug
        return logger
    }

    /// Runs `body` with a fresh, migrated database on `engine`, and removes it afterwards.
    /// - Parameters:
    ///   - clock: the time of audit, outbox and migration rows.
    ///   - ids: the ids of audit and outbox rows.
    public static func with<R>(
        _ engine: BadgeDatabase.Engine,
        clock: any TimeSource = SystemTimeSource(),
        ids: any IDGenerator = UUIDv7Generator(),
        random: any RandomSource = SystemRandomSource(),
        _ body: (BadgeDatabase) async throws -> R
    ) async throws -> R {
        let (location, cleanup) = try await makeLocation(engine)
        let database = try await BadgeDatabase.open(location, logger: logger, clock: clock, ids: ids, random: random)
        do {
            try await Migrator(logger: logger, clock: clock).migrate(database)
            let result = try await body(database)
            try await database.close()
            try await cleanup()
            return result
        } catch {
            try? await database.close()
            try? await cleanup()
            throw error
        }
    }

    /// A location for a fresh database and a closure that deletes it.
    public static func makeLocation(_ engine: BadgeDatabase.Engine) async throws -> (DatabaseLocation, @Sendable () async throws -> Void) {
        switch engine {
        case .sqlite:
            return (.sqliteMemory, {})
        case .postgres:
            guard let serverURL = postgresURL, var components = URLComponents(string: serverURL) else {
                throw TestSetupError("BADGED_TEST_POSTGRES_URL is not set")
            }
            let name = "badged_test_\(UUID().uuidString.prefix(8).lowercased())"
            let admin = try await BadgeDatabase.open(.postgres(serverURL), logger: logger)
            // Concurrent CREATE DATABASE can collide on the template; retry a few times, and
            // always shut the pool down on failure (an abandoned pool traps in its deinit).
            var attempt = 0
            while true {
                do {
                    try await admin.session { db in try await db.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
                    break
                } catch {
                    attempt += 1
                    if attempt >= 5 {
                        try? await admin.close()
                        throw error
                    }
                    try? await Task.sleep(for: .milliseconds(100 * attempt))
                }
            }
            components.path = "/\(name)"
            let drop: @Sendable () async throws -> Void = {
                do {
                    try await admin.session { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
                } catch {
                    try? await admin.close()
                    throw error
                }
                try await admin.close()
            }
            return (.postgres(components.string ?? serverURL), drop)
        }
    }
}

/// A test environment problem (not a product failure).
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
