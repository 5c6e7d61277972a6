import BadgeCore
public import Foundation
import SQLKit

extension SQLEDCIImportStore {
    public func erase(learnerHashes: [String], institutionID: UUID?, actor: String) async throws -> Int {
        guard !learnerHashes.isEmpty else { return 0 }
        return try await database.transaction { db in
            var query = db.select().columns("id", "institution_id").from("edci_imports").where("learner_hash", .in, SQLBind.group(learnerHashes))
            if let institutionID { query = query.where("institution_id", .equal, institutionID.sqlText) }
            let rows = try await query.all()
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                try await db.delete(from: "edci_imports").where("id", .equal, id).run()
                try await database.auditLog.append(
                    action: "erase-import",
                    kind: .badgeClass,
                    id: UUID(uuidString: id) ?? .unattached,
                    institutionID: try row.decode(column: "institution_id", as: String?.self).flatMap(UUID.init(uuidString:)),
                    actor: actor,
                    in: db
                )
            }
            return rows.count
        }
    }
}
