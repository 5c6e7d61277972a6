public import BadgeCore
public import Foundation
import SQLKit

/// The outbox in SQL. Messages are written by the stores inside the transaction of the change
/// that causes them; delivery claims them with a lease (on PostgreSQL with `FOR UPDATE SKIP
/// LOCKED`, so concurrent daemons claim disjoint messages; SQLite has one writer).
public struct SQLOutbox: Outbox {
    /// The longest error text kept for a failed delivery.
    static let maximumErrorLength = 500

    private let database: BadgeDatabase

    /// Creates an outbox on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    /// Writes messages inside the caller's transaction, one statement for all.
    static func enqueue(_ messages: [(OutboxMessage.Topic, UUID, UUID?)], audit: AuditLog, in db: any SQLDatabase) async throws {
        guard !messages.isEmpty else { return }
        let now = audit.clock.now().unixSeconds
        let insert = db.insert(into: "outbox").columns("id", "topic", "subject_id", "institution_id", "created_at", "due_at", "attempts")
        for (topic, subjectID, institutionID) in messages {
            insert.values(
                SQLBind(audit.ids.makeID().sqlText),
                SQLBind(topic.rawValue),
                SQLBind(subjectID.sqlText),
                SQLBind(institutionID?.sqlText),
                SQLBind(now),
                SQLBind(now),
                SQLBind(0)
            )
        }
        try await insert.run()
    }

    /// Writes one message with a known id inside the caller's transaction (a job that names the
    /// message allowed to continue it).
    static func enqueue(
        id: UUID,
        topic: OutboxMessage.Topic,
        subjectID: UUID,
        institutionID: UUID?,
        at date: Date,
        in db: any SQLDatabase
    )
        async throws
    {
        try await db.insert(into: "outbox").columns("id", "topic", "subject_id", "institution_id", "created_at", "due_at", "attempts")
            .values(
                SQLBind(id.sqlText),
                SQLBind(topic.rawValue),
                SQLBind(subjectID.sqlText),
                SQLBind(institutionID?.sqlText),
                SQLBind(date.unixSeconds),
                SQLBind(date.unixSeconds),
                SQLBind(0)
            )
            .run()
    }

    public func claim(limit: Int, owner: String, now: Date, leaseUntil: Date) async throws -> [OutboxMessage] {
        let limit = min(max(limit, 1), 1_000)
        let lock: SQLQueryString = database.engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        // Due, undelivered and not leased to a live worker: one condition for the look and the claim.
        let claimable: SQLQueryString =
            "delivered_at IS NULL AND due_at <= \(bind: now.unixSeconds) AND (lease_until IS NULL OR lease_until <= \(bind: now.unixSeconds))"
        let query: SQLQueryString = """
            UPDATE outbox SET lease_owner = \(bind: owner), lease_until = \(bind: leaseUntil.unixSeconds), attempts = attempts + 1
            WHERE id IN (SELECT id FROM outbox WHERE \(claimable) ORDER BY due_at, id LIMIT \(bind: limit)\(lock))
            RETURNING id, topic, subject_id, institution_id, created_at, attempts
            """
        // Look before leasing: an idle outbox costs a read, not a write transaction.
        let due = try await database.session { db in
            try await db.raw("SELECT id FROM outbox WHERE \(claimable) LIMIT 1").first()
        }
        guard due != nil else { return [] }
        return try await database.transaction { db in
            try await db.raw(query).all().map { row in
                let id = try row.decode(column: "id", as: String.self)
                guard let messageID = UUID(uuidString: id),
                    let subjectID = UUID(uuidString: try row.decode(column: "subject_id", as: String.self))
                else { throw StorageError(.corruptRecord, "outbox message \(id) has a malformed id") }
                return OutboxMessage(
                    id: messageID,
                    topic: OutboxMessage.Topic(rawValue: try row.decode(column: "topic", as: String.self)),
                    subjectID: subjectID,
                    institutionID: try row.decode(column: "institution_id", as: String?.self).flatMap(UUID.init(uuidString:)),
                    createdAt: Date(unixSeconds: try row.decode(column: "created_at", as: Int64.self)),
                    attempts: try row.decode(column: "attempts", as: Int.self)
                )
            }
            .sorted { ($0.createdAt, $0.id.sqlText) < ($1.createdAt, $1.id.sqlText) }
        }
    }

    public func complete(ids: [UUID], at date: Date) async throws {
        let ids = Array(ids.prefix(1_000))
        guard !ids.isEmpty else { return }
        try await database.session { db in
            try await db.update("outbox").set("delivered_at", to: SQLBind(date.unixSeconds)).set("lease_until", to: SQLLiteral.null)
                .where("id", .in, SQLBind.group(ids.map(\.sqlText))).run()
        }
    }

    public func release(id: UUID, retryAt: Date, error: String) async throws {
        try await database.session { db in
            try await db.update("outbox").set("due_at", to: SQLBind(retryAt.unixSeconds)).set("lease_until", to: SQLLiteral.null)
                .set("last_error", to: SQLBind(String(error.prefix(Self.maximumErrorLength))))
                .where("id", .equal, id.sqlText).run()
        }
    }
}
