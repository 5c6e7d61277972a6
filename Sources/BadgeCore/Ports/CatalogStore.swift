public import Foundation

/// The storage port for the issuer hierarchy. Every call is one transaction: a call that throws
/// leaves nothing written.
public protocol CatalogStore: Sendable {
    /// Stores a new record.
    ///
    /// The record's `institutionID` must agree with its parent's.
    /// - Throws: ``BadgeCoreError`` `.notFound` if the parent does not exist, `.conflict` if the
    ///   parent is archived or a unique value (an institution identifier) is taken.
    /// - Parameters:
    ///   - record: the new record.
    ///   - actor: who makes the change, for the audit log (an API key id or `cli`).
    func insert<Content: CatalogContent>(_ record: Record<Content>, by actor: String) async throws

    /// Stores a whole institution tree in one transaction: all of it or, on any error, none.
    func insert(_ tree: CatalogTree, by actor: String) async throws

    /// The record with this id, or nil.
    func find<Content: CatalogContent>(_ type: Content.Type, id: UUID) async throws -> Record<Content>?

    /// The records with these ids, by id; ids without a record are left out.
    /// - Parameter ids: at most 1000 are looked up (stacking reads a run's classes in one call).
    func find<Content: CatalogContent>(_ type: Content.Type, ids: [UUID]) async throws -> [UUID: Record<Content>]

    /// The institution id of the parent of a new record, looked up so that callers can authorise
    /// before inserting; nil if the parent does not exist.
    func institutionID(ofParent parentID: UUID, for kind: CatalogKind) async throws -> UUID?

    /// One page of records in creation order.
    func list<Content: CatalogContent>(_ type: Content.Type, filter: CatalogFilter, page: PageRequest) async throws -> Page<Record<Content>>

    /// Reads, transforms and writes back one record in a single transaction.
    ///
    /// - Parameters:
    ///   - id: the record to change.
    ///   - actor: who makes the change, for the audit log.
    ///   - change: gets the stored record and its context and returns the new version, or throws
    ///     to abandon the update.
    /// - Returns: the stored new version.
    /// - Throws: `.notFound` if there is no such record, or whatever `change` throws.
    func update<Content: CatalogContent>(
        _ type: Content.Type,
        id: UUID,
        by actor: String,
        change: @escaping @Sendable (Record<Content>, UpdateContext) throws -> Record<Content>
    ) async throws -> Record<Content>
}
