public import BadgeCore
public import Foundation
import SQLKit

/// External credentials in SQL: one row per recipient key and assertion id in
/// `external_credentials`, every add and removal audited in its transaction.
public struct SQLExternalCredentialStore: ExternalCredentialStore {
    static let columns = [
        "id", "recipient_key", "kind", "component_id", "assertion_id", "name", "ects", "issued_at", "expires_at", "issuer_id", "source",
        "verified_at", "status", "issuer_name",
    ]

    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func add(_ credential: ExternalCredential, actor: String) async throws {
        try credential.validate()
        let audit = database.auditLog
        do {
            try await database.transaction { db in
                let count: SQLQueryString = "SELECT COUNT(*) AS n FROM external_credentials WHERE recipient_key = \(bind: credential.recipientKey)"
                let held = try await db.raw(count).first().map { try $0.decode(column: "n", as: Int64.self) } ?? 0
                guard held < ExternalCredential.maximumPerRecipient else {
                    throw BadgeCoreError(
                        .conflict,
                        "the recipient already holds \(ExternalCredential.maximumPerRecipient) external credentials; remove one first",
                        field: "recipient"
                    )
                }
                try await db.insert(into: "external_credentials").columns(Self.columns)
                    .values(
                        SQLBind(credential.id.sqlText),
                        SQLBind(credential.recipientKey),
                        SQLBind(credential.kind.rawValue),
                        SQLBind(credential.componentID),
                        SQLBind(credential.assertionID),
                        SQLBind(credential.name),
                        SQLBind(credential.ects),
                        SQLBind(credential.issuedOn.unixSeconds),
                        SQLBind(credential.expires?.unixSeconds),
                        SQLBind(credential.issuerID),
                        SQLBind(credential.source),
                        SQLBind(credential.verifiedAt.unixSeconds),
                        SQLBind(credential.status.rawValue),
                        SQLBind(credential.issuerName)
                    )
                    .run()
                try await audit.append(
                    action: "external_credential.add",
                    entityKind: "external_credential",
                    id: credential.id,
                    institutionID: nil,
                    actor: actor,
                    detail: String(credential.componentID.prefix(ExternalCredential.maximumIDLength)),
                    in: db
                )
            }
        } catch  where RowCoding.isUniqueViolation(error) {
            throw BadgeCoreError(.conflict, "this assertion is already on the recipient's record", field: "assertion")
        }
    }

    public func credentials(recipientKey: String, limit: Int) async throws -> [ExternalCredential] {
        try await database.session { db in
            try await db.select().columns(Self.columns).from("external_credentials").where("recipient_key", .equal, recipientKey)
                .orderBy("verified_at").orderBy("id").limit(min(max(limit, 1), ExternalCredential.maximumPerRecipient)).all()
                .map(Self.decode)
        }
    }

    public func remove(id: UUID, recipientKey: String, actor: String) async throws -> ExternalCredential? {
        let audit = database.auditLog
        return try await database.transaction { db in
            let removed = try await db.delete(from: "external_credentials").where("id", .equal, id.sqlText)
                .where("recipient_key", .equal, recipientKey).returning(SQLLiteral.all).all()
            guard let row = removed.first else { return nil }
            let credential = try Self.decode(row)
            try await audit.append(
                action: "external_credential.remove",
                entityKind: "external_credential",
                id: id,
                institutionID: nil,
                actor: actor,
                detail: credential.componentID,
                in: db
            )
            return credential
        }
    }

    public func updateStatus(id: UUID, recipientKey: String, status: ExternalCredential.Status, actor: String) async throws -> Bool {
        let audit = database.auditLog
        return try await database.transaction { db in
            let changed = try await db.update("external_credentials").set("status", to: status.rawValue).where("id", .equal, id.sqlText)
                .where("recipient_key", .equal, recipientKey).where("status", .notEqual, status.rawValue).returning("id").all()
            guard !changed.isEmpty else { return false }
            try await audit.append(
                action: "external_credential.status",
                entityKind: "external_credential",
                id: id,
                institutionID: nil,
                actor: actor,
                detail: status.rawValue,
                in: db
            )
            return true
        }
    }

    public func erase(recipientKey: String, actor: String) async throws -> Int {
        let audit = database.auditLog
        return try await database.transaction { db in
            let removed = try await db.delete(from: "external_credentials").where("recipient_key", .equal, recipientKey).returning("id").all()
            for row in removed {
                let text = try row.decode(column: "id", as: String.self)
                guard let id = UUID(uuidString: text) else { throw StorageError(.corruptRecord, "external credential \(text) has a malformed id") }
                try await audit.append(
                    action: "external_credential.erase",
                    entityKind: "external_credential",
                    id: id,
                    institutionID: nil,
                    actor: actor,
                    in: db
                )
            }
            return removed.count
        }
    }

    static func decode(_ row: any SQLRow) throws -> ExternalCredential {
        let idText = try row.decode(column: "id", as: String.self)
        guard let id = UUID(uuidString: idText),
            let kind = ExternalCredential.Kind(rawValue: try row.decode(column: "kind", as: String.self)),
            let status = ExternalCredential.Status(rawValue: try row.decode(column: "status", as: String.self))
        else { throw StorageError(.corruptRecord, "external credential \(idText) has a malformed id, kind or status") }
        return ExternalCredential(
            id: id,
            recipientKey: try row.decode(column: "recipient_key", as: String.self),
            kind: kind,
            componentID: try row.decode(column: "component_id", as: String.self),
            assertionID: try row.decode(column: "assertion_id", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            ects: try row.decode(column: "ects", as: Double?.self),
            issuedOn: Date(unixSeconds: try row.decode(column: "issued_at", as: Int64.self)),
            expires: try row.decode(column: "expires_at", as: Int64?.self).map(Date.init(unixSeconds:)),
            issuerID: try row.decode(column: "issuer_id", as: String.self),
            issuerName: try row.decode(column: "issuer_name", as: String?.self),
            source: try row.decode(column: "source", as: String.self),
            verifiedAt: Date(unixSeconds: try row.decode(column: "verified_at", as: Int64.self)),
            status: status
        )
    }
}
