public import BadgeCore
public import Foundation

/// The catalogue in memory, for use-case tests without a database. It keeps the rules the SQL
/// store keeps: parents must exist and be live, institution identifiers are unique, updates
/// cannot move a record, and a badge class with unrevoked assertions is frozen (asked of
/// ``unrevokedAssertions``).
public actor InMemoryCatalogStore: CatalogStore {
    private struct Entry {
        let kind: CatalogKind
        let record: any Sendable
        let institutionID: UUID
        let parentID: UUID?
        let isArchived: Bool
        let identifier: String?
    }

    private var entries: [UUID: Entry] = [:]
    /// Whether a badge class has unrevoked assertions (wire it to an ``InMemoryAssertionStore``).
    private let unrevokedAssertions: @Sendable (UUID) async -> Bool
    /// The audit trail: action, entity id and actor, in order.
    public private(set) var audit: [(action: String, id: UUID, actor: String)] = []

    /// Creates an empty catalogue.
    public init(unrevokedAssertions: @escaping @Sendable (UUID) async -> Bool = { _ in false }) {
        self.unrevokedAssertions = unrevokedAssertions
    }

    public func insert<Content: CatalogContent>(_ record: Record<Content>, by actor: String) async throws {
        try check(record)
        put(record)
        audit.append(("create", record.id, actor))
    }

    public func insert(_ tree: CatalogTree, by actor: String) async throws {
        let saved = entries
        do {
            try await insert(tree.institution, by: actor)
            for faculty in tree.faculties { try await insert(faculty, by: actor) }
            for issuer in tree.issuers { try await insert(issuer, by: actor) }
            for badgeClass in tree.badgeClasses { try await insert(badgeClass, by: actor) }
        } catch {
            entries = saved
            throw error
        }
    }

    public func find<Content: CatalogContent>(_ type: Content.Type, id: UUID) async throws -> Record<Content>? {
        entries[id]?.record as? Record<Content>
    }

    public func find<Content: CatalogContent>(_ type: Content.Type, ids: [UUID]) async throws -> [UUID: Record<Content>] {
        var found: [UUID: Record<Content>] = [:]
        for id in Set(ids).prefix(1_000) { found[id] = entries[id]?.record as? Record<Content> }
        return found
    }

    public func institutionID(ofParent parentID: UUID, for kind: CatalogKind) async throws -> UUID? {
        guard let parent = entries[parentID], parent.kind == kind.parentKind else { return nil }
        return parent.institutionID
    }

    public func list<Content: CatalogContent>(_ type: Content.Type, filter: CatalogFilter, page: PageRequest) async throws -> Page<Record<Content>> {
        let matching = entries.filter { id, entry in
            entry.kind == Content.kind && (filter.institutionID.map { $0 == entry.institutionID } ?? true)
                && (filter.parentID.map { $0 == entry.parentID } ?? true) && (filter.includeArchived || !entry.isArchived)
                && (page.after.map { id.uuidString.lowercased() > $0.uuidString.lowercased() } ?? true)
        }
        let sorted = matching.keys.sorted { $0.uuidString.lowercased() < $1.uuidString.lowercased() }
        let records = sorted.prefix(page.limit).compactMap { entries[$0]?.record as? Record<Content> }
        return Page(items: records, nextCursor: sorted.count > page.limit ? records.last?.id : nil)
    }

    public func update<Content: CatalogContent>(
        _ type: Content.Type,
        id: UUID,
        by actor: String,
        change: @escaping @Sendable (Record<Content>, UpdateContext) throws -> Record<Content>
    ) async throws -> Record<Content> {
        guard let old = entries[id]?.record as? Record<Content> else {
            throw BadgeCoreError(.notFound, "no \(Content.kind.displayName) with id \(id)")
        }
        let frozen = Content.kind == .badgeClass ? await unrevokedAssertions(id) : false
        let new = try change(old, UpdateContext(hasUnrevokedAssertions: frozen))
        let field = Content.kind.parentField ?? "id"
        guard new.id == old.id, new.institutionID == old.institutionID, new.content.parentID == old.content.parentID else {
            throw BadgeCoreError.invalid(field, "\(field) cannot change")
        }
        try new.content.validate()
        if let institution = new.content as? Institution, entries.contains(where: { $0.key != id && $0.value.identifier == institution.identifier }) {
            throw BadgeCoreError(.conflict, "an institution with identifier \(institution.identifier) exists", field: "identifier")
        }
        put(new)
        audit.append((new.archivedAt != nil && old.archivedAt == nil ? "archive" : "update", id, actor))
        return new
    }

    private func check<Content: CatalogContent>(_ record: Record<Content>) throws {
        try record.content.validate()
        if let parentID = record.content.parentID {
            guard let parent = entries[parentID], parent.kind == Content.kind.parentKind else {
                throw BadgeCoreError(.notFound, "no \(Content.kind.parentKind?.displayName ?? "parent") with id \(parentID)")
            }
            guard !parent.isArchived else { throw BadgeCoreError(.conflict, "the parent is archived and takes no new children") }
            guard parent.institutionID == record.institutionID else {
                throw BadgeCoreError.invalid("institution_id", "the record's institution differs from its parent's")
            }
        }
        if let institution = record.content as? Institution, entries.values.contains(where: { $0.identifier == institution.identifier }) {
            throw BadgeCoreError(.conflict, "an institution with identifier \(institution.identifier) exists", field: "identifier")
        }
    }

    private func put<Content: CatalogContent>(_ record: Record<Content>) {
        entries[record.id] = Entry(
            kind: Content.kind,
            record: record,
            institutionID: record.institutionID,
            parentID: record.content.parentID,
            isArchived: record.isArchived,
            identifier: (record.content as? Institution)?.identifier
        )
    }
}
