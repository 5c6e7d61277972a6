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

    /// An assertion ready to be stored: validated and, when signing, already signed, so that no
    /// transaction is held open while RSA signatures are made.
    public struct NewAssertion: Sendable {
        /// The assertion.
        public let assertion: Assertion
        /// A stable digest of the recipient's identity (never the identity itself).
        public let recipientKey: String
        /// The compact JWS, for signed assertions.
        public let jws: String?
        /// The institution of the badge class (for scoping and the audit row).
        public let institutionID: UUID
        /// Who awards, for the audit row.
        public let actor: String

        /// Creates an assertion to store.
        public init(assertion: Assertion, recipientKey: String, jws: String?, institutionID: UUID, actor: String) {
            self.assertion = assertion
            self.recipientKey = recipientKey
            self.jws = jws
            self.institutionID = institutionID
            self.actor = actor
        }
    }

    /// The assertions of a badge class already held by the given recipients, by recipient key.
    public func existing(badgeClassID: UUID, recipientKeys: [String]) async throws -> [String: (assertion: Assertion, jws: String?)] {
        guard !recipientKeys.isEmpty else { return [:] }
        return try await database.session { db in try await Self.existing(badgeClassID: badgeClassID, recipientKeys: recipientKeys, in: db) }
    }

    /// Stores assertions in one transaction: every row with its audit row, or nothing. A
    /// recipient who already holds the class (awarded meanwhile, by this call or by another
    /// daemon) keeps the assertion they have; the unique key (badge class, recipient key) decides.
    /// - Returns: one outcome per item, in order.
    public func store(_ items: [NewAssertion]) async throws -> [AwardOutcome] {
        guard !items.isEmpty else { return [] }
        let encoded = try items.map { try RowCoding.encode($0.assertion) }
        return try await database.transaction { db in
            let insert = db.insert(into: "assertions")
                .columns("id", "badge_class_id", "recipient_hash", "body", "issued_at", "revoked_at", "issuer_id", "institution_id", "jws")
            for (item, body) in zip(items, encoded) {
                let assertion = item.assertion
                insert.values(
                    SQLBind(assertion.id.sqlText),
                    SQLBind(assertion.badgeClassID.sqlText),
                    SQLBind(item.recipientKey),
                    SQLBind(body),
                    SQLBind(assertion.issuedOn.unixSeconds),
                    SQLBind(Int64?.none),
                    SQLBind(assertion.issuerID.sqlText),
                    SQLBind(item.institutionID.sqlText),
                    SQLBind(item.jws)
                )
            }
            let inserted = Set(
                try await insert.ignoringConflicts(with: ["badge_class_id", "recipient_hash"]).returning("id").all()
                    .map { try $0.decode(column: "id", as: String.self) }
            )
            let created = items.filter { inserted.contains($0.assertion.id.sqlText) }
            for (scope, group) in Dictionary(grouping: created, by: { AuditScope(institutionID: $0.institutionID, actor: $0.actor) }) {
                try await AuditLog.append(
                    action: "award",
                    kind: .badgeClass,
                    ids: group.map(\.assertion.id),
                    institutionID: scope.institutionID,
                    actor: scope.actor,
                    in: db
                )
            }
            var held: [UUID: [String: (assertion: Assertion, jws: String?)]] = [:]
            let lostRaces = items.filter { !inserted.contains($0.assertion.id.sqlText) }
            for (badgeClassID, group) in Dictionary(grouping: lostRaces, by: \.assertion.badgeClassID) {
                held[badgeClassID] = try await Self.existing(badgeClassID: badgeClassID, recipientKeys: group.map(\.recipientKey), in: db)
            }
            return try items.map { item in
                if inserted.contains(item.assertion.id.sqlText) { return .created(item.assertion, jws: item.jws) }
                guard let existing = held[item.assertion.badgeClassID]?[item.recipientKey] else {
                    throw StorageError(.conflict, "an award of this badge class conflicted and no assertion holds it")
                }
                return .existing(existing.assertion, jws: existing.jws)
            }
        }
    }

    private struct AuditScope: Hashable {
        let institutionID: UUID
        let actor: String
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

    private static func existing(
        badgeClassID: UUID,
        recipientKeys: [String],
        in db: any SQLDatabase
    ) async throws -> [String: (assertion: Assertion, jws: String?)] {
        guard !recipientKeys.isEmpty else { return [:] }
        let rows = try await db.select().columns("recipient_hash", "body", "jws").from("assertions")
            .where("badge_class_id", .equal, badgeClassID.sqlText)
            .where("recipient_hash", .in, SQLBind.group(recipientKeys)).all()
        var found: [String: (assertion: Assertion, jws: String?)] = [:]
        for row in rows {
            found[try row.decode(column: "recipient_hash", as: String.self)] = (
                try RowCoding.decode(Assertion.self, from: try row.decode(column: "body", as: String.self), id: "assertion"),
                try row.decode(column: "jws", as: String?.self)
            )
        }
        return found
    }
}
