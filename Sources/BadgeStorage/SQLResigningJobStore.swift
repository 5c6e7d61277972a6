public import BadgeCore
public import Foundation
import SQLKit

/// Key rotations and their re-signing jobs in SQL. A rotation writes the key, the job, its first
/// outbox message and an audit row in one transaction; each page writes the new signatures, the
/// cursor and the next message (or the completion) in one transaction, guarded by the id of the
/// message the job expects, so a message delivered twice (a lease that ran out, a second daemon)
/// writes nothing the second time.
public struct SQLResigningJobStore: ResigningJobStore {
    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func rotate(
        to key: StoredIssuerKey,
        reason: ResigningJob.Reason,
        jobID: UUID,
        institutionID: UUID?,
        actor: String
    ) async throws
        -> ResigningJob
    {
        let messageID = database.auditLog.ids.makeID()
        return try await database.transaction { [audit = database.auditLog] db in
            let replaced = try await SQLIssuerKeyStore.install(key, revokingPrevious: reason == .compromise, in: db)
            let job = ResigningJob(
                id: jobID,
                issuerID: key.issuerID,
                institutionID: institutionID,
                keyID: key.id,
                replacedKeyID: replaced,
                reason: reason,
                nextMessageID: messageID,
                createdAt: key.createdAt
            )
            try await db.insert(into: "key_resign_jobs")
                .columns(
                    "id",
                    "issuer_id",
                    "institution_id",
                    "key_id",
                    "replaced_key_id",
                    "reason",
                    "cursor_id",
                    "resigned",
                    "next_message_id",
                    "created_at",
                    "completed_at"
                )
                .values(
                    SQLBind(job.id.sqlText),
                    SQLBind(job.issuerID.sqlText),
                    SQLBind(institutionID?.sqlText),
                    SQLBind(job.keyID),
                    SQLBind(replaced),
                    SQLBind(reason.rawValue),
                    SQLBind(String?.none),
                    SQLBind(0),
                    SQLBind(messageID.sqlText),
                    SQLBind(job.createdAt.unixSeconds),
                    SQLBind(Int64?.none)
                )
                .run()
            try await SQLOutbox.enqueue(
                id: messageID,
                topic: .assertionsResigning,
                subjectID: job.id,
                institutionID: institutionID,
                at: key.createdAt,
                in: db
            )
            let detail = "key \(key.id)" + (replaced.map { " replaces \($0)" } ?? "") + (reason == .compromise ? " (compromised, revoked)" : "")
            try await audit.append(
                action: reason == .compromise ? "issuer_key.rotate_compromised" : "issuer_key.rotate",
                entityKind: "issuer",
                id: key.issuerID,
                institutionID: institutionID,
                actor: actor,
                detail: detail,
                in: db
            )
            return job
        }
    }

    public func job(id: UUID) async throws -> ResigningJob? {
        try await database.session { db in
            try await db.select().columns(Self.columns).from("key_resign_jobs").where("id", .equal, id.sqlText).first().map(Self.job(from:))
        }
    }

    public func jobs(issuerID: UUID) async throws -> [ResigningJob] {
        try await database.session { db in
            try await db.select().columns(Self.columns).from("key_resign_jobs").where("issuer_id", .equal, issuerID.sqlText)
                .orderBy("created_at", .descending).orderBy("id", .descending).all().map(Self.job(from:))
        }
    }

    public func page(of job: ResigningJob, limit: Int) async throws -> [StoredAssertion] {
        try await database.session { db in
            let query = db.select().columns("id", "body", "institution_id", "jws").from("assertions")
                .where("issuer_id", .equal, job.issuerID.sqlText)
                .where("jws", .isNot, SQLLiteral.null)
                .where("revoked_at", .is, SQLLiteral.null)
            if let cursor = job.cursor { query.where("id", .greaterThan, cursor.sqlText) }
            return try await query.orderBy("id").limit(min(max(limit, 1), 1_000)).all().map { row in
                let id = try row.decode(column: "id", as: String.self)
                return StoredAssertion(
                    assertion: try RowCoding.decode(Assertion.self, from: try row.decode(column: "body", as: String.self), id: id),
                    institutionID: try row.decode(column: "institution_id", as: String?.self).flatMap(UUID.init(uuidString:)),
                    jws: try row.decode(column: "jws", as: String?.self)
                )
            }
        }
    }

    public func commit(_ page: ResignedPage, of job: ResigningJob, deliveredBy messageID: UUID) async throws -> Bool {
        let encoded = try page.assertions.map { try RowCoding.encode($0.assertion) }
        return try await database.transaction { [audit = database.auditLog] db in
            // The job's key must still be current, read as an award's is: a rotation that
            // committed since this page was signed started a job that re-signs everything, and a
            // rotation that comes later waits for this commit, so its job sees this page. A
            // superseded job ends here without writing its page.
            let isSuperseded = try await !SQLIssuerKeyStore.notCurrent([(job.keyID, job.issuerID)], in: db).isEmpty
            let page = isSuperseded ? ResignedPage(assertions: [], cursor: nil, isLast: true) : page
            let now = audit.clock.now()
            let next = page.isLast ? nil : audit.ids.makeID()
            // Claim the page first (on PostgreSQL this locks the job row): only the delivery of the
            // message the job expects moves it on; any other writes nothing.
            let claimed = try await db.update("key_resign_jobs")
                .set("next_message_id", to: SQLBind(next?.sqlText))
                .set("cursor_id", to: SQLBind((page.cursor ?? job.cursor)?.sqlText))
                .set("completed_at", to: SQLBind(page.isLast ? now.unixSeconds : nil))
                .where("id", .equal, job.id.sqlText).where("next_message_id", .equal, messageID.sqlText)
                .returning("resigned").first()
            guard let claimed else { return false }
            var resigned = 0
            for (index, item) in page.assertions.enumerated() {
                // A revocation that came in meanwhile keeps its body and its JWS.
                let updated = try await db.update("assertions").set("body", to: SQLBind(encoded[index])).set("jws", to: SQLBind(item.jws))
                    .where("id", .equal, item.assertion.id.sqlText).where("revoked_at", .is, SQLLiteral.null)
                    .returning("id").all()
                resigned += updated.count
            }
            let total = try claimed.decode(column: "resigned", as: Int64.self) + Int64(resigned)
            try await db.update("key_resign_jobs").set("resigned", to: SQLBind(total)).where("id", .equal, job.id.sqlText).run()
            if let next {
                try await SQLOutbox.enqueue(
                    id: next,
                    topic: .assertionsResigning,
                    subjectID: job.id,
                    institutionID: job.institutionID,
                    at: now,
                    in: db
                )
            } else {
                try await audit.append(
                    action: "issuer_key.resign_complete",
                    entityKind: "issuer",
                    id: job.issuerID,
                    institutionID: job.institutionID,
                    actor: "resigning",
                    detail: "\(total) assertion\(total == 1 ? "" : "s") re-signed with key \(job.keyID)",
                    in: db
                )
            }
            return true
        }
    }

    private static let columns = [
        "id", "issuer_id", "institution_id", "key_id", "replaced_key_id", "reason", "cursor_id", "resigned", "next_message_id", "created_at",
        "completed_at",
    ]

    private static func job(from row: any SQLRow) throws -> ResigningJob {
        let id = try row.decode(column: "id", as: String.self)
        guard let jobID = UUID(uuidString: id), let issuerID = UUID(uuidString: try row.decode(column: "issuer_id", as: String.self)),
            let reason = ResigningJob.Reason(rawValue: try row.decode(column: "reason", as: String.self))
        else { throw StorageError(.corruptRecord, "re-signing job \(id) is malformed") }
        return ResigningJob(
            id: jobID,
            issuerID: issuerID,
            institutionID: try row.decode(column: "institution_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            keyID: try row.decode(column: "key_id", as: String.self),
            replacedKeyID: try row.decode(column: "replaced_key_id", as: String?.self),
            reason: reason,
            cursor: try row.decode(column: "cursor_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            resigned: Int(try row.decode(column: "resigned", as: Int64.self)),
            nextMessageID: try row.decode(column: "next_message_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            createdAt: Date(unixSeconds: try row.decode(column: "created_at", as: Int64.self)),
            completedAt: try row.decode(column: "completed_at", as: Int64?.self).map(Date.init(unixSeconds:))
        )
    }
}
