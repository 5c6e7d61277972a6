public import BadgeCore
public import Foundation
import SQLKit

/// The ``APIKeyStore`` on SQL. Only token digests are stored.
public struct SQLAPIKeyStore: APIKeyStore {
    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func insert(_ key: APIKey) async throws {
        try await database.transaction { db in
            if let institutionID = key.institutionID {
                let exists = try await db.select().column("id").from("institutions")
                    .where("id", .equal, institutionID.sqlText).first()
                guard exists != nil else {
                    throw BadgeCoreError(.notFound, "no institution with id \(institutionID)", field: "institution")
                }
            }
            try await db.insert(into: "api_keys")
                .columns("id", "institution_id", "role", "label", "token_hash", "created_at", "revoked_at")
                .values(
                    SQLBind(key.id.sqlText),
                    SQLBind(key.institutionID?.sqlText),
                    SQLBind(key.role.rawValue),
                    SQLBind(key.label),
                    SQLBind(key.tokenHash),
                    SQLBind(key.createdAt.unixSeconds),
                    SQLBind(key.revokedAt?.unixSeconds)
                )
                .run()
            try await database.auditLog.append(
                action: "create",
                kind: .institution,
                id: key.id,
                institutionID: key.institutionID,
                actor: "cli",
                in: db
            )
        }
    }

    public func findKey(tokenHash: String) async throws -> APIKey? {
        try await database.session { db in
            guard
                let row = try await db.select()
                    .columns("id", "institution_id", "role", "label", "token_hash", "created_at", "revoked_at")
                    .from("api_keys").where("token_hash", .equal, tokenHash).first()
            else { return nil }
            let idText = try row.decode(column: "id", as: String.self)
            guard let id = UUID(uuidString: idText),
                let role = Role(rawValue: try row.decode(column: "role", as: String.self))
            else { throw StorageError(.corruptRecord, "api key \(idText) is malformed") }
            return APIKey(
                id: id,
                institutionID: try row.decode(column: "institution_id", as: String?.self).flatMap(UUID.init(uuidString:)),
                role: role,
                label: try row.decode(column: "label", as: String.self),
                tokenHash: try row.decode(column: "token_hash", as: String.self),
                createdAt: Date(unixSeconds: try row.decode(column: "created_at", as: Int64.self)),
                revokedAt: try row.decode(column: "revoked_at", as: Int64?.self).map(Date.init(unixSeconds:))
            )
        }
    }

    public func revokeKey(id: UUID, at date: Date) async throws -> Bool {
        try await database.transaction { db in
            let exists = try await db.select().column("id").from("api_keys").where("id", .equal, id.sqlText).first()
            guard exists != nil else { return false }
            try await db.update("api_keys").set("revoked_at", to: SQLBind(date.unixSeconds))
                .where("id", .equal, id.sqlText).where("revoked_at", .is, SQLLiteral.null).run()
            return true
        }
    }
}
