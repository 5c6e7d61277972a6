public import Foundation

/// Which records a list returns.
public struct CatalogFilter: Hashable, Sendable {
    /// Only records of this institution; nil for every institution (operator keys).
    public var institutionID: UUID?
    /// Only children of this parent (for example the badge classes of one issuer).
    public var parentID: UUID?
    /// Whether archived records are included.
    public var includeArchived: Bool

    /// Creates a filter.
    public init(institutionID: UUID? = nil, parentID: UUID? = nil, includeArchived: Bool = false) {
        self.institutionID = institutionID
        self.parentID = parentID
        self.includeArchived = includeArchived
    }
}

/// What an update closure learns about the stored record besides its content.
public struct UpdateContext: Sendable {
    /// Whether the record (a badge class) has assertions that are not revoked.
    public let hasUnrevokedAssertions: Bool

    /// Creates an update context.
    public init(hasUnrevokedAssertions: Bool) {
        self.hasUnrevokedAssertions = hasUnrevokedAssertions
    }
}

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

/// The storage port for API keys.
public protocol APIKeyStore: Sendable {
    /// Stores a new key.
    func insert(_ key: APIKey) async throws
    /// The key whose token has this hex SHA-256 digest, or nil.
    func findKey(tokenHash: String) async throws -> APIKey?
    /// Marks a key revoked; returns false if there is no such key.
    func revokeKey(id: UUID, at date: Date) async throws -> Bool
}
