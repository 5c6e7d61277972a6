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

    public func record(learnerKey: String, entry: LearnerEntry, at date: Date) async throws {
        let query: SQLQueryString = """
            INSERT INTO learners (learner_key, recipient_key, sealed_recipient, updated_at)
            VALUES (\(bind: learnerKey), \(bind: entry.recipientKey), \(bind: entry.sealedRecipient), \(bind: date.unixSeconds))
            ON CONFLICT (learner_key) DO UPDATE SET recipient_key = excluded.recipient_key,
                sealed_recipient = excluded.sealed_recipient, updated_at = excluded.updated_at
            """
        try await database.session { db in try await db.raw(query).run() }
    }

    public func entry(learnerKey: String) async throws -> LearnerEntry? {
        try await database.session { db in
            try await db.select().columns("recipient_key", "sealed_recipient").from("learners").where("learner_key", .equal, learnerKey).first()
                .map {
                    LearnerEntry(
                        recipientKey: try $0.decode(column: "recipient_key", as: String.self),
                        sealedRecipient: try $0.decode(column: "sealed_recipient", as: String.self)
                    )
                }
        }
    }

    public func forget(recipientKey: String) async throws -> Int {
        try await database.session { db in
            try await db.delete(from: "learners").where("recipient_key", .equal, recipientKey).returning("learner_key").all().count
        }
    }
}
