public import BadgeCore
public import Foundation
import SQLKit
import Synchronization

/// Single-use values in SQL, stored as the digests callers pass (a nonce or `jti` is never stored as sent). The primary
/// key decides the first use across daemons; expired values of a scope are swept on the way, at most once a minute
/// per scope and guard (an expired value left a little longer only takes room).
public struct SQLReplayGuard: ReplayGuard {
    private let database: BadgeDatabase
    private let swept = Sweeps()

    /// When each scope was last swept.
    private final class Sweeps: Sendable {
        let last = Mutex<[String: ContinuousClock.Instant]>([:])

        /// Whether `scope` is due for a sweep; marks it swept now if so.
        func due(_ scope: String) -> Bool {
            last.withLock { last in
                if let previous = last[scope], previous.duration(to: .now) < .seconds(60) { return false }
                last[scope] = .now
                return true
            }
        }
    }

    /// Creates a guard on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func firstUse(scope: String, value: String, expiresAt: Date, now: Date) async throws -> Bool {
        let digest = value
        return try await database.session { db in
            if swept.due(scope) {
                try await db.delete(from: "single_use").where("scope", .equal, scope).where("expires_at", .lessThan, now.unixSeconds).run()
            }
            // One SQL string: serializing SQLKit's builder tree was ~1.5 % of a launch's CPU
            // (every launch's nonce passes here).
            return try await db.raw(
                """
                INSERT INTO single_use (scope, value_hash, expires_at) VALUES (\(bind: scope), \(bind: digest), \(bind: expiresAt.unixSeconds)) \
                ON CONFLICT (scope, value_hash) DO NOTHING RETURNING value_hash
                """
            ).first() != nil
        }
    }
}
