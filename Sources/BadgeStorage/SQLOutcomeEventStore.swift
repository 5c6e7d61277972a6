public import BadgeCore
public import Foundation
import SQLKit

/// Recorded grades in SQL. `outcome_grades` holds the latest fingerprint per rule and user: the
/// upsert that changes it is the gate that lets one copy of a grade through, however many
/// arrive at once, and it commits with the record it lets through.
public struct SQLOutcomeEventStore: OutcomeEventStore {
    static let columns = [
        "id", "rule_id", "institution_id", "badge_class_id", "learner_key", "recipient_key", "body", "decision", "reason",
        "assertion_id", "received_at", "decided_by", "review_comment",
    ]

    let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func record(_ batch: [(outcome: RecordedOutcome, fingerprint: String)]) async throws -> [Bool] {
        try await record(prepared: batch.map { try prepare($0.outcome, fingerprint: $0.fingerprint) })
    }

    /// The stored body encoded ahead of the transaction.
    public func prepare(_ outcome: RecordedOutcome, fingerprint: String) throws -> PreparedOutcome {
        PreparedOutcome(outcome: outcome, fingerprint: fingerprint, encoded: try Self.body(of: outcome))
    }

    public func record(prepared batch: [PreparedOutcome]) async throws -> [Bool] {
        guard !batch.isEmpty else { return [] }
        let rows = try batch.map { ($0.outcome, $0.fingerprint, try $0.encoded ?? Self.body(of: $0.outcome)) }
        let audit = database.auditLog
        return try await database.transaction { db in
            let passed = try await Self.passGates(rows.map { ($0.0, $0.1) }, in: db)
            let inserts = rows.filter { passed.contains($0.0.id) }.map { ($0.0, $0.2) }
            try await Self.insertRecords(inserts, in: db)
            let decided = inserts.filter { $0.0.decision == .issue }.map {
                (OutboxMessage.Topic.outcomeDecided, $0.0.id, Optional($0.0.institutionID))
            }
            try await SQLOutbox.enqueue(decided, audit: audit, in: db)
            return rows.map { passed.contains($0.0.id) }
        }
    }

    /// The stored body of a record: its event without the user's other identifiers.
    static func body(of outcome: RecordedOutcome) throws -> String {
        var stripped = outcome.event
        stripped.identities = []
        return try RowCoding.encode(stripped)
    }

    /// Inserts records (with their stored bodies) inside the caller's transaction.
    static func insertRecords(_ inserts: [(RecordedOutcome, String)], in db: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: inserts.count, by: 200).map({ inserts[$0..<min($0 + 200, inserts.count)] }) {
            let insert = db.insert(into: "outcome_events").columns(
                "id",
                "rule_id",
                "institution_id",
                "badge_class_id",
                "context_id",
                "learner_key",
                "recipient_key",
                "source",
                "body",
                "decision",
                "reason",
                "assertion_id",
                "received_at",
                "decided_at",
                "decided_by",
                "review_comment"
            )
            for (outcome, body) in chunk {
                insert.values(
                    SQLBind(outcome.id.sqlText),
                    SQLBind(outcome.ruleID.sqlText),
                    SQLBind(outcome.institutionID.sqlText),
                    SQLBind(outcome.badgeClassID.sqlText),
                    SQLBind(outcome.event.contextID),
                    SQLBind(outcome.learnerKey),
                    SQLBind(outcome.recipientKey),
                    SQLBind(outcome.event.source.rawValue),
                    SQLBind(body),
                    SQLBind(outcome.decision.rawValue),
                    SQLBind(outcome.reason),
                    SQLBind(outcome.assertionID?.sqlText),
                    SQLBind(outcome.receivedAt.unixSeconds),
                    SQLBind(outcome.receivedAt.unixSeconds),
                    SQLBind(outcome.decidedBy),
                    SQLBind(outcome.reviewComment)
                )
            }
            try await insert.run()
        }
    }

    /// The gate: upserts each record's fingerprint for its rule and user unless unchanged, many
    /// rows per statement; a batch naming one rule and user twice takes one round per repeat,
    /// so later grades are compared with earlier ones of the same batch.
    /// - Returns: the ids of the records whose grade changed.
    static func passGates(_ rows: [(RecordedOutcome, String)], in db: any SQLDatabase) async throws -> Set<UUID> {
        var passed: Set<UUID> = []
        var pending = rows[...]
        while !pending.isEmpty {
            var seen: Set<String> = []
            var round: [(RecordedOutcome, String)] = []
            var later: [(RecordedOutcome, String)] = []
            for row in pending {
                if seen.insert(row.0.ruleID.sqlText + "\n" + row.0.learnerKey).inserted { round.append(row) } else { later.append(row) }
            }
            for start in stride(from: 0, to: round.count, by: 200) {
                let rows = round[start..<min(start + 200, round.count)].map { outcome, fingerprint -> SQLQueryString in
                    "(\(bind: outcome.ruleID.sqlText), \(bind: outcome.learnerKey), \(bind: fingerprint), \(bind: outcome.id.sqlText))"
                }
                let query: SQLQueryString =
                    "INSERT INTO outcome_grades (rule_id, learner_key, fingerprint, event_id) VALUES \(rows.joined(separator: ", "))"
                    + " ON CONFLICT (rule_id, learner_key) DO UPDATE SET fingerprint = excluded.fingerprint, event_id = excluded.event_id"
                    + " WHERE outcome_grades.fingerprint <> excluded.fingerprint RETURNING event_id"
                for row in try await db.raw(query).all() {
                    if let id = UUID(uuidString: try row.decode(column: "event_id", as: String.self)) { passed.insert(id) }
                }
            }
            pending = later[...]
        }
        return passed
    }

    public func find(id: UUID) async throws -> RecordedOutcome? {
        try await database.session { db in
            try await db.select().columns(Self.columns).from("outcome_events").where("id", .equal, id.sqlText).first().map(Self.decode)
        }
    }

    public func list(_ filter: OutcomeEventFilter, page: PageRequest) async throws -> Page<RecordedOutcome> {
        let rows = try await database.session { db in
            let query = db.select().columns(Self.columns).from("outcome_events")
            if let institutionID = filter.institutionID { query.where("institution_id", .equal, institutionID.sqlText) }
            if let contextID = filter.contextID { query.where("context_id", .equal, contextID) }
            if let recipientKey = filter.recipientKey { Self.whereRecipient(recipientKey, in: query) }
            if let badgeClassID = filter.badgeClassID { query.where("badge_class_id", .equal, badgeClassID.sqlText) }
            if let decisions = filter.decisions { query.where("decision", .in, decisions.map(\.rawValue).sorted()) }
            if let after = page.after?.sqlText {
                let cursor = try await db.select().column("received_at").from("outcome_events").where("id", .equal, after).first()
                let at = try cursor?.decode(column: "received_at", as: Int64.self) ?? Int64.max
                query.where { group in
                    group.where("received_at", .lessThan, at).orWhere { $0.where("received_at", .equal, at).where("id", .lessThan, after) }
                }
            }
            return try await query.orderBy("received_at", .descending).orderBy("id", .descending).limit(page.limit + 1).all()
                .map(Self.decode)
        }
        let items = Array(rows.prefix(page.limit))
        return Page(items: items, nextCursor: rows.count > page.limit ? items.last?.id : nil)
    }

    public func latest(ruleID: UUID, learnerKey: String) async throws -> RecordedOutcome? {
        // The gate names the latest recorded grade of a rule and learner (an unchanged grade is
        // not recorded; a changed one moves the gate in the transaction that records it).
        try await database.session { db in
            try await db.select().columns(Self.columns.map { SQLColumn(SQLIdentifier($0), table: SQLIdentifier("e")) })
                .from(SQLAlias(SQLIdentifier("outcome_grades"), as: SQLIdentifier("g")))
                .join(SQLAlias(SQLIdentifier("outcome_events"), as: SQLIdentifier("e")), on: SQLColumn("id", table: "e"), .equal, SQLColumn("event_id", table: "g"))
                .where(SQLColumn("rule_id", table: "g"), .equal, SQLBind(ruleID.sqlText))
                .where(SQLColumn("learner_key", table: "g"), .equal, SQLBind(learnerKey)).first()
                .map(Self.decode)
        }
    }

    public func awaitingAward(ruleID: UUID, learnerKeys: [String]) async throws -> [RecordedOutcome] {
        guard !learnerKeys.isEmpty else { return [] }
        return try await database.session { db in
            var found: [RecordedOutcome] = []
            for start in stride(from: 0, to: learnerKeys.count, by: 500) {
                let keys = Array(learnerKeys[start..<min(start + 500, learnerKeys.count)])
                found += try await db.select().columns(Self.columns).from("outcome_events").where("rule_id", .equal, ruleID.sqlText)
                    .where("decision", .equal, Self.literal(.issue)).where("learner_key", .in, keys).all().map(Self.decode)
            }
            return found
        }
    }

    public func unmapped(learnerKeys: [String], limit: Int) async throws -> [RecordedOutcome] {
        guard !learnerKeys.isEmpty else { return [] }
        return try await database.session { db in
            var found: [RecordedOutcome] = []
            for start in stride(from: 0, to: learnerKeys.count, by: 500) {
                let keys = Array(learnerKeys[start..<min(start + 500, learnerKeys.count)])
                found += try await db.select().columns(Self.columns).from("outcome_events").where("learner_key", .in, keys)
                    .where("decision", .equal, Self.literal(.unmapped)).orderBy("received_at").orderBy("id")
                    .limit(min(max(limit, 1), 10_000)).all().map(Self.decode)
            }
            return Array(found.sorted { ($0.receivedAt, $0.id.sqlText) < ($1.receivedAt, $1.id.sqlText) }.prefix(limit))
        }
    }

    /// Limits `query` to grades of `recipientKey`, through the index of the keys' first 16
    /// digits (migration 27): the query names the index's expression, with literal bounds.
    static func whereRecipient<Query: SQLPredicateBuilder>(_ recipientKey: String, in query: Query) {
        let prefix = SQLFunction("substr", args: SQLColumn("recipient_key"), SQLLiteral.numeric("1"), SQLLiteral.numeric("16"))
        query.where(prefix, .equal, SQLBind(String(recipientKey.prefix(16)))).where("recipient_key", .equal, recipientKey)
    }

    /// A decision written into the statement, not bound: the partial indexes of grades waiting
    /// for an award or a student (migration 21) serve only queries whose terms name their
    /// decision as they do. The values are badged's own constants, never input.
    static func literal(_ decision: AwardDecision) -> SQLLiteral {
        .string(decision.rawValue)
    }

    public func transition(
        id: UUID,
        from: Set<AwardDecision>,
        to decision: AwardDecision,
        recipientKey: String?,
        reason: String?,
        assertionID: UUID?,
        comment: String?,
        actor: String,
        at date: Date
    ) async throws -> Bool {
        let audit = database.auditLog
        return try await database.transaction { db in
            let update = db.update("outcome_events").set("decision", to: SQLBind(decision.rawValue))
                .set("decided_at", to: SQLBind(date.unixSeconds)).set("decided_by", to: SQLBind(actor))
            if let recipientKey { update.set("recipient_key", to: SQLBind(recipientKey)) }
            if let reason { update.set("reason", to: SQLBind(reason)) }
            if let assertionID { update.set("assertion_id", to: SQLBind(assertionID.sqlText)) }
            if let comment { update.set("review_comment", to: SQLBind(comment)) }
            let changed = try await update.where("id", .equal, id.sqlText).where("decision", .in, from.map(\.rawValue).sorted())
                .returning("institution_id").first()
            guard let changed else { return false }
            let institutionID = UUID(uuidString: try changed.decode(column: "institution_id", as: String.self))
            try await audit.append(
                action: "outcome.\(decision.rawValue)",
                entityKind: "outcome_event",
                id: id,
                institutionID: institutionID,
                actor: actor,
                in: db
            )
            if decision == .issue { try await SQLOutbox.enqueue([(.outcomeDecided, id, institutionID)], audit: audit, in: db) }
            return true
        }
    }

    /// Settles the recorded grades of newly stored assertions inside the award's transaction:
    /// each becomes `awarded` with its assertion, and gets an `outcome.awarded` message.
    static func settle(_ items: [NewAssertion], audit: AuditLog, in db: any SQLDatabase) async throws {
        var settled: [(OutboxMessage.Topic, UUID, UUID?)] = []
        for item in items where !item.outcomeIDs.isEmpty {
            let ids = try await db.update("outcome_events").set("decision", to: SQLBind(AwardDecision.awarded.rawValue))
                .set("assertion_id", to: SQLBind(item.assertion.id.sqlText)).set("decided_at", to: SQLBind(audit.clock.now().unixSeconds))
                .where("id", .in, item.outcomeIDs.map(\.sqlText)).where("decision", .equal, AwardDecision.issue.rawValue)
                .returning("id").all().compactMap { UUID(uuidString: try $0.decode(column: "id", as: String.self)) }
            settled += ids.map { (.outcomeAwarded, $0, item.institutionID) }
        }
        try await SQLOutbox.enqueue(settled, audit: audit, in: db)
    }

    static func decode(_ row: any SQLRow) throws -> RecordedOutcome {
        let idText = try row.decode(column: "id", as: String.self)
        guard let id = UUID(uuidString: idText),
            let ruleID = UUID(uuidString: try row.decode(column: "rule_id", as: String.self)),
            let institutionID = UUID(uuidString: try row.decode(column: "institution_id", as: String.self)),
            let badgeClassID = UUID(uuidString: try row.decode(column: "badge_class_id", as: String.self)),
            let decision = AwardDecision(rawValue: try row.decode(column: "decision", as: String.self))
        else { throw StorageError(.corruptRecord, "outcome event \(idText) has a malformed column") }
        return RecordedOutcome(
            id: id,
            ruleID: ruleID,
            institutionID: institutionID,
            badgeClassID: badgeClassID,
            event: try RowCoding.decode(OutcomeEvent.self, from: try row.decode(column: "body", as: String.self), id: idText),
            learnerKey: try row.decode(column: "learner_key", as: String.self),
            recipientKey: try row.decode(column: "recipient_key", as: String?.self),
            decision: decision,
            reason: try row.decode(column: "reason", as: String.self),
            assertionID: try row.decode(column: "assertion_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            receivedAt: Date(unixSeconds: try row.decode(column: "received_at", as: Int64.self)),
            decidedBy: try row.decode(column: "decided_by", as: String.self),
            reviewComment: try row.decode(column: "review_comment", as: String?.self)
        )
    }
}
