import BadgeCore
import BadgeIssuing
import BadgeStorage
import Foundation
import LTI
import Logging
import OpenBadges
import ServiceLifecycle

/// The composition root: the one place that opens storage and wires it into the use cases.
/// The daemon (``buildApplication(reader:dependencies:)``), the admin commands (``AdminSession``)
/// and the benchmarks all take their parts from here, so they are wired the same way.
struct Services: Sendable {
    let configuration: AppConfiguration
    let dependencies: AppDependencies
    private let database: BadgeDatabase

    // Ports, implemented by BadgeStorage.
    let catalog: any CatalogStore
    let assertions: any AssertionStore
    let issuerKeys: any IssuerKeyStore
    let apiKeys: any APIKeyStore
    let platforms: any PlatformRegistrationStore
    let launchStates: any LaunchStateStore
    let deepLinks: any DeepLinkSessionStore
    let courseLinks: any CourseLinkStore
    let idempotency: any IdempotencyStore
    let registrationLinkStore: any RegistrationLinkStore
    let outbox: any Outbox
    let readiness: any ReadinessProbe

    // Use cases.
    let urls: PublicURLs
    let documents: OpenBadgesDocuments
    let keyring: IssuerKeyring
    /// The LTI tool's keyring, when `signing.key_encryption_key` keeps tool keys in the database.
    let toolKeyring: ToolKeyring?
    let awarder: Awarder
    let revoker: Revoker
    let schemas: EDCISchemaLoader
    let exports: EDCIExports
    let imports: EDCIImports
    let erasure: RecipientErasure
    let registrationLinks: LTIRegistrationLinks
    let courses: CourseBadges
    let administration: Administration

    /// Opens and migrates the configured database and wires everything on it; the database is
    /// closed again if anything fails (an SQLite connection dropped open traps in its deinit).
    /// - Parameter dependencies: with ``AppDependencies/keyEncryption`` nil, the configured
    ///   key-encryption key or else one ephemeral key for the whole process.
    static func open(configuration: AppConfiguration, dependencies: AppDependencies, logger: Logger) async throws -> Services {
        let database = try await BadgeDatabase.open(
            try DatabaseLocation(url: configuration.databaseURL),
            logger: logger,
            clock: dependencies.clock,
            ids: dependencies.ids
        )
        do {
            try await Migrator(logger: logger, clock: dependencies.clock).migrate(database)
            var dependencies = dependencies
            dependencies.keyEncryption = try dependencies.keyEncryption(configuration)
            return try Services(database: database, configuration: configuration, dependencies: dependencies)
        } catch {
            try? await database.close()
            throw error
        }
    }

    private init(database: BadgeDatabase, configuration: AppConfiguration, dependencies: AppDependencies) throws {
        self.database = database
        self.configuration = configuration
        self.dependencies = dependencies
        let (clock, ids) = (dependencies.clock, dependencies.ids)
        catalog = SQLCatalogStore(database: database)
        assertions = SQLAssertionStore(database: database)
        issuerKeys = SQLIssuerKeyStore(database: database)
        apiKeys = SQLAPIKeyStore(database: database)
        platforms = SQLPlatformRegistry(database: database)
        launchStates = SQLLaunchStateStore(database: database)
        let deepLinkStore = SQLDeepLinkStore(database: database)
        deepLinks = deepLinkStore
        courseLinks = deepLinkStore
        idempotency = SQLIdempotencyStore(database: database)
        registrationLinkStore = SQLRegistrationLinkStore(database: database)
        outbox = SQLOutbox(database: database)
        readiness = database

        let encryption = try dependencies.keyEncryption(configuration)
        urls = try PublicURLs(baseURL: configuration.publicBaseURL)
        documents = OpenBadgesDocuments(urls: urls)
        keyring = IssuerKeyring(store: issuerKeys, encryption: encryption, ids: ids, clock: clock)
        toolKeyring =
            configuration.keyEncryptionKey == nil
            ? nil : ToolKeyring(store: SQLToolKeyStore(database: database), encryption: encryption, ids: ids, clock: clock)
        awarder = Awarder(
            catalog: catalog,
            assertions: assertions,
            keyring: keyring,
            documents: documents,
            hasher: RecipientHasher(),
            mode: configuration.signingMode,
            ids: ids,
            clock: clock
        )
        revoker = Revoker(assertions: assertions, clock: clock)
        schemas = EDCISchemaLoader(directory: configuration.edciSchemaDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) })
        exports = EDCIExports(catalog: catalog, assertions: assertions, keyring: keyring, urls: urls, schemas: schemas)
        let importStore = SQLEDCIImportStore(database: database)
        imports = EDCIImports(catalog: catalog, imports: importStore, schemas: schemas, ids: ids, clock: clock)
        erasure = RecipientErasure(assertions: assertions, imports: importStore, clock: clock)
        registrationLinks = LTIRegistrationLinks(store: registrationLinkStore, baseURL: configuration.publicBaseURL, random: dependencies.random)
        courses = CourseBadges(
            .init(
                catalog: catalog,
                platforms: platforms,
                deepLinks: deepLinks,
                courseLinks: courseLinks,
                assertions: assertions,
                recipientMapping: configuration.recipientMapping,
                urls: urls,
                ids: ids,
                clock: clock,
                random: dependencies.random
            )
        )
        administration = Administration(
            .init(
                catalog: catalog,
                apiKeys: apiKeys,
                platforms: platforms,
                awarder: awarder,
                revoker: revoker,
                erasure: erasure,
                issuerKeys: keyring,
                toolKeys: toolKeyring,
                registrationLinks: registrationLinks,
                tokens: APITokens(ids: ids, clock: clock, random: dependencies.random),
                ids: ids,
                clock: clock
            )
        )
    }

    /// What follows from outbox messages, by topic. Empty until stacking and LMS write-back
    /// land; messages wait in the outbox until then, so the first handler sees every award.
    var outboxHandlers: [OutboxMessage.Topic: any OutboxHandler] { [:] }

    /// The background services of a daemon, in start order: the database (closed last, at
    /// shutdown) and, once a topic has a handler, outbox delivery.
    func backgroundServices(logger: Logger) -> [any Service] {
        var services: [any Service] = [DatabaseService(database: database)]
        if !outboxHandlers.isEmpty {
            services.append(
                OutboxDelivery(
                    outbox: outbox,
                    handlers: outboxHandlers,
                    clock: dependencies.clock,
                    owner: "badged-" + dependencies.ids.makeID().uuidString.lowercased(),
                    logger: logger
                )
            )
        }
        return services
    }

    /// Closes the database (admin sessions and failed starts; a daemon closes it through
    /// ``backgroundServices(logger:)``).
    func close() async throws {
        try await database.close()
    }
}

/// Closes the database when the service group shuts down.
private struct DatabaseService: Service {
    let database: BadgeDatabase

    func run() async throws {
        try? await gracefulShutdown()
        try await database.close()
    }
}
