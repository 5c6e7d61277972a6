import BadgeCore
import Foundation
import SQLKit

/// Appends to `audit_log` inside the caller's transaction, so that a change and its audit row
/// are written together or not at all.
enum AuditLog {
    static func append(
        action: String,
        kind: CatalogKind,
        id: UUID,
        institutionID: UUID?,
        actor: String,
        in db: any SQLDatabase
    ) async throws {
        try await db.insert(into: "audit_log")
            .columns("id", "at", "actor", "action", "entity_kind", "entity_id", "institution_id")
            .values(
                SQLBind(UUID().sqlText),
                SQLBind(Date().unixSeconds),
                SQLBind(actor),
                SQLBind(action),
                SQLBind(kind.rawValue),
                SQLBind(id.sqlText),
                SQLBind(institutionID?.sqlText)
            )
            .run()
    }

    /// Appends one row per id, in one statement.
    static func append(
        action: String,
        kind: CatalogKind,
        ids: [UUID],
        institutionID: UUID?,
        actor: String,
        in db: any SQLDatabase
    ) async throws {
        guard !ids.isEmpty else { return }
        let now = Date().unixSeconds
        let insert = db.insert(into: "audit_log").columns("id", "at", "actor", "action", "entity_kind", "entity_id", "institution_id")
        for id in ids {
            insert.values(
                SQLBind(UUID().sqlText),
                SQLBind(now),
                SQLBind(actor),
                SQLBind(action),
                SQLBind(kind.rawValue),
                SQLBind(id.sqlText),
                SQLBind(institutionID?.sqlText)
            )
        }
        try await insert.run()
    }
}
