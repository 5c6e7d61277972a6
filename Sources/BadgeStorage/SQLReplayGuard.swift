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
        try await firstUses([SingleUse(scope: scope, value: value, expiresAt: expiresAt)], now: now)[0]
    }

    /// One `INSERT` per 300 values, which SQLite and PostgreSQL each commit atomically on its
    /// own: one commit (one fsync) for a group of values, however many callers they came from.
    public func firstUses(_ uses: [SingleUse], now: Date) async throws -> [Bool] {
        guard !uses.isEmpty else { return [] }
        // Of equal values only the first is inserted (and may be a first use).
        var firstIndex: [SingleUse.Key: Int] = [:]
        for (index, use) in uses.enumerated() where firstIndex[use.key] == nil { firstIndex[use.key] = index }
        let distinct = firstIndex.values.sorted().map { uses[$0] }
        let fresh = try await database.session { db in
            for scope in Set(distinct.map(\.scope)) where swept.due(scope) {
                try await db.delete(from: "single_use").where("scope", .equal, scope).where("expires_at", .lessThan, now.unixSeconds).run()
            }
            var inserted: Set<SingleUse.Key> = []
            for start in stride(from: 0, to: distinct.count, by: 300) {
                // SQL text, not SQLKit's builder tree: serializing that was ~1.5 % of a launch's
                // CPU (every launch's nonce passes here).
                let rows = distinct[start..<min(start + 300, distinct.count)].map { use -> SQLQueryString in
                    "(\(bind: use.scope), \(bind: use.value), \(bind: use.expiresAt.unixSeconds))"
                }
                let query: SQLQueryString =
                    "INSERT INTO single_use (scope, value_hash, expires_at) VALUES \(rows.joined(separator: ", "))"
                    + " ON CONFLICT (scope, value_hash) DO NOTHING RETURNING scope, value_hash"
                for row in try await db.raw(query).all() {
                    inserted.insert(
                        SingleUse.Key(scope: try row.decode(column: "scope", as: String.self), value: try row.decode(column: "value_hash", as: String.self))
                    )
                }
            }
            return inserted
        }
        return uses.enumerated().map { index, use in firstIndex[use.key] == index && fresh.contains(use.key) }
    }
}

extension SingleUse {
    /// What makes two single-use values the same: scope and value.
    struct Key: Hashable {
        let scope: String
        let value: String
    }

    var key: Key { Key(scope: scope, value: value) }
}
