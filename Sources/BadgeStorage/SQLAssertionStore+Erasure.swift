import BadgeCore
public import Foundation
import SQLKit

extension SQLAssertionStore {
    public func erase(recipientKey: String, institutionID: UUID?, at date: Date, actor: String) async throws -> [UUID] {
        try await database.transaction { db in
            var query = db.select().columns("id", "body", "institution_id").from("assertions").where("recipient_hash", .equal, recipientKey)
            if let institutionID { query = query.where("institution_id", .equal, institutionID.sqlText) }
            var erased: [UUID] = []
            var revoked: [(OutboxMessage.Topic, UUID, UUID?)] = []
            for row in try await query.for(.update).all() {
                let id = try row.decode(column: "id", as: String.self)
                let assertion = try RowCoding.decode(Assertion.self, from: try row.decode(column: "body", as: String.self), id: id)
                let owner = try row.decode(column: "institution_id", as: String?.self).flatMap(UUID.init(uuidString:))
                let anonymous = assertion.erased(at: date)
                // The recipient key is replaced by one that no recipient has, unique per row.
                try await db.update("assertions").set("body", to: SQLBind(try RowCoding.encode(anonymous)))
                    .set("recipient_hash", to: SQLBind("erased:" + id)).set("jws", to: SQLLiteral.null)
                    .set("revoked_at", to: SQLBind((anonymous.revokedAt ?? date).unixSeconds)).where("id", .equal, id).run()
                try await database.auditLog.append(action: "erase", kind: .badgeClass, id: assertion.id, institutionID: owner, actor: actor, in: db)
                if !assertion.isRevoked { revoked.append((.assertionRevoked, assertion.id, owner)) }
                erased.append(assertion.id)
            }
            try await SQLOutbox.enqueue(revoked, audit: database.auditLog, in: db)
            return erased
        }
    }
}
