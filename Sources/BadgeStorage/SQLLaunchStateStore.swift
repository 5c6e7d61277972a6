public import Foundation
public import LTI
import SQLKit

/// LTI login state in SQL, shared by every daemon on the database.
///
/// A nonce is spent by inserting it into `lti_used_nonces` with `ON CONFLICT DO NOTHING
/// RETURNING`: exactly one of any number of concurrent launches, on any daemon, gets the row back.
public struct SQLLaunchStateStore: LaunchStateStore {
    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func save(_ launchState: LaunchState) async throws {
        try await database.transaction { db in
            try await db.insert(into: "lti_launch_states").columns("state", "nonce", "body", "expires_at")
                .values(
                    SQLBind(launchState.state),
                    SQLBind(launchState.nonce),
                    SQLBind(try RowCoding.encode(launchState)),
                    SQLBind(launchState.expiresAt.unixSeconds)
                )
                .run()
        }
    }

    public func launchState(for state: String, at now: Date) async throws -> LaunchState? {
        try await database.session { db in
            guard
                let row = try await db.select().columns("body").from("lti_launch_states")
                    .where("state", .equal, state).where("expires_at", .greaterThan, now.unixSeconds).first()
            else { return nil }
            return try RowCoding.decode(LaunchState.self, from: try row.decode(column: "body", as: String.self), id: "launch state")
        }
    }

    public func consumeNonce(_ nonce: String, at now: Date) async throws -> Bool {
        try await database.transaction { db in
            guard
                let row = try await db.select().column("expires_at").from("lti_launch_states")
                    .where("nonce", .equal, nonce).where("expires_at", .greaterThan, now.unixSeconds).first()
            else { return false }
            let expiresAt = try row.decode(column: "expires_at", as: Int64.self)
            let inserted = try await db.raw(
                """
                INSERT INTO lti_used_nonces (nonce, used_at, expires_at) VALUES (\(bind: nonce), \(bind: now.unixSeconds), \(bind: expiresAt))
                ON CONFLICT (nonce) DO NOTHING RETURNING nonce
                """
            ).first()
            return inserted != nil
        }
    }

    public func removeExpired(before date: Date) async throws -> Int {
        try await database.transaction { db in
            let expired = try await db.select().column("state").from("lti_launch_states")
                .where("expires_at", .lessThanOrEqual, date.unixSeconds).all()
            try await db.delete(from: "lti_launch_states").where("expires_at", .lessThanOrEqual, date.unixSeconds).run()
            // Spent nonces are kept until their state would have expired anyway, then dropped.
            try await db.delete(from: "lti_used_nonces").where("expires_at", .lessThanOrEqual, date.unixSeconds).run()
            return expired.count
        }
    }
}
