public import BadgeCore
public import Foundation
import SQLKit

/// Single-use values in SQL, stored as the digests callers pass (a nonce or `jti` is never stored as sent). The primary
/// key decides the first use across daemons; expired values are swept on the way.
public struct SQLReplayGuard: ReplayGuard {
    private let database: BadgeDatabase

    /// Creates a guard on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func firstUse(scope: String, value: String, expiresAt: Date, now: Date) async throws -> Bool {
        let digest = value
        return try await database.session { db in
            try await db.delete(from: "single_use").where("scope", .equal, scope).where("expires_at", .lessThan, now.unixSeconds).run()
            return try await db.insert(into: "single_use").columns("scope", "value_hash", "expires_at")
                .values(SQLBind(scope), SQLBind(digest), SQLBind(expiresAt.unixSeconds))
                .ignoringConflicts(with: ["scope", "value_hash"]).returning("value_hash").first() != nil
        }
    }
}
