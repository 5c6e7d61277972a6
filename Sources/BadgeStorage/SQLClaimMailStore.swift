public import BadgeCore
public import Foundation
import SQLKit

/// Claims by e-mail address waiting for confirmation, in SQL. A request and its outbox message
/// are written in one transaction; spending deletes the row with `RETURNING`, so of two
/// confirmations at once (on any daemons) exactly one gets the request.
public struct SQLClaimMailStore: ClaimMailStore {
    let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func create(_ request: ClaimMailRequest, actor: String) async throws {
        try await database.transaction { [audit = database.auditLog] db in
            try await db.insert(into: "claim_mail_requests")
                .columns("id", "code_id", "institution_id", "address", "body", "created_at", "expires_at")
                .values(
                    SQLBind(request.id.sqlText),
                    SQLBind(request.codeID.sqlText),
                    SQLBind(request.institutionID.sqlText),
                    SQLBind(request.address),
                    SQLBind(try RowCoding.encode(request)),
                    SQLBind(request.createdAt.unixSeconds),
                    SQLBind(request.expiresAt.unixSeconds)
                )
                .run()
            try await SQLOutbox.enqueue([(.claimMailRequested, request.id, request.institutionID)], audit: audit, in: db)
            try await audit.append(
                action: "claim.mail_request",
                entityKind: "claim_mail_request",
                id: request.id,
                institutionID: request.institutionID,
                actor: actor,
                detail: "claim_code:" + request.codeID.sqlText,
                in: db
            )
        }
    }

    public func pendingCount(address: String, now: Date) async throws -> Int {
        try await database.read { db in
            let count: SQLQueryString =
                "SELECT COUNT(*) AS n FROM claim_mail_requests WHERE address = \(bind: address) AND expires_at > \(bind: now.unixSeconds)"
            return try await db.raw(count).first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
        }
    }

    public func request(id: UUID) async throws -> ClaimMailRequest? {
        try await database.read { db in
            try await db.select().column("body").from("claim_mail_requests").where("id", .equal, id.sqlText).first().map(Self.request(from:))
        }
    }

    public func spend(id: UUID, actor: String) async throws -> ClaimMailRequest? {
        try await database.transaction { [audit = database.auditLog] db in
            guard
                let row = try await db.delete(from: "claim_mail_requests").where("id", .equal, id.sqlText).returning("body").first()
            else { return nil }
            let request = try Self.request(from: row)
            try await audit.append(
                action: "claim.mail_confirm",
                entityKind: "claim_mail_request",
                id: request.id,
                institutionID: request.institutionID,
                actor: actor,
                in: db
            )
            return request
        }
    }

    public func delete(address: String?, institutionID: UUID?, expiredBefore: Date?) async throws -> Int {
        guard address != nil || expiredBefore != nil else { return 0 }
        return try await database.transaction { db in
            let delete = db.delete(from: "claim_mail_requests")
            if let address { delete.where("address", .equal, address) }
            if let institutionID { delete.where("institution_id", .equal, institutionID.sqlText) }
            if let expiredBefore { delete.where("expires_at", .lessThan, expiredBefore.unixSeconds) }
            return try await delete.returning("id").all().count
        }
    }

    static func request(from row: any SQLRow) throws -> ClaimMailRequest {
        try RowCoding.decode(ClaimMailRequest.self, from: try row.decode(column: "body", as: String.self), id: "claim mail request")
    }
}
