public import BadgeCore
public import BadgeIssuing
public import BadgeStorage
import Foundation
public import OpenBadges

/// Where a use-case test keeps its state: in memory (the fakes) or on a real engine.
public enum StorageBackend: Sendable, CustomStringConvertible {
    /// The in-memory fakes.
    case memory
    /// The SQL stores on a fresh database.
    case sql(BadgeDatabase.Engine)

    /// Every backend this run can use: memory and SQLite always, PostgreSQL when configured.
    public static var all: [StorageBackend] { [.memory] + TestDatabases.engines.map { .sql($0) } }

    public var description: String {
        switch self {
        case .memory: "memory"
        case .sql(let engine): engine.rawValue
        }
    }
}

/// The ports and use cases of the issuing path on one backend, with a fixed clock, counting
/// ids and a fixed key-encryption key, and the sample catalogue imported.
public struct IssuingWorld: Sendable {
    public let catalog: any CatalogStore
    public let assertions: any AssertionStore
    /// The credential numbers of the assertions.
    public let credentialNumbers: any CredentialNumberStore
    public let issuerKeys: any IssuerKeyStore
    /// Key rotations and their re-signing jobs.
    public let resigningJobs: any ResigningJobStore
    public let outbox: any Outbox
    public let clock: FixedTimeSource
    public let ids: CountingIDGenerator
    /// The keyring (``readingKeys(through:)`` makes a copy reading keys through a wrapper).
    public internal(set) var keyring: IssuerKeyring
    public let documents: OpenBadgesDocuments
    /// The imported sample catalogue.
    public let tree: CatalogTree
    /// The database of a SQL backend (nil in memory), for worlds that add stores on it.
    public var database: BadgeDatabase?

    /// An awarder issuing with `mode` unless a class overrides it.
    public func awarder(mode: VerificationMode = .hosted) -> Awarder {
        Awarder(
            catalog: catalog,
            assertions: assertions,
            keyring: keyring,
            documents: documents,
            hasher: RecipientHasher(),
            mode: mode,
            ids: ids,
            clock: clock
        )
    }

    /// The key-encryption key of every world's keyring.
    static let keyEncryptionSecret = [UInt8](repeating: 7, count: 32)

    /// The revoker.
    public var revoker: Revoker { Revoker(assertions: assertions, clock: clock) }

    /// The sample micro-credential.
    public var microCredential: Record<BadgeClass> {
        get throws {
            guard let found = tree.badgeClasses.first(where: { $0.kind == .microCredential }) else { throw TestSetupError("no micro-credential") }
            return found
        }
    }

    /// Runs `body` in a fresh world on `backend`.
    /// - Parameter random: the random part of credential numbers.
    public static func with<R>(
        _ backend: StorageBackend,
        random: any RandomSource = SystemRandomSource(),
        _ body: (IssuingWorld) async throws -> R
    ) async throws -> R {
        let clock = FixedTimeSource()
        let ids = CountingIDGenerator()
        switch backend {
        case .memory:
            let outbox = InMemoryOutbox(ids: ids)
            let assertions = InMemoryAssertionStore(outbox: outbox, clock: clock, random: random)
            let catalog = InMemoryCatalogStore { await assertions.hasUnrevokedAssertions(badgeClassID: $0) }
            let keys = InMemoryIssuerKeyStore()
            await assertions.checkSigningKeys(in: keys)
            let jobs = InMemoryResigningJobStore(keys: keys, assertions: assertions, outbox: outbox, clock: clock, ids: ids)
            let world = try await make(catalog, assertions, assertions, keys, jobs, outbox, clock, ids)
            let institution = world.tree.institution
            await assertions.useCredentialPrefix(CredentialNumber.prefix(for: institution.content), institutionID: institution.id)
            return try await body(world)
        case .sql(let engine):
            return try await TestDatabases.with(engine, clock: clock, ids: ids, random: random) { database in
                var world = try await make(
                    SQLCatalogStore(database: database),
                    SQLAssertionStore(database: database),
                    SQLCredentialNumberStore(database: database),
                    SQLIssuerKeyStore(database: database),
                    SQLResigningJobStore(database: database),
                    SQLOutbox(database: database),
                    clock,
                    ids
                )
                world.database = database
                return try await body(world)
            }
        }
    }

    private static func make(
        _ catalog: any CatalogStore,
        _ assertions: any AssertionStore,
        _ credentialNumbers: any CredentialNumberStore,
        _ issuerKeys: any IssuerKeyStore,
        _ resigningJobs: any ResigningJobStore,
        _ outbox: any Outbox,
        _ clock: FixedTimeSource,
        _ ids: CountingIDGenerator
    ) async throws -> IssuingWorld {
        let tree = try CatalogTree(importing: try Data(contentsOf: SampleCatalog.fileURL), ids: ids, now: clock.now())
        try await catalog.insert(tree, by: "test")
        return IssuingWorld(
            catalog: catalog,
            assertions: assertions,
            credentialNumbers: credentialNumbers,
            issuerKeys: issuerKeys,
            resigningJobs: resigningJobs,
            outbox: outbox,
            clock: clock,
            ids: ids,
            keyring: IssuerKeyring(
                store: issuerKeys,
                encryption: try KeyEncryption(secret: keyEncryptionSecret),
                ids: ids,
                clock: clock
            ),
            documents: OpenBadgesDocuments(urls: try PublicURLs(baseURL: "https://badges.test")),
            tree: tree
        )
    }
}
