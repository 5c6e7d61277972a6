public import BadgeCore
public import Foundation
import SQLKit

/// Assertions in SQL. Awarding is idempotent on (badge class, recipient key): the unique key
/// decides, so the same award arriving twice, or concurrently on several daemons, stores one row.
public struct SQLAssertionStore: Sendable {
    /// The outcome of one award.
    public enum AwardOutcome: Sendable {
        /// A new assertion was stored.
        case created(Assertion, jws: String?)
        /// The recipient already had this badge; nothing was written.
        case existing(Assertion, jws: String?)
    }

    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    /// Stores an assertion unless the recipient already holds the badge class.
    /// - Parameters:
    ///   - recipientKey: a stable digest of the recipient's identity (never the identity itself).
    ///   - makeJWS: signs the assertion; called only when a new row is written.
    public func award(
        _ assertion: Assertion,
        recipientKey: String,
        institutionID: UUID,
        actor: String,
        makeJWS: @escaping @Sendable (Assertion) throws -> String?
    ) async throws -> AwardOutcome {
        try await database.transaction { db in
            if let existing = try await Self.find(badgeClassID: assertion.badgeClassID, recipientKey: recipientKey, in: db) {
                return .existing(existing.assertion, jws: existing.jws)
            }
            let jws = try makeJWS(assertion)
            try await db.insert(into: "assertions")
                .columns("id", "badge_class_id", "recipient_hash", "body", "issued_at", "revoked_at", "issuer_id", "institution_id", "jws")
                .values(
                    SQLBind(assertion.id.sqlText),
                    SQLBind(assertion.badgeClassID.sqlText),
                    SQLBind(recipientKey),
                    SQLBind(try RowCoding.encode(assertion)),
                    SQLBind(assertion.issuedOn.unixSeconds),
                    SQLBind(Int64?.none),
                    SQLBind(assertion.issuerID.sqlText),
                    SQLBind(institutionID.sqlText),
                    SQLBind(jws)
                )
                .run()
            try await AuditLog.append(
                action: "award",
                kind: .badgeClass,
                id: assertion.id,
                institutionID: institutionID,
                actor: actor,
                in: db
            )
            return .created(assertion, jws: jws)
        }
    }

    /// The assertion, its institution and its JWS, or nil.
    public func find(id: UUID) async throws -> (assertion: Assertion, institutionID: UUID?, jws: String?)? {
        try await database.session { db in
            guard
                let row = try await db.select().columns("body", "institution_id", "jws").from("assertions")
                    .where("id", .equal, id.sqlText).first()
            else { return nil }
            return (
                try RowCoding.decode(Assertion.self, from: try row.decode(column: "body", as: String.self), id: id.sqlText),
                try row.decode(column: "institution_id", as: String?.self).flatMap(UUID.init(uuidString:)),
                try row.decode(column: "jws", as: String?.self)
            )
        }
    }

    /// Revokes an assertion with a reason; revoking twice keeps the first reason.
    /// - Returns: the assertion as stored now, or nil if there is none.
    public func revoke(id: UUID, reason: String, at date: Date, actor: String) async throws -> Assertion? {
        try await database.transaction { db in
            guard
                let row = try await db.select().columns("body", "institution_id").from("assertions")
                    .where("id", .equal, id.sqlText).for(.update).first()
            else { return nil }
            var assertion = try RowCoding.decode(Assertion.self, from: try row.decode(column: "body", as: String.self), id: id.sqlText)
            guard !assertion.isRevoked else { return assertion }
            assertion.revoke(at: date, reason: reason)
            try await db.update("assertions").set("body", to: SQLBind(try RowCoding.encode(assertion)))
                .set("revoked_at", to: SQLBind(date.unixSeconds)).where("id", .equal, id.sqlText).run()
            let institutionID = try row.decode(column: "institution_id", as: String?.self).flatMap(UUID.init(uuidString:))
            try await AuditLog.append(action: "revoke", kind: .badgeClass, id: id, institutionID: institutionID, actor: actor, in: db)
            return assertion
        }
    }

    /// The revoked assertions of an issuer, for its RevocationList.
    public func revoked(issuerID: UUID) async throws -> [Assertion] {
        try await database.session { db in
            try await db.select().columns("id", "body").from("assertions").where("issuer_id", .equal, issuerID.sqlText)
                .where("revoked_at", .isNot, SQLLiteral.null).orderBy("id").all()
                .map { try RowCoding.decode(Assertion.self, from: try $0.decode(column: "body", as: String.self), id: "assertion") }
        }
    }

    private static func find(badgeClassID: UUID, recipientKey: String, in db: any SQLDatabase) async throws -> (assertion: Assertion, jws: String?)? {
        guard
            let row = try await db.select().columns("body", "jws").from("assertions")
                .where("badge_class_id", .equal, badgeClassID.sqlText).where("recipient_hash", .equal, recipientKey).first()
        else { return nil }
        return (
            try RowCoding.decode(Assertion.self, from: try row.decode(column: "body", as: String.self), id: "assertion"),
            try row.decode(column: "jws", as: String?.self)
        )
    }
}
