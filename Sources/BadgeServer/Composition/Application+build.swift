import BadgeCore
import BadgeStorage
public import Configuration
import Foundation
public import Hummingbird
import LTI
import Logging
import NIOCore
import OpenBadges
import ServiceLifecycle

/// Builds the badged application from configuration: opens and migrates the database, and
/// wires the admin API, health, metrics and OpenAPI routes.
///
/// - Parameters:
///   - reader: the configuration (see ``AppConfiguration``).
///   - dependencies: clock, identifiers, metrics registry, logger.
/// - Throws: ``BadgeServerError`` for invalid configuration, `StorageError` if the database
///   cannot be opened or migrated.
public func buildApplication(reader: ConfigReader, dependencies: AppDependencies = AppDependencies()) async throws -> some ApplicationProtocol {
    let configuration = try AppConfiguration(reader: reader)
    var logger = dependencies.logger
    logger.logLevel = configuration.logLevel
    let location = try DatabaseLocation(url: configuration.databaseURL)
    let database = try await BadgeDatabase.open(location, logger: logger)
    var dependencies = dependencies
    let router: Router<AppRequestContext>
    // Anything that fails from here on must close the database (an SQLite connection dropped
    // open traps in its deinit), so that bad configuration ends in an error message.
    do {
        try await Migrator(logger: logger).migrate(database)
        if dependencies.toolKeys == nil {
            if configuration.keyEncryptionKey != nil {
                let keyring = ToolKeyring(
                    store: SQLToolKeyStore(database: database),
                    encryption: try dependencies.keyEncryption(configuration),
                    ids: dependencies.ids,
                    clock: dependencies.clock
                )
                dependencies.toolKeys = try await keyring.keySet()
            } else {
                logger.warning("using an ephemeral LTI tool key: set signing.key_encryption_key to keep it across restarts and daemons")
                dependencies.toolKeys = ToolKeySet(current: try EphemeralToolKey.make())
            }
        }
        if configuration.keyEncryptionKey == nil, dependencies.keyEncryption == nil, configuration.signingMode != .hosted {
            logger.warning("ephemeral dev signing key: set signing.key_encryption_key to keep issuer keys across restarts")
        }
        dependencies.keyEncryption = try dependencies.keyEncryption(configuration)
        router = try buildRouter(database: database, configuration: configuration, dependencies: dependencies)
    } catch {
        try? await database.close()
        throw error
    }
    let onListening = dependencies.onListening
    let host = configuration.host
    return Application(
        router: router,
        configuration: .init(address: .hostname(host, port: configuration.port), serverName: "badged"),
        services: [DatabaseService(database: database)],
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            await onListening("http://\(host.contains(":") ? "[\(host)]" : host):\(port)")
        },
        logger: logger
    )
}

/// The router with every route badged serves; `buildApplication` and the OpenAPI test share it.
func buildRouter(database: BadgeDatabase, configuration: AppConfiguration, dependencies: AppDependencies) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.addMiddleware {
        MetricsMiddleware()
        ProblemMiddleware()
        BodyLimitMiddleware(maxBodySize: configuration.maxBodySize)
    }
    HealthController(database: database, metrics: dependencies.metrics).addRoutes(to: router)
    router.on(Route.openAPI) { _, _ in try OpenAPIDocument.response(baseURL: configuration.publicBaseURL) }

    let catalog = SQLCatalogStore(database: database)
    let urls = try PublicURLs(baseURL: configuration.publicBaseURL)
    let documents = OpenBadgesDocuments(urls: urls)
    let assertions = SQLAssertionStore(database: database)
    let issuerKeys = SQLIssuerKeyStore(database: database)
    let keyring = IssuerKeyring(
        store: issuerKeys,
        encryption: try dependencies.keyEncryption(configuration),
        ids: dependencies.ids,
        clock: dependencies.clock
    )
    let edci = EDCIController(
        catalog: catalog,
        assertions: assertions,
        keyring: keyring,
        urls: urls,
        schemas: EDCISchemaLoader(directory: configuration.edciSchemaDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) })
    )
    PublicController(catalog: catalog, assertions: assertions, keys: issuerKeys, documents: documents, mode: configuration.signingMode, edci: edci)
        .addRoutes(to: router)
    try addLTIRoutes(to: router, database: database, catalog: catalog, configuration: configuration, dependencies: dependencies)
    let api = router.group(for: .admin).add(middleware: APIKeyAuthenticator(keys: SQLAPIKeyStore(database: database)))
    CatalogController<Institution>(store: catalog, ids: dependencies.ids, clock: dependencies.clock, collection: "institutions")
        .addRoutes(to: api)
    CatalogController<Faculty>(store: catalog, ids: dependencies.ids, clock: dependencies.clock, collection: "faculties")
        .addRoutes(to: api)
    CatalogController<Issuer>(store: catalog, ids: dependencies.ids, clock: dependencies.clock, collection: "issuers")
        .addRoutes(to: api)
    CatalogController<BadgeClass>(store: catalog, ids: dependencies.ids, clock: dependencies.clock, collection: "badge-classes")
        .addRoutes(to: api)
    let awarder = Awarder(
        assertions: assertions,
        keyring: keyring,
        documents: documents,
        hasher: RecipientHasher(),
        mode: configuration.signingMode,
        ids: dependencies.ids,
        clock: dependencies.clock
    )
    AwardController(
        catalog: catalog,
        assertions: assertions,
        awarder: awarder,
        idempotency: IdempotencyKeys(store: SQLIdempotencyStore(database: database), clock: dependencies.clock),
        clock: dependencies.clock
    ).addRoutes(to: api)
    EDCIImportController(
        catalog: catalog,
        imports: SQLEDCIImportStore(database: database),
        schemas: edci.schemas,
        ids: dependencies.ids,
        clock: dependencies.clock
    ).addRoutes(to: api)
    return router
}

/// Closes the database when the service group shuts down.
struct DatabaseService: Service {
    let database: BadgeDatabase

    func run() async throws {
        try? await gracefulShutdown()
        try await database.close()
    }
}
