public import BadgeCore
public import Foundation
import SQLKit

/// The assertions a recipient holds, found by their recipient key (a digest, never the identity),
/// for the student page of an LTI launch.
public struct SQLHeldBadgeStore: Sendable {
    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    /// The unrevoked assertions of an institution held by the recipient with this key, oldest first.
    /// - Parameters:
    ///   - recipientKey: the digest the award stored with the assertion.
    ///   - institutionID: only assertions of this institution's badge classes.
    ///   - limit: the most assertions returned (bounded to 1…500).
    public func assertions(recipientKey: String, institutionID: UUID, limit: Int = 200) async throws -> [Assertion] {
        try await database.session { db in
            try await db.select().columns("body").from("assertions")
                .where("recipient_hash", .equal, recipientKey).where("institution_id", .equal, institutionID.sqlText)
                .where("revoked_at", .is, SQLLiteral.null).orderBy("issued_at").orderBy("id").limit(min(max(limit, 1), 500)).all()
                .map { try RowCoding.decode(Assertion.self, from: try $0.decode(column: "body", as: String.self), id: "assertion") }
        }
    }
}
