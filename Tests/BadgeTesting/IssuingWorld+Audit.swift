import BadgeStorage
import SQLKit

extension IssuingWorld {
    /// The rows of `audit_log` with this action in full, in order; nil on the in-memory backend.
    public func auditRows(action: String) async throws -> [(kind: String, id: String, institutionID: String?, actor: String, detail: String?)]? {
        guard let database else { return nil }
        return try await database.session { db in
            try await db.raw(
                "SELECT entity_kind, entity_id, institution_id, actor, detail FROM audit_log WHERE action = \(bind: action) ORDER BY at, id"
            ).all().map { row in
                (
                    try row.decode(column: "entity_kind", as: String.self), try row.decode(column: "entity_id", as: String.self),
                    try row.decode(column: "institution_id", as: String?.self), try row.decode(column: "actor", as: String.self),
                    try row.decode(column: "detail", as: String?.self)
                )
            }
        }
    }
}
