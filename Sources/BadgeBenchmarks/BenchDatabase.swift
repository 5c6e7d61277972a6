import BadgeStorage
import Foundation
import Logging
import SQLKit

/// A throwaway PostgreSQL database for benchmarks.
public enum BenchDatabase {
    /// Creates a database on the server, runs `body` with its URL, and drops it.
    public static func withPostgres<R: Sendable>(serverURL: String, _ body: (String) async throws -> R) async throws -> R {
        guard var components = URLComponents(string: serverURL) else { throw BenchmarkError(.setup, "not a PostgreSQL URL") }
        let logger = Logger(label: "badged.bench")
        let name = "badged_bench_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try await BadgeDatabase.open(try DatabaseLocation(url: serverURL), logger: logger)
        do {
            try await admin.session { db in try await db.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            components.path = "/\(name)"
            let result = try await body(components.string ?? serverURL)
            try await admin.session { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
            try await admin.close()
            return result
        } catch {
            try? await admin.session { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
            try? await admin.close()
            throw error
        }
    }
}
