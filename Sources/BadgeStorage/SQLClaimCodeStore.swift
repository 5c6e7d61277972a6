public import BadgeCore
public import Foundation
import SQLKit

/// Claim codes and claims in SQL. A claim takes its code's use with a conditional update
/// (`uses < max_uses`, not expired, not disabled) in the transaction that stores the claim and
/// its assertion: on PostgreSQL the update locks the code's row, so concurrent claims queue on
/// it and each sees the count the previous one left; on SQLite the one writer does the same.
public struct SQLClaimCodeStore: ClaimCodeStore {
    let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    static let codeColumns = [
        "id", "badge_class_id", "institution_id", "label", "max_uses", "uses", "expires_at", "requires_evidence", "created_at", "disabled_at",
    ]

    public func create(_ code: ClaimCode, codeHash: String, actor: String) async throws {
        try await database.transaction { [audit = database.auditLog] db in
            try await db.insert(into: "claim_codes").columns(["code_hash"] + Self.codeColumns)
                .values(
                    SQLBind(codeHash),
                    SQLBind(code.id.sqlText),
                    SQLBind(code.badgeClassID.sqlText),
                    SQLBind(code.institutionID.sqlText),
                    SQLBind(code.label),
                    SQLBind(code.maxUses.map(Int64.init)),
                    SQLBind(Int64(code.uses)),
                    SQLBind(code.expiresAt?.unixSeconds),
                    SQLBind(code.requiresEvidence ? 1 : 0),
                    SQLBind(code.createdAt.unixSeconds),
                    SQLBind(code.disabledAt?.unixSeconds)
                )
                .run()
            try await audit.append(
                action: "claim_code.create",
                entityKind: "claim_code",
                id: code.id,
                institutionID: code.institutionID,
                actor: actor,
                detail: "badge_class:" + code.badgeClassID.sqlText,
                in: db
            )
        }
    }

    public func code(id: UUID) async throws -> ClaimCode? {
        try await database.read { db in try await Self.code(where: "id", id.sqlText, in: db) }
    }

    public func code(hash: String) async throws -> ClaimCode? {
        try await database.read { db in try await Self.code(where: "code_hash", hash, in: db) }
    }

    public func codes(badgeClassID: UUID, limit: Int) async throws -> [ClaimCode] {
        try await database.read { db in
            try await db.select().columns(Self.codeColumns).from("claim_codes").where("badge_class_id", .equal, badgeClassID.sqlText)
                .orderBy("created_at", .descending).orderBy("id", .descending).limit(min(max(limit, 1), 500)).all()
                .map(Self.code(from:))
        }
    }

    public func disable(id: UUID, at date: Date, actor: String) async throws -> ClaimCode? {
        try await database.transaction { [audit = database.auditLog] db in
            guard var code = try await Self.code(where: "id", id.sqlText, in: db, forUpdate: true) else { return nil }
            guard code.disabledAt == nil else { return code }
            try await db.update("claim_codes").set("disabled_at", to: SQLBind(date.unixSeconds)).where("id", .equal, id.sqlText).run()
            code.disabledAt = Date(unixSeconds: date.unixSeconds)
            try await audit.append(
                action: "claim_code.disable",
                entityKind: "claim_code",
                id: id,
                institutionID: code.institutionID,
                actor: actor,
                in: db
            )
            return code
        }
    }

    public func claim(id: UUID) async throws -> Claim? {
        try await database.read { db in
            try await db.select().column("body").from("claims").where("id", .equal, id.sqlText).first().map(Self.claim(from:))
        }
    }

    public func claims(institutionID: UUID?, badgeClassID: UUID?, state: Claim.State, limit: Int) async throws -> [Claim] {
        try await database.read { db in
            let query = db.select().column("body").from("claims").where("state", .equal, state.rawValue)
            if let institutionID { query.where("institution_id", .equal, institutionID.sqlText) }
            if let badgeClassID { query.where("badge_class_id", .equal, badgeClassID.sqlText) }
            return try await query.orderBy("created_at").orderBy("id").limit(min(max(limit, 1), 500)).all().map(Self.claim(from:))
        }
    }

    static func code(where column: String, _ value: String, in db: any SQLDatabase, forUpdate: Bool = false) async throws -> ClaimCode? {
        let query = db.select().columns(codeColumns).from("claim_codes").where(SQLIdentifier(column), .equal, SQLBind(value))
        if forUpdate { query.for(.update) }
        return try await query.first().map(code(from:))
    }

    static func code(from row: any SQLRow) throws -> ClaimCode {
        let idText = try row.decode(column: "id", as: String.self)
        guard let id = UUID(uuidString: idText),
            let badgeClassID = UUID(uuidString: try row.decode(column: "badge_class_id", as: String.self)),
            let institutionID = UUID(uuidString: try row.decode(column: "institution_id", as: String.self))
        else { throw StorageError(.corruptRecord, "claim code \(idText) has a malformed identifier") }
        return ClaimCode(
            id: id,
            badgeClassID: badgeClassID,
            institutionID: institutionID,
            label: try row.decode(column: "label", as: String?.self),
            maxUses: try row.decode(column: "max_uses", as: Int64?.self).map(Int.init),
            expiresAt: try row.decode(column: "expires_at", as: Int64?.self).map(Date.init(unixSeconds:)),
            requiresEvidence: try row.decode(column: "requires_evidence", as: Int64.self) != 0,
            uses: Int(try row.decode(column: "uses", as: Int64.self)),
            createdAt: Date(unixSeconds: try row.decode(column: "created_at", as: Int64.self)),
            disabledAt: try row.decode(column: "disabled_at", as: Int64?.self).map(Date.init(unixSeconds:))
        )
    }

    static func claim(from row: any SQLRow) throws -> Claim {
        try RowCoding.decode(Claim.self, from: try row.decode(column: "body", as: String.self), id: "claim")
    }
}
