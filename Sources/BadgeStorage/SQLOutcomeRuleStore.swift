public import BadgeCore
public import Foundation
import SQLKit

/// Outcome rules in SQL; the unique `match_key` keeps one rule per watched item, and a sync
/// lease (`sync_owner`, `sync_until`) lets daemons sharing the database sync disjoint rules.
///
/// The rule (and badge class) a pushed grade reads serves this store's readers for a second
/// (``RecentReads``): a grading session pushes many grades of one item, each of which read the
/// same rows. Rules changed through this store show at once; a change by another daemon, or to
/// the badge class, within a second (as the stacking runs' reads of badge classes).
public struct SQLOutcomeRuleStore: OutcomeRuleStore {
    static let columns = ["id", "institution_id", "body", "created_at", "updated_at"]

    private let database: BadgeDatabase
    private let recentMatches = RecentReads<RuleAndClass>(capacity: 4_096)

    /// A rule read with its badge class, or nothing watching (Sendable for ``RecentReads``:
    /// the record's content is a `BadgeClass`).
    private struct RuleAndClass: @unchecked Sendable {
        let found: (rule: StoredOutcomeRule, badgeClass: Record<BadgeClass>?)?
    }

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func create(_ rule: OutcomeRule, id: UUID, institutionID: UUID, at date: Date, actor: String) async throws -> StoredOutcomeRule {
        defer { recentMatches.clear() }
        let body = try RowCoding.encode(rule)
        let audit = database.auditLog
        do {
            try await database.transaction { db in
                try await db.insert(into: "outcome_rules")
                    .columns(
                        "id",
                        "institution_id",
                        "badge_class_id",
                        "issuer",
                        "client_id",
                        "context_id",
                        "line_item",
                        "resource_link_id",
                        "match_key",
                        "body",
                        "created_at",
                        "updated_at"
                    )
                    .values(
                        SQLBind(id.sqlText),
                        SQLBind(institutionID.sqlText),
                        SQLBind(rule.badgeClassID.sqlText),
                        SQLBind(rule.match.issuer),
                        SQLBind(rule.match.clientID),
                        SQLBind(rule.match.contextID),
                        SQLBind(rule.match.lineItem),
                        SQLBind(rule.match.resourceLinkID),
                        SQLBind(rule.matchKey),
                        SQLBind(body),
                        SQLBind(date.unixSeconds),
                        SQLBind(date.unixSeconds)
                    )
                    .run()
                try await audit.append(action: "create", entityKind: "outcome_rule", id: id, institutionID: institutionID, actor: actor, in: db)
            }
        } catch  where RowCoding.isUniqueViolation(error) {
            throw Self.duplicate
        }
        return StoredOutcomeRule(id: id, institutionID: institutionID, rule: rule, createdAt: date, updatedAt: date)
    }

    static let duplicate = BadgeCoreError(.conflict, "another rule already watches this item of the course", field: "match")

    public func update(id: UUID, to rule: OutcomeRule, at date: Date, actor: String) async throws -> StoredOutcomeRule? {
        defer { recentMatches.clear() }
        let body = try RowCoding.encode(rule)
        let audit = database.auditLog
        do {
            return try await database.transaction { db in
                guard let current = try await Self.find(id: id, in: db) else { return nil }
                try await db.update("outcome_rules")
                    .set("badge_class_id", to: SQLBind(rule.badgeClassID.sqlText)).set("issuer", to: SQLBind(rule.match.issuer))
                    .set("client_id", to: SQLBind(rule.match.clientID)).set("context_id", to: SQLBind(rule.match.contextID))
                    .set("line_item", to: SQLBind(rule.match.lineItem)).set("resource_link_id", to: SQLBind(rule.match.resourceLinkID))
                    .set("match_key", to: SQLBind(rule.matchKey)).set("body", to: SQLBind(body)).set("updated_at", to: SQLBind(date.unixSeconds))
                    .where("id", .equal, id.sqlText).run()
                try await audit.append(
                    action: "update",
                    entityKind: "outcome_rule",
                    id: id,
                    institutionID: current.institutionID,
                    actor: actor,
                    in: db
                )
                return StoredOutcomeRule(id: id, institutionID: current.institutionID, rule: rule, createdAt: current.createdAt, updatedAt: date)
            }
        } catch  where RowCoding.isUniqueViolation(error) {
            throw Self.duplicate
        }
    }

    public func delete(id: UUID, at date: Date, actor: String) async throws -> Bool {
        defer { recentMatches.clear() }
        let audit = database.auditLog
        return try await database.transaction { db in
            guard let current = try await Self.find(id: id, in: db) else { return false }
            try await db.delete(from: "outcome_rules").where("id", .equal, id.sqlText).run()
            try await audit.append(action: "delete", entityKind: "outcome_rule", id: id, institutionID: current.institutionID, actor: actor, in: db)
            return true
        }
    }

    public func find(id: UUID) async throws -> StoredOutcomeRule? {
        try await database.session { db in try await Self.find(id: id, in: db) }
    }

    static func find(id: UUID, in db: any SQLDatabase) async throws -> StoredOutcomeRule? {
        try await db.select().columns(columns).from("outcome_rules").where("id", .equal, id.sqlText).first().map { try decode($0) }
    }

    public func rule(watching event: OutcomeEvent) async throws -> StoredOutcomeRule? {
        let keys = OutcomeRule.Match.keys(watching: event)
        guard !keys.isEmpty else { return nil }
        let found = try await database.read { [cache = database.decodedBodies] db in
            try await db.select().columns(Self.columns).from("outcome_rules").where("match_key", .in, keys).all().map { try Self.decode($0, cache: cache) }
        }
        // A rule on the line item wins over one on the resource link.
        return keys.lazy.compactMap { key in found.first { $0.rule.matchKey == key } }.first
    }

    public func ruleAndBadgeClass(watching event: OutcomeEvent) async throws -> (rule: StoredOutcomeRule, badgeClass: Record<BadgeClass>?)? {
        let keys = OutcomeRule.Match.keys(watching: event)
        guard !keys.isEmpty else { return nil }
        let cacheKey = keys.joined(separator: "\n")
        if let recent = recentMatches.value(for: cacheKey) { return recent.found }
        let found = try await database.read { [cache = database.decodedBodies] db in
            let query: SQLQueryString = """
                SELECT r.id, r.institution_id, r.body, r.created_at, r.updated_at, b.id AS class_id,
                b.institution_id AS class_institution_id, b.body AS class_body, b.created_at AS class_created_at,
                b.updated_at AS class_updated_at, b.archived_at AS class_archived_at
                FROM outcome_rules r LEFT JOIN badge_classes b ON b.id = r.badge_class_id WHERE r.match_key IN (\(binds: keys))
                """
            return try await db.raw(query).all().map { row in
                let rule = try Self.decode(row, cache: cache)
                let hasClass = try row.decode(column: "class_id", as: String?.self) != nil
                return (rule, hasClass ? try RowCoding.decodeRecord(BadgeClass.self, from: row, prefix: "class_", cache: cache) : nil)
            }
        }
        // A rule on the line item wins over one on the resource link.
        let watching = keys.lazy.compactMap { key in found.first { $0.0.rule.matchKey == key } }.first
        recentMatches.store([(key: cacheKey, value: RuleAndClass(found: watching))])
        return watching
    }

    public func list(institutionID: UUID?, issuer: String?, contextID: String?, limit: Int) async throws -> [StoredOutcomeRule] {
        try await database.session { db in
            let query = db.select().columns(Self.columns).from("outcome_rules")
            if let institutionID { query.where("institution_id", .equal, institutionID.sqlText) }
            if let issuer { query.where("issuer", .equal, issuer) }
            if let contextID { query.where("context_id", .equal, contextID) }
            return try await query.orderBy("created_at").orderBy("id").limit(min(max(limit, 1), 1_000)).all().map { try Self.decode($0) }
        }
    }

    public func claimSync(
        issuer: String?,
        clientID: String?,
        contextID: String?,
        syncedBefore: Date,
        owner: String,
        now: Date,
        leaseUntil: Date,
        limit: Int
    ) async throws -> [StoredOutcomeRule] {
        let lock: SQLQueryString = database.engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        var scope: SQLQueryString = ""
        if let issuer { scope = scope + " AND issuer = \(bind: issuer)" }
        if let clientID { scope = scope + " AND client_id = \(bind: clientID)" }
        if let contextID { scope = scope + " AND context_id = \(bind: contextID)" }
        let query: SQLQueryString = """
            UPDATE outcome_rules SET sync_owner = \(bind: owner), sync_until = \(bind: leaseUntil.unixSeconds)
            WHERE id IN (SELECT id FROM outcome_rules WHERE line_item IS NOT NULL\(scope)
                AND (synced_at IS NULL OR synced_at < \(bind: syncedBefore.unixSeconds))
                AND (sync_until IS NULL OR sync_until <= \(bind: now.unixSeconds))
                ORDER BY synced_at, id LIMIT \(bind: min(max(limit, 1), 1_000))\(lock))
            RETURNING id, institution_id, body, created_at, updated_at
            """
        return try await database.transaction { db in try await db.raw(query).all().map { try Self.decode($0) } }
    }

    public func finishSync(ids: [UUID], owner: String, at date: Date) async throws {
        guard !ids.isEmpty else { return }
        try await database.session { db in
            try await db.update("outcome_rules").set("sync_owner", to: SQLLiteral.null).set("sync_until", to: SQLLiteral.null)
                .set("synced_at", to: SQLBind(date.unixSeconds)).where("id", .in, ids.map(\.sqlText)).where("sync_owner", .equal, owner).run()
        }
    }

    public func releaseSync(ids: [UUID], owner: String) async throws {
        guard !ids.isEmpty else { return }
        try await database.session { db in
            try await db.update("outcome_rules").set("sync_owner", to: SQLLiteral.null).set("sync_until", to: SQLLiteral.null)
                .where("id", .in, ids.map(\.sqlText)).where("sync_owner", .equal, owner).run()
        }
    }

    /// A stored rule; with `cache`, a body decoded before is not decoded again (every grade
    /// reads its rule).
    static func decode(_ row: any SQLRow, cache: DecodedBodies? = nil) throws -> StoredOutcomeRule {
        let idText = try row.decode(column: "id", as: String.self)
        guard let id = UUID(uuidString: idText), let institutionID = UUID(uuidString: try row.decode(column: "institution_id", as: String.self))
        else { throw StorageError(.corruptRecord, "outcome rule \(idText) has a malformed id") }
        let body = try row.decode(column: "body", as: String.self)
        let decode = { (body: String) in try RowCoding.decode(OutcomeRule.self, from: body, id: idText) }
        return StoredOutcomeRule(
            id: id,
            institutionID: institutionID,
            rule: try cache.map { try $0.content(OutcomeRule.self, id: id, body: body, decode: decode) } ?? decode(body),
            createdAt: Date(unixSeconds: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(unixSeconds: try row.decode(column: "updated_at", as: Int64.self))
        )
    }
}
