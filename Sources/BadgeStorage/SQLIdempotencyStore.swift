public import BadgeCore
public import Foundation
import SQLKit

/// Responses of requests made with an `Idempotency-Key`, kept for a while so that a client that
/// retries (after a timeout, say) gets the first response instead of a second execution.
///
/// Only completed responses are kept. A request interrupted before it completed (a crash) left
/// nothing here, so its retry runs again; the operations that use keys (awards) are themselves
/// idempotent, so running again is safe.
public struct SQLIdempotencyStore: IdempotencyStore {
    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    /// The response stored under `keyHash`, unless none is or it expired.
    public func response(keyHash: String, at now: Date) async throws -> StoredResponse? {
        try await database.session { db in
            guard
                let row = try await db.select().columns("request_hash", "status", "body").from("idempotency_keys")
                    .where("key_hash", .equal, keyHash).where("expires_at", .greaterThan, now.unixSeconds).first()
            else { return nil }
            return StoredResponse(
                requestHash: try row.decode(column: "request_hash", as: String.self),
                status: try row.decode(column: "status", as: Int.self),
                body: Data(try row.decode(column: "body", as: String.self).utf8)
            )
        }
    }

    /// Keeps a response until `expiresAt`; the first response stored under a key wins. Expired
    /// responses are dropped on the way.
    public func save(_ response: StoredResponse, keyHash: String, at now: Date, expiresAt: Date) async throws {
        try await database.transaction { db in
            try await db.delete(from: "idempotency_keys").where("expires_at", .lessThanOrEqual, now.unixSeconds).run()
            try await db.insert(into: "idempotency_keys")
                .columns("key_hash", "request_hash", "status", "body", "created_at", "expires_at")
                .values(
                    SQLBind(keyHash),
                    SQLBind(response.requestHash),
                    SQLBind(response.status),
                    SQLBind(String(decoding: response.body, as: UTF8.self)),
                    SQLBind(now.unixSeconds),
                    SQLBind(expiresAt.unixSeconds)
                )
                .ignoringConflicts(with: ["key_hash"])
                .run()
        }
    }
}
