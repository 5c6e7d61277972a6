public import BadgeCore
import BadgeStorage
public import Configuration
public import Foundation
public import LTI
public import Logging

/// The operator tasks behind `badged import` and `badged keys`, run directly on the configured
/// database (no daemon needed). Open, use, then ``close()``.
public struct AdminSession: Sendable {
    private let database: BadgeDatabase
    private let catalog: SQLCatalogStore
    private let keys: SQLAPIKeyStore
    private let platforms: SQLPlatformRegistry
    private let clock: any TimeSource
    private let ids: any IDGenerator

    /// Opens and migrates the database that the configuration names.
    public static func open(
        reader: ConfigReader,
        logger: Logger,
        clock: any TimeSource = SystemTimeSource(),
        ids: any IDGenerator = UUIDv7Generator()
    ) async throws -> AdminSession {
        let configuration = try AppConfiguration(reader: reader)
        let database = try await BadgeDatabase.open(try DatabaseLocation(url: configuration.databaseURL), logger: logger)
        do {
            try await Migrator(logger: logger).migrate(database)
        } catch {
            try? await database.close()
            throw error
        }
        return AdminSession(
            database: database,
            catalog: SQLCatalogStore(database: database),
            keys: SQLAPIKeyStore(database: database),
            platforms: SQLPlatformRegistry(database: database),
            clock: clock,
            ids: ids
        )
    }

    /// Imports a nested catalogue file (see `Samples/catalog/`) in one transaction.
    /// - Returns: the stored tree.
    public func importCatalog(_ data: Data) async throws -> CatalogTree {
        let tree = try CatalogTree(importing: data, ids: ids, now: clock.now())
        try await catalog.insert(tree, by: "cli")
        return tree
    }

    /// Makes an API key and returns it with its token, which is shown once and never stored.
    /// - Parameters:
    ///   - institution: the institution's identifier (SCHAC home, such as `uva.nl`) or id; nil for operator keys.
    ///   - role: what the key may do.
    ///   - label: a name to tell keys apart.
    public func createKey(institution: String?, role: Role, label: String) async throws -> (key: APIKey, token: String) {
        let institutionID = try await institution.asyncMap(resolveInstitution)
        let made = try APITokens(ids: ids, clock: clock).makeKey(institutionID: institutionID, role: role, label: label)
        try await keys.insert(made.key)
        return made
    }

    /// Registers (or re-registers) an LTI 1.3 platform for an institution.
    /// - Parameter institution: the institution's identifier or id.
    public func registerPlatform(_ platform: Platform, institution: String) async throws {
        let institutionID = try await resolveInstitution(institution)
        try await platforms.register(platform, institutionID: institutionID, id: ids.makeID(), at: clock.now())
    }

    /// Every registered LTI platform.
    public func registeredPlatforms() async throws -> [Platform] {
        try await platforms.allPlatforms()
    }

    /// Revokes a key; false if there is no such key.
    public func revokeKey(id: UUID) async throws -> Bool {
        try await keys.revokeKey(id: id, at: clock.now())
    }

    /// Closes the database.
    public func close() async throws {
        try await database.close()
    }

    private func resolveInstitution(_ reference: String) async throws -> UUID {
        if let id = UUID(uuidString: reference), try await catalog.find(Institution.self, id: id) != nil { return id }
        var cursor: UUID?
        repeat {
            let page = try await catalog.list(
                Institution.self,
                filter: CatalogFilter(includeArchived: true),
                page: PageRequest(limit: PageRequest.maximumLimit, after: cursor)
            )
            if let match = page.items.first(where: { $0.identifier == reference.lowercased() }) { return match.id }
            cursor = page.nextCursor
        } while cursor != nil
        throw BadgeCoreError(.notFound, "no institution \(reference); import one first (badged import FILE)", field: "institution")
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
