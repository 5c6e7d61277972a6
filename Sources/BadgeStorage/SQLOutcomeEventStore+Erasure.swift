public import BadgeCore
public import Foundation
import SQLKit

extension SQLOutcomeEventStore {
    public func unlink(recipientKey: String, institutionID: UUID?) async throws -> Int {
        try await database.transaction { db in
            let select = db.select().columns("id", "learner_key", "body", "decision").from("outcome_events")
            Self.whereRecipient(recipientKey, in: select)
            if let institutionID { select.where("institution_id", .equal, institutionID.sqlText) }
            let rows = try await select.all()
            var learnerKeys: Set<String> = []
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                learnerKeys.insert(try row.decode(column: "learner_key", as: String.self))
                // The platform's user id is pseudonymous but names the person on the platform: it goes too.
                var event = try RowCoding.decode(OutcomeEvent.self, from: try row.decode(column: "body", as: String.self), id: id)
                event.userID = "erased"
                event.comment = nil
                let open = [AwardDecision.pending.rawValue, AwardDecision.issue.rawValue].contains(
                    try row.decode(column: "decision", as: String.self)
                )
                let update = db.update("outcome_events").set("recipient_key", to: SQLLiteral.null).set("learner_key", to: SQLBind("erased"))
                    .set("body", to: SQLBind(try RowCoding.encode(event)))
                if open {
                    update.set("decision", to: SQLBind(AwardDecision.notAwarded.rawValue))
                        .set("reason", to: SQLBind("The recipient's data was erased on request."))
                }
                try await update.where("id", .equal, id).run()
            }
            if !learnerKeys.isEmpty {
                try await db.delete(from: "outcome_grades").where("learner_key", .in, Array(learnerKeys)).run()
            }
            return rows.count
        }
    }
}
