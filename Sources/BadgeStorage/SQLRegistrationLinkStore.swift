public import BadgeCore
public import Foundation
import SQLKit

/// One-time LTI Dynamic Registration links in SQL, by the digest of their secret.
public struct SQLRegistrationLinkStore: RegistrationLinkStore {
    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    /// Stores a new link for an institution.
    public func create(tokenHash: String, institutionID: UUID, expiresAt: Date, at date: Date) async throws {
        try await database.session { db in
            try await db.insert(into: "lti_registration_links")
                .columns("token_hash", "institution_id", "created_at", "expires_at", "used_at")
                .values(
                    SQLBind(tokenHash),
                    SQLBind(institutionID.sqlText),
                    SQLBind(date.unixSeconds),
                    SQLBind(expiresAt.unixSeconds),
                    SQLBind(Int64?.none)
                )
                .run()
        }
    }

    /// Spends a link: returns its institution if it exists, is unused and has not expired, and
    /// marks it used (concurrent uses: one wins).
    public func consume(tokenHash: String, at now: Date) async throws -> UUID? {
        try await database.transaction { db in
            guard
                let row = try await db.select().column("institution_id").from("lti_registration_links")
                    .where("token_hash", .equal, tokenHash).where("used_at", .is, SQLLiteral.null)
                    .where("expires_at", .greaterThan, now.unixSeconds).for(.update).first()
            else { return nil }
            try await db.update("lti_registration_links").set("used_at", to: SQLBind(now.unixSeconds))
                .where("token_hash", .equal, tokenHash).where("used_at", .is, SQLLiteral.null).run()
            return UUID(uuidString: try row.decode(column: "institution_id", as: String.self))
        }
    }
}
