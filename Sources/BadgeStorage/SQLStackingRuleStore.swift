public import BadgeCore
public import Foundation
import SQLKit

/// Stacking rules in SQL: one row per composite badge class, its components in
/// `stacking_components` (rewritten with the rule, in its transaction) so that the composites
/// naming a component are one indexed query, and flagged composites in `stacking_flags`.
public struct SQLStackingRuleStore: StackingRuleStore {
    static let columns = ["composite_class_id", "institution_id", "body", "created_at", "updated_at"]

    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func put(
        _ rule: StackingRule,
        compositeClassID: UUID,
        institutionID: UUID,
        at date: Date,
        actor: String
    ) async throws -> StoredStackingRule {
        let body = try RowCoding.encode(rule)
        let audit = database.auditLog
        let key = compositeClassID.sqlText
        do {
            return try await database.transaction { db in
                let current = try await db.select().columns(Self.columns).from("stacking_rules").where("composite_class_id", .equal, key)
                    .for(.update).first().map(Self.decode)
                if current != nil {
                    try await db.update("stacking_rules").set("body", to: SQLBind(body)).set("updated_at", to: SQLBind(date.unixSeconds))
                        .where("composite_class_id", .equal, key).run()
                    try await db.delete(from: "stacking_components").where("composite_class_id", .equal, key).run()
                } else {
                    try await db.insert(into: "stacking_rules").columns(Self.columns)
                        .values(SQLBind(key), SQLBind(institutionID.sqlText), SQLBind(body), SQLBind(date.unixSeconds), SQLBind(date.unixSeconds))
                        .run()
                }
                let components = Set(rule.components.map(\.key)).sorted()
                if !components.isEmpty {
                    let insert = db.insert(into: "stacking_components").columns("component", "composite_class_id")
                    for component in components { insert.values(SQLBind(component), SQLBind(key)) }
                    try await insert.run()
                }
                try await audit.append(
                    action: current == nil ? "create" : "update",
                    entityKind: "stacking_rule",
                    id: compositeClassID,
                    institutionID: institutionID,
                    actor: actor,
                    in: db
                )
                return StoredStackingRule(
                    compositeClassID: compositeClassID,
                    institutionID: current?.institutionID ?? institutionID,
                    rule: rule,
                    createdAt: current?.createdAt ?? date,
                    updatedAt: date
                )
            }
        } catch  where RowCoding.isUniqueViolation(error) {
            // Two first sets of one composite's rule raced, and the other one committed.
            throw BadgeCoreError(.conflict, "the rule of this badge class was set at the same time; try again", field: "badge_class")
        }
    }

    public func find(compositeClassID: UUID) async throws -> StoredStackingRule? {
        try await database.session { db in
            try await db.select().columns(Self.columns).from("stacking_rules").where("composite_class_id", .equal, compositeClassID.sqlText)
                .first().map(Self.decode)
        }
    }

    public func delete(compositeClassID: UUID, at date: Date, actor: String) async throws -> Bool {
        let audit = database.auditLog
        let key = compositeClassID.sqlText
        return try await database.transaction { db in
            guard
                let current = try await db.select().columns(Self.columns).from("stacking_rules").where("composite_class_id", .equal, key)
                    .for(.update).first().map(Self.decode)
            else { return false }
            try await db.delete(from: "stacking_components").where("composite_class_id", .equal, key).run()
            try await db.delete(from: "stacking_rules").where("composite_class_id", .equal, key).run()
            try await audit.append(
                action: "delete",
                entityKind: "stacking_rule",
                id: compositeClassID,
                institutionID: current.institutionID,
                actor: actor,
                in: db
            )
            return true
        }
    }

    public func rules(containingAny components: [StackingRule.Component]) async throws -> [StoredStackingRule] {
        let keys = Array(Set(components.map(\.key))).sorted().prefix(500)
        guard !keys.isEmpty else { return [] }
        var query: SQLQueryString = """
            SELECT DISTINCT r.composite_class_id, r.institution_id, r.body, r.created_at, r.updated_at
            FROM stacking_components c JOIN stacking_rules r ON r.composite_class_id = c.composite_class_id
            WHERE c.component IN (
            """
        for (offset, key) in keys.enumerated() { query = query + (offset == 0 ? "\(bind: key)" : ", \(bind: key)") }
        query = query + ") ORDER BY r.composite_class_id"
        // Run after every stored assertion: on the readers, each rule's JSON decoded once per text.
        return try await database.read { [query, cache = database.decodedStackingRules] db in
            try await db.raw(query).all().map { try Self.decode($0, cache: cache) }
        }
    }

    public func all(limit: Int) async throws -> [StoredStackingRule] {
        try await database.session { db in
            try await db.select().columns(Self.columns).from("stacking_rules").orderBy("composite_class_id")
                .limit(min(max(limit, 1), 10_000)).all().map(Self.decode)
        }
    }

    public func flag(_ flag: StackingFlag, actor: String) async throws -> Bool {
        let audit = database.auditLog
        return try await database.transaction { db in
            let inserted = try await db.insert(into: "stacking_flags")
                .columns("composite_assertion_id", "composite_class_id", "institution_id", "component_assertion_id", "component", "flagged_at")
                .values(
                    SQLBind(flag.compositeAssertionID.sqlText),
                    SQLBind(flag.compositeClassID.sqlText),
                    SQLBind(flag.institutionID.sqlText),
                    SQLBind(flag.componentAssertionID.sqlText),
                    SQLBind(flag.component),
                    SQLBind(flag.flaggedAt.unixSeconds)
                )
                .ignoringConflicts(with: ["composite_assertion_id"]).returning("composite_assertion_id").all()
            guard !inserted.isEmpty else { return false }
            try await audit.append(
                action: "stacking.flagged",
                entityKind: "assertion",
                id: flag.compositeAssertionID,
                institutionID: flag.institutionID,
                actor: actor,
                detail: StackingFlag.auditDetail(component: flag.component, assertionID: flag.componentAssertionID),
                in: db
            )
            return true
        }
    }

    static let flagColumns = ["composite_assertion_id", "composite_class_id", "institution_id", "component_assertion_id", "component", "flagged_at"]

    public func flag(compositeAssertionID: UUID) async throws -> StackingFlag? {
        try await database.session { db in
            try await db.select().columns(Self.flagColumns).from("stacking_flags")
                .where("composite_assertion_id", .equal, compositeAssertionID.sqlText).first().map(Self.decodeFlag)
        }
    }

    public func flags(institutionID: UUID?, limit: Int) async throws -> [StackingFlag] {
        try await database.session { db in
            let query = db.select().columns(Self.flagColumns).from("stacking_flags")
            if let institutionID { query.where("institution_id", .equal, institutionID.sqlText) }
            return try await query.orderBy("flagged_at", .descending).orderBy("composite_assertion_id").limit(min(max(limit, 1), 500)).all()
                .map(Self.decodeFlag)
        }
    }

    public func clearFlag(compositeAssertionID: UUID, resolution: String, actor: String) async throws -> Bool {
        let audit = database.auditLog
        return try await database.transaction { db in
            guard
                let row = try await db.delete(from: "stacking_flags").where("composite_assertion_id", .equal, compositeAssertionID.sqlText)
                    .returning(SQLLiteral.all).first()
            else { return false }
            let flag = try Self.decodeFlag(row)
            try await audit.append(
                action: "stacking.\(resolution)",
                entityKind: "assertion",
                id: compositeAssertionID,
                institutionID: flag.institutionID,
                actor: actor,
                detail: StackingFlag.auditDetail(component: flag.component, assertionID: flag.componentAssertionID),
                in: db
            )
            return true
        }
    }

    static func decodeFlag(_ row: any SQLRow) throws -> StackingFlag {
        let idText = try row.decode(column: "composite_assertion_id", as: String.self)
        guard let id = UUID(uuidString: idText), let classID = UUID(uuidString: try row.decode(column: "composite_class_id", as: String.self)),
            let institutionID = UUID(uuidString: try row.decode(column: "institution_id", as: String.self)),
            let componentAssertionID = UUID(uuidString: try row.decode(column: "component_assertion_id", as: String.self))
        else { throw StorageError(.corruptRecord, "stacking flag \(idText) has a malformed id") }
        return StackingFlag(
            compositeAssertionID: id,
            compositeClassID: classID,
            institutionID: institutionID,
            componentAssertionID: componentAssertionID,
            component: try row.decode(column: "component", as: String.self),
            flaggedAt: Date(unixSeconds: try row.decode(column: "flagged_at", as: Int64.self))
        )
    }

    static func decode(_ row: any SQLRow) throws -> StoredStackingRule {
        try decode(row, cache: nil)
    }

    /// A rule row, its body decoded through `cache` when one is given.
    static func decode(_ row: any SQLRow, cache: DecodedBodies?) throws -> StoredStackingRule {
        let idText = try row.decode(column: "composite_class_id", as: String.self)
        guard let id = UUID(uuidString: idText), let institutionID = UUID(uuidString: try row.decode(column: "institution_id", as: String.self))
        else { throw StorageError(.corruptRecord, "stacking rule \(idText) has a malformed id") }
        let body = try row.decode(column: "body", as: String.self)
        let decode = { (text: String) in try RowCoding.decode(StackingRule.self, from: text, id: idText) }
        return StoredStackingRule(
            compositeClassID: id,
            institutionID: institutionID,
            rule: try cache.map { try $0.content(StackingRule.self, id: id, body: body, decode: decode) } ?? decode(body),
            createdAt: Date(unixSeconds: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(unixSeconds: try row.decode(column: "updated_at", as: Int64.self))
        )
    }
}
