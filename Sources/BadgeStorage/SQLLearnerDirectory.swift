public import BadgeCore
public import Foundation
import SQLKit

/// The learner directory in SQL: learner key → recipient key and sealed recipient.
public struct SQLLearnerDirectory: LearnerDirectory {
    private let database: BadgeDatabase

    /// Creates a directory on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func record(_ entries: [(learnerKey: String, entry: LearnerEntry)], at date: Date) async throws {
        // One row per key (the last wins): PostgreSQL refuses to upsert a row twice in one statement.
        var seen: Set<String> = []
        let entries = entries.reversed().filter { seen.insert($0.learnerKey).inserted }.reversed().map { $0 }
        guard !entries.isEmpty else { return }
        try await database.transaction { db in
            for start in stride(from: 0, to: entries.count, by: 200) {
                let rows = entries[start..<min(start + 200, entries.count)].map { item -> SQLQueryString in
                    "(\(bind: item.learnerKey), \(bind: item.entry.recipientKey), \(bind: item.entry.sealedRecipient), \(bind: date.unixSeconds))"
                }
                let query: SQLQueryString =
                    "INSERT INTO learners (learner_key, recipient_key, sealed_recipient, updated_at) VALUES \(rows.joined(separator: ", "))"
                    + " ON CONFLICT (learner_key) DO UPDATE SET recipient_key = excluded.recipient_key,"
                    + " sealed_recipient = excluded.sealed_recipient, updated_at = excluded.updated_at"
                try await db.raw(query).run()
            }
        }
    }

    public func entries(learnerKeys: [String]) async throws -> [String: LearnerEntry] {
        guard !learnerKeys.isEmpty else { return [:] }
        return try await database.read { db in
            var found: [String: LearnerEntry] = [:]
            for start in stride(from: 0, to: learnerKeys.count, by: 500) {
                let keys = Array(learnerKeys[start..<min(start + 500, learnerKeys.count)])
                for row in try await db.select().columns("learner_key", "recipient_key", "sealed_recipient").from("learners")
                    .where("learner_key", .in, keys).all()
                {
                    found[try row.decode(column: "learner_key", as: String.self)] = LearnerEntry(
                        recipientKey: try row.decode(column: "recipient_key", as: String.self),
                        sealedRecipient: try row.decode(column: "sealed_recipient", as: String.self)
                    )
                }
            }
            return found
        }
    }

    public func entries(learnerKeys: [String], holding badgeClassID: UUID) async throws -> [String: (entry: LearnerEntry, held: UUID?)] {
        guard !learnerKeys.isEmpty else { return [:] }
        return try await database.read { db in
            var found: [String: (entry: LearnerEntry, held: UUID?)] = [:]
            for start in stride(from: 0, to: learnerKeys.count, by: 500) {
                var query: SQLQueryString =
                    "SELECT l.learner_key, l.recipient_key, l.sealed_recipient, a.id AS held_id FROM learners l"
                    + " LEFT JOIN assertions a ON a.recipient_hash = l.recipient_key AND a.badge_class_id = \(bind: badgeClassID.sqlText)"
                    + " AND a.revoked_at IS NULL WHERE l.learner_key IN ("
                for (offset, key) in learnerKeys[start..<min(start + 500, learnerKeys.count)].enumerated() {
                    query = query + (offset == 0 ? "\(bind: key)" : ", \(bind: key)")
                }
                for row in try await db.raw(query + ")").all() {
                    let entry = LearnerEntry(
                        recipientKey: try row.decode(column: "recipient_key", as: String.self),
                        sealedRecipient: try row.decode(column: "sealed_recipient", as: String.self)
                    )
                    let held = try row.decode(column: "held_id", as: String?.self).flatMap(UUID.init(uuidString:))
                    found[try row.decode(column: "learner_key", as: String.self)] = (entry, held)
                }
            }
            return found
        }
    }

    public func forget(recipientKey: String) async throws -> Int {
        try await database.session { db in
            try await db.delete(from: "learners").where("recipient_key", .equal, recipientKey).returning("learner_key").all().count
        }
    }
}
