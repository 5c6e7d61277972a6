public import BadgeCore
import BadgeStorage
public import Configuration
public import Foundation
public import LTI
public import Logging
import OpenBadges

/// The operator tasks behind `badged import` and `badged keys`, run directly on the configured
/// database (no daemon needed). Open, use, then ``close()``.
public struct AdminSession: Sendable {
    private let database: BadgeDatabase
    private let catalog: SQLCatalogStore
    private let keys: SQLAPIKeyStore
    private let platforms: SQLPlatformRegistry
    private let awarder: Awarder
    private let assertions: SQLAssertionStore
    private let keyring: IssuerKeyring
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
        let encryption = try AppDependencies().keyEncryption(configuration)
        let documents = OpenBadgesDocuments(urls: try PublicURLs(baseURL: configuration.publicBaseURL))
        let database = try await configuration.openMigratedDatabase(logger: logger)
        let keyring = IssuerKeyring(
            store: SQLIssuerKeyStore(database: database),
            encryption: encryption,
            ids: ids,
            clock: clock
        )
        let assertions = SQLAssertionStore(database: database)
        return AdminSession(
            database: database,
            catalog: SQLCatalogStore(database: database),
            keys: SQLAPIKeyStore(database: database),
            platforms: SQLPlatformRegistry(database: database),
            awarder: Awarder(
                assertions: assertions,
                keyring: keyring,
                documents: documents,
                hasher: RecipientHasher(),
                mode: configuration.signingMode,
                ids: ids,
                clock: clock
            ),
            assertions: assertions,
            keyring: keyring,
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

    /// Awards a badge class to recipients (`badged award`), reporting progress after each one.
    /// - Returns: how many were created, already held, and failed (with reasons).
    public func award(
        badgeClassID: UUID,
        recipients: [Recipient],
        progress: (Int) -> Void
    ) async throws -> (created: Int, existing: Int, failures: [String]) {
        guard let badgeClass = try await catalog.find(BadgeClass.self, id: badgeClassID), !badgeClass.isArchived else {
            throw BadgeCoreError(.notFound, "no live badge class with id \(badgeClassID.uuidString.lowercased())", field: "class")
        }
        let inputs = recipients.map { AwardInput(recipient: $0) }
        let results = try await awarder.award(inputs, of: badgeClass, actor: "cli", failFast: false, progress: progress)
        let failures = results.filter { $0.status == "failed" }.map { "line \($0.index + 1): \($0.error ?? "invalid")" }
        return (results.count { $0.status == "created" }, results.count { $0.status == "existing" }, failures)
    }

    /// Revokes an assertion with a reason.
    public func revokeAssertion(id: UUID, reason: String) async throws -> Bool {
        try await assertions.revoke(id: id, reason: reason, at: clock.now(), actor: "cli") != nil
    }

    /// Makes a new current signing key for an issuer; earlier keys stay published.
    /// - Returns: the new key's id.
    public func rotateKey(issuerID: UUID) async throws -> String {
        guard try await catalog.find(Issuer.self, id: issuerID) != nil else {
            throw BadgeCoreError(.notFound, "no issuer with id \(issuerID.uuidString.lowercased())", field: "issuer")
        }
        return try await keyring.rotate(issuerID: issuerID).id
    }

    /// Makes an imported RSA private key (PEM) the issuer's current signing key; earlier keys
    /// stay published.
    /// - Returns: the new key's id.
    public func importKey(issuerID: UUID, privateKeyPEM: String) async throws -> String {
        guard try await catalog.find(Issuer.self, id: issuerID) != nil else {
            throw BadgeCoreError(.notFound, "no issuer with id \(issuerID.uuidString.lowercased())", field: "issuer")
        }
        return try await keyring.importKey(privateKeyPEM: privateKeyPEM, issuerID: issuerID).id
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
