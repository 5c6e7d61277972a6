import BadgeCore
import Foundation
import SQLKit

/// Appends to `audit_log` inside the caller's transaction, so that a change and its audit row
/// are written together or not at all. Row ids and times come from the database's injected
/// identifier generator and clock.
struct AuditLog: Sendable {
    let clock: any TimeSource
    let ids: any IDGenerator

    func append(
        action: String,
        kind: CatalogKind,
        id: UUID,
        institutionID: UUID?,
        actor: String,
        in db: any SQLDatabase
    ) async throws {
        try await append(action: action, entityKind: kind.rawValue, id: id, institutionID: institutionID, actor: actor, in: db)
    }

    /// Appends one row about an entity outside the catalogue (`outcome_rule`, `outcome_event`).
    /// - Parameter detail: what the action concerned besides the entity (stacking names the
    ///   component that caused a flag); never a recipient identity.
    func append(
        action: String,
        entityKind: String,
        id: UUID,
        institutionID: UUID?,
        actor: String,
        detail: String? = nil,
        in db: any SQLDatabase
    ) async throws {
        try await db.insert(into: "audit_log")
            .columns("id", "at", "actor", "action", "entity_kind", "entity_id", "institution_id", "detail")
            .values(
                SQLBind(ids.makeID().sqlText),
                SQLBind(clock.now().unixSeconds),
                SQLBind(actor),
                SQLBind(action),
                SQLBind(entityKind),
                SQLBind(id.sqlText),
                SQLBind(institutionID?.sqlText),
                SQLBind(detail)
            )
            .run()
    }

    /// Appends one row per id, in one statement.
    func append(
        action: String,
        kind: CatalogKind,
        ids entityIDs: [UUID],
        institutionID: UUID?,
        actor: String,
        in db: any SQLDatabase
    ) async throws {
        guard !entityIDs.isEmpty else { return }
        let now = clock.now().unixSeconds
        let insert = db.insert(into: "audit_log").columns("id", "at", "actor", "action", "entity_kind", "entity_id", "institution_id")
        for id in entityIDs {
            insert.values(
                SQLBind(ids.makeID().sqlText),
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
