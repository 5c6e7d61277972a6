public import BadgeCore
import BadgeStorage
public import Configuration
public import Foundation
public import LTI
public import Logging

/// The LTI tool tasks of `badged platform show`, `rotate-key` and `register-url`, run on the
/// configured database. Open, use, then ``close()``.
///
/// Tool keys persist only when `signing.key_encryption_key` is set; without it every daemon
/// makes an ephemeral key and there is nothing to show or rotate.
public struct ToolKeyAdmin: Sendable {
    private let database: BadgeDatabase
    private let keyring: ToolKeyring?
    private let baseURL: String
    private let clock: any TimeSource

    /// Opens and migrates the database that the configuration names.
    public static func open(
        reader: ConfigReader,
        logger: Logger,
        clock: any TimeSource = SystemTimeSource(),
        ids: any IDGenerator = UUIDv7Generator()
    ) async throws -> ToolKeyAdmin {
        let configuration = try AppConfiguration(reader: reader)
        let encryption = configuration.keyEncryptionKey == nil ? nil : try AppDependencies().keyEncryption(configuration)
        let database = try await configuration.openMigratedDatabase(logger: logger)
        return ToolKeyAdmin(
            database: database,
            keyring: encryption.map { ToolKeyring(store: SQLToolKeyStore(database: database), encryption: $0, ids: ids, clock: clock) },
            baseURL: configuration.publicBaseURL,
            clock: clock
        )
    }

    /// The tool's keys as every daemon publishes them (made on first use), or nil when keys are
    /// ephemeral (no `signing.key_encryption_key`).
    public func keySet() async throws -> ToolKeySet? {
        try await keyring?.keySet()
    }

    /// Makes a new current tool key. The previous key stays in `/lti/jwks`, so platforms that
    /// cached it keep verifying; new deep-linking responses and client assertions use the new kid.
    /// - Throws: ``BadgeServerError`` `.configuration` without `signing.key_encryption_key`.
    public func rotate() async throws -> ToolKey {
        guard let keyring else {
            throw BadgeServerError.configuration("signing.key_encryption_key", "must be set to keep (and rotate) the LTI tool key")
        }
        _ = try await keyring.keySet()
        return try await keyring.rotate()
    }

    /// Makes a one-time LTI Dynamic Registration link for an institution.
    /// - Parameters:
    ///   - institution: the institution's identifier (such as `uva.nl`) or id.
    ///   - validFor: seconds until the link expires (one minute … seven days).
    /// - Returns: the URL to paste into the LMS and when it expires.
    public func makeRegistrationURL(institution: String, validFor: TimeInterval) async throws -> (url: String, expiresAt: Date) {
        let catalog = SQLCatalogStore(database: database)
        var institutionID = try await UUID(uuidString: institution).asyncFilter { try await catalog.find(Institution.self, id: $0) != nil }
        var cursor: UUID?
        while institutionID == nil {
            let page = try await catalog.list(
                Institution.self,
                filter: CatalogFilter(includeArchived: false),
                page: PageRequest(limit: PageRequest.maximumLimit, after: cursor)
            )
            institutionID = page.items.first { $0.identifier == institution.lowercased() }?.id
            cursor = page.nextCursor
            if cursor == nil { break }
        }
        guard let institutionID else {
            throw BadgeCoreError(.notFound, "no institution \(institution); import one first (badged import FILE)", field: "institution")
        }
        let links = LTIRegistrationLinks(store: SQLRegistrationLinkStore(database: database), baseURL: baseURL)
        return try await links.make(institutionID: institutionID, validFor: validFor, now: clock.now())
    }

    /// Closes the database.
    public func close() async throws {
        try await database.close()
    }
}

extension Optional {
    fileprivate func asyncFilter(_ predicate: (Wrapped) async throws -> Bool) async rethrows -> Wrapped? {
        guard let value = self, try await predicate(value) else { return nil }
        return value
    }
}
