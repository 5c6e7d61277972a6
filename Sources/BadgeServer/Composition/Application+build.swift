import BadgeCore
import BadgeIssuing
public import Configuration
import Foundation
public import Hummingbird
import LTI
import Logging
import NIOCore
import OpenBadges
import ServiceLifecycle

/// Builds the badged application from configuration: opens and migrates the database, wires
/// the use cases (``Services``) and the routes, and runs the background services beside the
/// HTTP server.
///
/// - Parameters:
///   - reader: the configuration (see ``AppConfiguration``).
///   - dependencies: clock, identifiers, randomness, metrics registry, logger.
/// - Throws: ``BadgeServerError`` for invalid configuration, `StorageError` if the database
///   cannot be opened or migrated.
public func buildApplication(reader: ConfigReader, dependencies: AppDependencies = AppDependencies()) async throws -> some ApplicationProtocol {
    let configuration = try AppConfiguration(reader: reader)
    var logger = dependencies.logger
    logger.logLevel = configuration.logLevel
    if configuration.keyEncryptionKey == nil, dependencies.keyEncryption == nil, configuration.signingMode != .hosted {
        logger.warning("ephemeral dev signing key: set signing.key_encryption_key to keep issuer keys across restarts")
    }
    let services = try await Services.open(configuration: configuration, dependencies: dependencies, logger: logger)
    let router: Router<AppRequestContext>
    // Anything that fails from here on must close the database, so that bad configuration ends
    // in an error message.
    do {
        router = try await buildRouter(services: services, logger: logger)
    } catch {
        try? await services.close()
        throw error
    }
    let onListening = dependencies.onListening
    let host = configuration.host
    return Application(
        router: router,
        configuration: .init(address: .hostname(host, port: configuration.port), serverName: "badged"),
        services: services.backgroundServices(logger: logger),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            await onListening("http://\(host.contains(":") ? "[\(host)]" : host):\(port)")
        },
        logger: logger
    )
}

/// The router with every route badged serves; `buildApplication` and the OpenAPI test share it.
func buildRouter(services: Services, logger: Logger) async throws -> Router<AppRequestContext> {
    let configuration = services.configuration
    let dependencies = services.dependencies
    let router = Router(context: AppRequestContext.self)
    let pages = try PageRenderer()
    router.addMiddleware {
        MetricsMiddleware()
        SecurityHeadersMiddleware(policy: pages.policy)
        ProblemMiddleware(pages: pages)
        BodyLimitMiddleware(maxBodySize: configuration.maxBodySize)
        ClientAddressMiddleware(proxies: configuration.trustedProxies)
    }
    HealthController(database: services.readiness, metrics: dependencies.metrics).addRoutes(to: router)
    router.on(Route.openAPI) { _, _ in try OpenAPIDocument.response(baseURL: configuration.publicBaseURL) }

    PublicController(
        catalog: services.catalog,
        assertions: services.assertions,
        credentialNumbers: services.credentialNumbers,
        keys: services.issuerKeys,
        documents: services.documents,
        mode: configuration.signingMode,
        check: CredentialCheck(keys: services.issuerKeys, urls: services.documents.urls, clock: dependencies.clock),
        edci: EDCIController(exports: services.exports),
        pages: pages,
        wallet: services.wallet
    ).addRoutes(to: router)
    let sameOrigin = SameOriginForms(publicBaseURL: services.configuration.publicBaseURL)
    StudentController(access: services.studentAccess, pages: pages, sameOrigin: sameOrigin).addRoutes(to: router)
    SignInController(signIn: services.studentSignIn, access: services.studentAccess, pages: pages).addRoutes(to: router)
    WalletController(
        sessions: StudentSessions(access: services.studentAccess),
        wallet: services.wallet,
        exports: services.exports,
        includesEDCI: configuration.edciSchemaDirectory != nil,
        baseURL: configuration.publicBaseURL,
        urls: services.urls,
        pages: pages,
        clock: dependencies.clock,
        externals: services.externalCredentials,
        checks: services.externalChecks
    ).addRoutes(to: router)
    let claimLimiter = ClaimRateLimiter(burst: configuration.claimBurst, perMinute: configuration.claimsPerMinute, clock: dependencies.clock)
    ClaimPageController(
        claims: services.claimCodes,
        catalog: services.catalog,
        access: services.studentAccess,
        limiter: claimLimiter,
        urls: services.urls,
        pages: pages,
        clock: dependencies.clock,
        mailEnabled: services.mailSender != nil
    ).addRoutes(to: router)
    ClaimMailController(
        mail: services.claimMail,
        enabled: services.mailSender != nil,
        // Only a provider whose sign-in names the student by e-mail address opens a wallet that
        // holds what was claimed for an address.
        canSignIn: services.configuration.studentProviders.contains { $0.recipientType == .email },
        catalog: services.catalog,
        limiter: claimLimiter,
        urls: services.urls,
        pages: pages,
        sameOrigin: sameOrigin
    ).addRoutes(to: router)
    ClaimReviewController(reviewers: services.claimReviewers, catalog: services.catalog, pages: pages, sameOrigin: sameOrigin).addRoutes(to: router)
    _ = try await addLTIRoutes(to: router, services: services, pages: pages, logger: logger)
    let api = router.group(for: .admin).add(middleware: APIKeyAuthenticator(keys: services.apiKeys))
    let (ids, clock) = (dependencies.ids, dependencies.clock)
    CatalogController<Institution>(store: services.catalog, ids: ids, clock: clock, collection: "institutions").addRoutes(to: api)
    CatalogController<Faculty>(store: services.catalog, ids: ids, clock: clock, collection: "faculties").addRoutes(to: api)
    CatalogController<Issuer>(store: services.catalog, ids: ids, clock: clock, collection: "issuers").addRoutes(to: api)
    CatalogController<BadgeClass>(store: services.catalog, ids: ids, clock: clock, collection: "badge-classes").addRoutes(to: api)
    AwardController(
        assertions: services.assertions,
        credentialNumbers: services.credentialNumbers,
        awarder: services.awarder,
        revoker: services.revoker,
        idempotency: IdempotencyKeys(store: services.idempotency, clock: clock)
    ).addRoutes(to: api)
    RecipientController(erasure: services.erasure, access: services.studentAccess, baseURL: configuration.publicBaseURL).addRoutes(to: api)
    EDCIImportController(imports: services.imports).addRoutes(to: api)
    PlatformController(
        registry: services.platforms,
        links: services.registrationLinks,
        catalog: services.catalog,
        ids: ids,
        clock: clock
    ).addRoutes(to: api)
    OutcomeController(
        rules: services.outcomeRules,
        ruleStore: services.outcomeRuleStore,
        events: services.outcomeEvents,
        intake: services.intake,
        platforms: services.platforms,
        sync: services.resultSync(owner: "api-" + ids.makeID().uuidString.lowercased()),
        basicOutcomes: services.basicOutcomes,
        outcomeServiceURL: Route.ltiOutcomes.url(baseURL: configuration.publicBaseURL),
        urls: services.urls,
        clock: clock
    ).addRoutes(to: api)
    StackingController(
        rules: services.stackingRules,
        stacker: services.stacker,
        review: StackingReview(rules: services.stackingRuleStore, revoker: services.revoker, catalog: services.catalog),
        urls: services.urls
    ).addRoutes(to: api)
    ExternalCredentialController(credentials: services.externalCredentials, edci: services.edciExternalCredentials, urls: services.urls).addRoutes(
        to: api
    )
    ClaimCodeController(claims: services.claimCodes, baseURL: configuration.publicBaseURL, clock: clock).addRoutes(to: api)
    ClaimReviewLinkController(reviewers: services.claimReviewers, baseURL: configuration.publicBaseURL).addRoutes(to: api)
    return router
}
