public import BadgeCore
public import Foundation
import SQLKit

/// LTI 1.1 consumers in SQL, secrets sealed.
public struct SQLBasicOutcomeConsumerStore: BasicOutcomeConsumerStore {
    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func create(_ consumer: BasicOutcomeConsumer, at date: Date) async throws {
        do {
            try await database.session { db in
                try await db.insert(into: "lti11_consumers").columns("consumer_key", "sealed_secret", "institution_id", "created_at")
                    .values(SQLBind(consumer.key), SQLBind(consumer.sealedSecret), SQLBind(consumer.institutionID.sqlText), SQLBind(date.unixSeconds))
                    .run()
            }
        } catch  where RowCoding.isUniqueViolation(error) {
            throw BadgeCoreError(.conflict, "a consumer with this key exists already", field: "consumer_key")
        }
    }

    public func consumer(key: String) async throws -> BasicOutcomeConsumer? {
        try await database.session { db in
            try await db.select().columns("sealed_secret", "institution_id").from("lti11_consumers").where("consumer_key", .equal, key).first()
                .map { row in
                    guard let institutionID = UUID(uuidString: try row.decode(column: "institution_id", as: String.self)) else {
                        throw StorageError(.corruptRecord, "an LTI 1.1 consumer has a malformed institution id")
                    }
                    return BasicOutcomeConsumer(
                        key: key,
                        sealedSecret: try row.decode(column: "sealed_secret", as: String.self),
                        institutionID: institutionID
                    )
                }
        }
    }
}
