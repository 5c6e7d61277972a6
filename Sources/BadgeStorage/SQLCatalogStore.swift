public import BadgeCore
public import Foundation
import SQLKit

/// The ``CatalogStore`` on SQL: one generic implementation for the four catalogue tables,
/// identical on SQLite and PostgreSQL. Each write also appends an audit row in the same
/// transaction.
public struct SQLCatalogStore: CatalogStore {
    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func insert<Content: CatalogContent>(_ record: Record<Content>, by actor: String) async throws {
        try record.content.validate()
        try await database.transaction { db in try await Self.insertRow(record, by: actor, audit: database.auditLog, in: db) }
    }

    public func insert(_ tree: CatalogTree, by actor: String) async throws {
        try await database.transaction { db in
            try await Self.insertRow(tree.institution, by: actor, audit: database.auditLog, in: db)
            for faculty in tree.faculties { try await Self.insertRow(faculty, by: actor, audit: database.auditLog, in: db) }
            for issuer in tree.issuers { try await Self.insertRow(issuer, by: actor, audit: database.auditLog, in: db) }
            for badgeClass in tree.badgeClasses { try await Self.insertRow(badgeClass, by: actor, audit: database.auditLog, in: db) }
        }
    }

    static func insertRow<Content: CatalogContent>(_ record: Record<Content>, by actor: String, audit: AuditLog, in db: any SQLDatabase) async throws
    {
        let kind = Content.kind
        if let parentID = record.content.parentID {
            try await requireLiveParent(parentID, of: kind, institutionID: record.institutionID, in: db)
        }
        var columns = ["id", "institution_id", "parent_id", "body", "created_at", "updated_at", "archived_at"]
        var values: [any SQLExpression] = [
            SQLBind(record.id.sqlText), SQLBind(record.institutionID.sqlText),
            SQLBind(record.content.parentID?.sqlText), SQLBind(try RowCoding.encode(record.content)),
            SQLBind(record.createdAt.unixSeconds), SQLBind(record.updatedAt.unixSeconds),
            SQLBind(record.archivedAt?.unixSeconds),
        ]
        if let institution = record.content as? Institution {
            try await requireUniqueIdentifier(institution.identifier, except: nil, in: db)
            columns.append("identifier")
            values.append(SQLBind(institution.identifier))
        }
        do {
            try await db.insert(into: kind.table).columns(columns).values(values).run()
        } catch  where RowCoding.isUniqueViolation(error) {
            throw BadgeCoreError(.conflict, "a \(kind.rawValue) with this identifier exists already", field: "identifier")
        }
        try await audit.append(action: "create", kind: kind, id: record.id, institutionID: record.institutionID, actor: actor, in: db)
    }

    public func find<Content: CatalogContent>(_ type: Content.Type, id: UUID) async throws -> Record<Content>? {
        try await database.read { [cache = database.decodedBodies] db in
            try await Self.fetch(Content.self, id: id, in: db, lock: false, cache: cache)
        }
    }

    public func find<Content: CatalogContent>(_ type: Content.Type, ids: [UUID]) async throws -> [UUID: Record<Content>] {
        let keys = Array(Set(ids).prefix(1_000)).map(\.sqlText)
        guard !keys.isEmpty else { return [:] }
        let table = Content.kind.table
        let cached = database.recentRecords.values(for: keys.map { table + "/" + $0 })
        var found: [UUID: Record<Content>] = [:]
        var missing: [String] = []
        for key in keys {
            if let record = cached[table + "/" + key]?.record as? Record<Content> { found[record.id] = record } else { missing.append(key) }
        }
        guard !missing.isEmpty else { return found }
        let read = try await database.read { [cache = database.decodedBodies, missing] db in
            let rows = try await db.select().columns(RowCoding.columns).from(table).where("id", .in, SQLBind.group(missing)).all()
            return try rows.map { try RowCoding.decodeRecord(Content.self, from: $0, cache: cache) }
        }
        database.recentRecords.store(read.map { (key: table + "/" + $0.id.sqlText, value: RecentRecord(record: $0)) })
        for record in read where found[record.id] == nil { found[record.id] = record }
        return found
    }

    public func institutionID(ofParent parentID: UUID, for kind: CatalogKind) async throws -> UUID? {
        guard let parentKind = kind.parentKind else { return nil }
        return try await database.session { db in
            let row = try await db.select().column("institution_id").from(parentKind.table)
                .where("id", .equal, parentID.sqlText).first()
            return try row.flatMap { UUID(uuidString: try $0.decode(column: "institution_id", as: String.self)) }
        }
    }

    public func list<Content: CatalogContent>(
        _ type: Content.Type,
        filter: CatalogFilter,
        page: PageRequest
    ) async throws -> Page<Record<Content>> {
        try await database.read { [cache = database.decodedBodies] db in
            var query = db.select().columns(RowCoding.columns).from(Content.kind.table)
            if let institutionID = filter.institutionID { query = query.where("institution_id", .equal, institutionID.sqlText) }
            if let parentID = filter.parentID { query = query.where("parent_id", .equal, parentID.sqlText) }
            if !filter.includeArchived { query = query.where("archived_at", .is, SQLLiteral.null) }
            if let after = page.after { query = query.where("id", .greaterThan, after.sqlText) }
            let rows = try await query.orderBy("id").limit(page.limit + 1).all()
            let records = try rows.prefix(page.limit).map { try RowCoding.decodeRecord(Content.self, from: $0, cache: cache) }
            return Page(items: Array(records), nextCursor: rows.count > page.limit ? records.last?.id : nil)
        }
    }

    public func update<Content: CatalogContent>(
        _ type: Content.Type,
        id: UUID,
        by actor: String,
        change: @escaping @Sendable (Record<Content>, UpdateContext) throws -> Record<Content>
    ) async throws -> Record<Content> {
        defer { database.recentRecords.clear() }
        return try await database.transaction { db in
            let kind = Content.kind
            guard let old = try await Self.fetch(Content.self, id: id, in: db, lock: true) else {
                throw BadgeCoreError(.notFound, "no \(kind.rawValue.replacingOccurrences(of: "_", with: " ")) with id \(id)")
            }
            let context = UpdateContext(
                hasUnrevokedAssertions: kind == .badgeClass ? try await Self.hasUnrevokedAssertions(id, in: db) : false
            )
            let new = try change(old, context)
            guard new.id == old.id, new.institutionID == old.institutionID, new.content.parentID == old.content.parentID else {
                throw BadgeCoreError.invalid((kind.parentField ?? "id"), "\((kind.parentField ?? "id")) cannot change")
            }
            try new.content.validate()
            var query = db.update(kind.table)
                .set("body", to: SQLBind(try RowCoding.encode(new.content)))
                .set("updated_at", to: SQLBind(new.updatedAt.unixSeconds))
                .set("archived_at", to: SQLBind(new.archivedAt?.unixSeconds))
            if let institution = new.content as? Institution {
                try await Self.requireUniqueIdentifier(institution.identifier, except: id, in: db)
                query = query.set("identifier", to: SQLBind(institution.identifier))
            }
            try await query.where("id", .equal, id.sqlText).run()
            let action = new.archivedAt != nil && old.archivedAt == nil ? "archive" : "update"
            try await database.auditLog.append(action: action, kind: kind, id: id, institutionID: new.institutionID, actor: actor, in: db)
            return new
        }
    }

    /// Whether a badge class has assertions that are not revoked.
    static func hasUnrevokedAssertions(_ badgeClassID: UUID, in db: any SQLDatabase) async throws -> Bool {
        try await db.select().column(SQLLiteral.numeric("1"), as: "present").from("assertions")
            .where("badge_class_id", .equal, badgeClassID.sqlText).where("revoked_at", .is, SQLLiteral.null)
            .limit(1).first() != nil
    }

    private static func fetch<Content: CatalogContent>(
        _ type: Content.Type,
        id: UUID,
        in db: any SQLDatabase,
        lock: Bool,
        cache: DecodedBodies? = nil
    ) async throws -> Record<Content>? {
        var query = db.select().columns(RowCoding.columns).from(Content.kind.table).where("id", .equal, id.sqlText)
        if lock { query = query.for(.update) }
        return try await query.first().map { try RowCoding.decodeRecord(Content.self, from: $0, cache: cache) }
    }

    private static func requireLiveParent(_ parentID: UUID, of kind: CatalogKind, institutionID: UUID, in db: any SQLDatabase) async throws {
        guard let parentKind = kind.parentKind else { return }
        let name = parentKind.rawValue.replacingOccurrences(of: "_", with: " ")
        guard
            let row = try await db.select().columns("institution_id", "archived_at").from(parentKind.table)
                .where("id", .equal, parentID.sqlText).for(.update).first()
        else { throw BadgeCoreError(.notFound, "no \(name) with id \(parentID)", field: (kind.parentField ?? "id")) }
        if try row.decodeNil(column: "archived_at") == false {
            throw BadgeCoreError(.conflict, "the \(name) is archived and takes no new entries", field: (kind.parentField ?? "id"))
        }
        guard try row.decode(column: "institution_id", as: String.self) == institutionID.sqlText else {
            throw BadgeCoreError(.conflict, "the \(name) belongs to another institution", field: (kind.parentField ?? "id"))
        }
    }

    private static func requireUniqueIdentifier(_ identifier: String, except id: UUID?, in db: any SQLDatabase) async throws {
        var query = db.select().column("id").from("institutions").where("identifier", .equal, identifier)
        if let id { query = query.where("id", .notEqual, id.sqlText) }
        if try await query.first() != nil {
            throw BadgeCoreError(.conflict, "an institution with identifier \(identifier) exists already", field: "identifier")
        }
    }
}
