import BadgeCore
import BadgeIssuing
import BadgeStorage
import Foundation
import LTI
import Logging
import OpenBadges
import SMTP

/// The composition root: the one place that opens storage and wires it into the use cases.
/// The daemon (``buildApplication(reader:dependencies:)``), the admin commands (``AdminSession``)
/// and the benchmarks all take their parts from here, so they are wired the same way.
struct Services: Sendable {
    let configuration: AppConfiguration
    let dependencies: AppDependencies
    /// The opened database, closed by the daemon's background services or by ``close()``.
    let database: BadgeDatabase

    // Ports, implemented by BadgeStorage.
    let catalog: any CatalogStore
    let assertions: any AssertionStore
    let credentialNumbers: any CredentialNumberStore
    let issuerKeys: any IssuerKeyStore
    /// Key rotations and their re-signing jobs.
    let resigningJobs: any ResigningJobStore
    let apiKeys: any APIKeyStore
    let platforms: any PlatformRegistrationStore
    let launchStates: any LaunchStateStore
    let deepLinks: any DeepLinkSessionStore
    let courseLinks: any CourseLinkStore
    let idempotency: any IdempotencyStore
    let registrationLinkStore: any RegistrationLinkStore
    let outbox: any Outbox
    let readiness: any ReadinessProbe
    let outcomeRuleStore: any OutcomeRuleStore
    let outcomeEvents: any OutcomeEventStore
    let learners: any LearnerDirectory
    let courseDirectory: any CourseDirectory
    let replayGuard: any ReplayGuard
    let basicOutcomeConsumers: any BasicOutcomeConsumerStore
    let stackingRuleStore: any StackingRuleStore
    let externalCredentialStore: any ExternalCredentialStore
    let studentSessions: any StudentSessionStore
    let walletStore: any WalletStore
    let claimCodeStore: any ClaimCodeStore
    let claimMailStore: any ClaimMailStore

    // Use cases.
    let urls: PublicURLs
    let documents: OpenBadgesDocuments
    let keyring: IssuerKeyring
    /// The LTI tool's keyring, when `signing.key_encryption_key` keeps tool keys in the database.
    let toolKeyring: ToolKeyring?
    /// Where the LTI routes and the grade services get the tool's keys (resolved on first use).
    let toolKeys: ToolKeyResolver
    /// The AGS and NRPS clients with their token cache.
    let advantage: AdvantageServices
    let awarder: Awarder
    let revoker: Revoker
    let schemas: EDCISchemaLoader
    let exports: EDCIExports
    let imports: EDCIImports
    let erasure: RecipientErasure
    let registrationLinks: LTIRegistrationLinks
    let courses: CourseBadges
    let administration: Administration
    let intake: GradeIntake
    let outcomeRules: OutcomeRules
    let learnerIdentity: LearnerIdentity
    let basicOutcomes: BasicOutcomes
    let grading: CourseGrading
    let outcomeAdministration: OutcomeAdministration
    let stackingRules: StackingRules
    /// Stacking after every stored and revoked assertion (see ``outboxHandlers``).
    let stacker: Stacker
    /// External OB 2.0 credentials on recipients' records, verified through the guarded client.
    let externalCredentials: ExternalCredentials<HTTPDocumentFetcher>
    /// The live status of the badges from elsewhere in students' wallets (results cached per daemon).
    let externalChecks: ExternalBadgeChecks<HTTPDocumentFetcher>
    /// Stored EDCI imports added to recipients' records as external credentials.
    let edciExternalCredentials: EDCIExternalCredentials
    /// Students' sessions and the entry tokens that start them.
    let studentAccess: StudentAccess
    /// Students' wallets.
    let wallet: Wallet
    /// Students signing in with OpenID Connect.
    let studentSignIn: StudentSignIn
    /// Claim codes and the claims made with them.
    let claimCodes: ClaimCodes
    /// Reviewers of claims through reviewer access links.
    let claimReviewers: ClaimReviewers
    /// Claims by e-mail address, confirmed through a mailed link.
    let claimMail: ClaimMail
    /// The configured mail relay; nil turns claims by e-mail address off.
    let mailSender: (any MailSender)?

    /// Opens and migrates the configured database and wires everything on it; the database is
    /// closed again if anything fails (an SQLite connection dropped open traps in its deinit).
    /// - Parameter dependencies: with ``AppDependencies/keyEncryption`` nil, the configured
    ///   key-encryption key or else one ephemeral key for the whole process.
    static func open(configuration: AppConfiguration, dependencies: AppDependencies, logger: Logger) async throws -> Services {
        let database = try await BadgeDatabase.open(
            try DatabaseLocation(url: configuration.databaseURL),
            logger: logger,
            clock: dependencies.clock,
            ids: dependencies.ids,
            random: dependencies.random
        )
        do {
            try await Migrator(logger: logger, clock: dependencies.clock).migrate(database)
            var dependencies = dependencies
            dependencies.keyEncryption = try dependencies.keyEncryption(configuration)
            return try Services(database: database, configuration: configuration, dependencies: dependencies, logger: logger)
        } catch {
            try? await database.close()
            throw error
        }
    }

    private init(database: BadgeDatabase, configuration: AppConfiguration, dependencies: AppDependencies, logger: Logger) throws {
        self.database = database
        self.configuration = configuration
        self.dependencies = dependencies
        let (clock, ids) = (dependencies.clock, dependencies.ids)
        catalog = SQLCatalogStore(database: database)
        assertions = SQLAssertionStore(database: database)
        credentialNumbers = SQLCredentialNumberStore(database: database)
        issuerKeys = SQLIssuerKeyStore(database: database)
        resigningJobs = SQLResigningJobStore(database: database)
        apiKeys = SQLAPIKeyStore(database: database)
        platforms = SQLPlatformRegistry(database: database)
        let deepLinkStore = SQLDeepLinkStore(database: database)
        deepLinks = deepLinkStore
        courseLinks = deepLinkStore
        idempotency = SQLIdempotencyStore(database: database)
        registrationLinkStore = SQLRegistrationLinkStore(database: database)
        outbox = SQLOutbox(database: database)
        readiness = database
        outcomeRuleStore = SQLOutcomeRuleStore(database: database)
        outcomeEvents = SQLOutcomeEventStore(database: database)
        learners = SQLLearnerDirectory(database: database)
        courseDirectory = SQLCourseDirectory(database: database)
        replayGuard = GroupedReplayGuard(SQLReplayGuard(database: database), clock: clock)
        basicOutcomeConsumers = SQLBasicOutcomeConsumerStore(database: database)
        stackingRuleStore = SQLStackingRuleStore(database: database)
        externalCredentialStore = SQLExternalCredentialStore(database: database)
        studentSessions = SQLStudentSessionStore(database: database)
        walletStore = SQLWalletStore(database: database)
        claimCodeStore = SQLClaimCodeStore(database: database)
        claimMailStore = SQLClaimMailStore(database: database)

        let encryption = try dependencies.keyEncryption(configuration)
        // Logins carry their state sealed in the `state` value; a launch spends its nonce once.
        launchStates = SealedLaunchStates(encryption: encryption, spent: replayGuard)
        urls = try PublicURLs(baseURL: configuration.publicBaseURL)
        documents = OpenBadgesDocuments(urls: urls)
        keyring = IssuerKeyring(store: issuerKeys, encryption: encryption, ids: ids, clock: clock)
        toolKeyring =
            configuration.keyEncryptionKey == nil
            ? nil : ToolKeyring(store: SQLToolKeyStore(database: database), encryption: encryption, ids: ids, clock: clock)
        toolKeys = ToolKeyResolver(injected: dependencies.toolKeys, keyring: toolKeyring, logger: logger)
        // Every outbound request (LTI services, verifications, OpenID) goes through one policy.
        let (client, policy) = (dependencies.httpClient, OutboundPolicy(allowlist: configuration.privateEndpointAllowlist))
        advantage = AdvantageServices(
            client: client,
            policy: policy,
            toolKeys: toolKeys,
            clock: LTIClockAdapter(source: clock)
        )
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
        claimCodes = ClaimCodes(store: claimCodeStore, awarder: awarder, random: dependencies.random, ids: ids, clock: clock)
        claimMail = ClaimMail(claims: claimCodes, store: claimMailStore, encryption: encryption, ids: ids, clock: clock)
        mailSender = configuration.mailRelay.map { SMTPMailSender(client: SMTPClient(configuration: $0), clock: clock, random: dependencies.random) }
        stackingRules = StackingRules(rules: stackingRuleStore, catalog: catalog, clock: clock)
        stacker = Stacker(
            rules: stackingRuleStore,
            catalog: catalog,
            assertions: assertions,
            awarder: awarder,
            revoker: revoker,
            urls: urls,
            clock: clock,
            externals: externalCredentialStore
        )
        // A fetcher per verification: its time budget starts with the verification.
        externalCredentials = ExternalCredentials(
            store: externalCredentialStore,
            stacker: stacker,
            makeVerifier: { BadgeVerifier(fetcher: HTTPDocumentFetcher(client: client, policy: policy), clock: clock) },
            ids: ids,
            clock: clock
        )
        // A wallet view's checks share one time budget: each fetcher gets what is left of it.
        externalChecks = ExternalBadgeChecks(
            store: externalCredentialStore,
            stacker: stacker,
            makeVerifier: { remaining in
                BadgeVerifier(
                    fetcher: HTTPDocumentFetcher(client: client, policy: policy, timeout: min(remaining, .seconds(5)), totalTimeout: remaining),
                    clock: clock
                )
            },
            clock: clock
        )
        schemas = EDCISchemaLoader(directory: configuration.edciSchemaDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) })
        exports = EDCIExports(catalog: catalog, assertions: assertions, keyring: keyring, urls: urls, schemas: schemas)
        let importStore = SQLEDCIImportStore(database: database)
        let trust = EDCITrustStore(directory: configuration.edciTrustedCADirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }, clock: clock)
        imports = EDCIImports(catalog: catalog, imports: importStore, schemas: schemas, trust: trust, ids: ids, clock: clock)
        edciExternalCredentials = EDCIExternalCredentials(
            store: externalCredentialStore,
            imports: importStore,
            schemas: schemas,
            stacker: stacker,
            ids: ids,
            clock: clock
        )
        erasure = RecipientErasure(
            assertions: assertions,
            imports: importStore,
            learners: learners,
            events: outcomeEvents,
            externals: externalCredentialStore,
            studentSessions: studentSessions,
            claims: claimCodeStore,
            claimMails: claimMailStore,
            clock: clock
        )
        learnerIdentity = LearnerIdentity(encryption: encryption)
        studentAccess = StudentAccess(
            store: studentSessions,
            spent: replayGuard,
            assertions: assertions,
            encryption: encryption,
            random: dependencies.random,
            clock: clock,
            lifetimes: configuration.studentLifetimes
        )
        claimReviewers = ClaimReviewers(
            store: studentSessions,
            claims: claimCodes,
            catalog: catalog,
            random: dependencies.random,
            ids: ids,
            clock: clock,
            lifetimes: configuration.studentLifetimes
        )
        let base = configuration.publicBaseURL
        studentSignIn = StudentSignIn(
            providers: configuration.studentProviders,
            client: OpenIDClient(client: client, policy: policy, clock: LTIClockAdapter(source: clock)),
            store: studentSessions,
            access: studentAccess,
            random: dependencies.random,
            clock: clock,
            redirectURI: { Route.walletOIDCCallback.url(baseURL: base, ["provider": $0]) }
        )
        wallet = Wallet(
            catalog: catalog,
            assertions: assertions,
            store: walletStore,
            stacker: stacker,
            documents: documents,
            mode: configuration.signingMode,
            ids: ids,
            random: dependencies.random,
            clock: clock
        )
        intake = GradeIntake(
            .init(
                rules: outcomeRuleStore,
                events: outcomeEvents,
                learners: learners,
                assertions: assertions,
                awarder: awarder,
                revoker: revoker,
                identity: learnerIdentity,
                ids: ids,
                clock: clock
            )
        )
        basicOutcomes = BasicOutcomes(
            consumers: basicOutcomeConsumers,
            rules: outcomeRuleStore,
            events: outcomeEvents,
            intake: intake,
            encryption: encryption,
            replay: replayGuard,
            ids: ids,
            clock: clock
        )
        grading = CourseGrading(
            rules: outcomeRuleStore,
            events: outcomeEvents,
            sessions: deepLinks,
            intake: intake,
            random: dependencies.random,
            clock: clock
        )
        outcomeRules = OutcomeRules(rules: outcomeRuleStore, catalog: catalog, platforms: platforms, ids: ids, clock: clock)
        outcomeAdministration = OutcomeAdministration(
            .init(
                catalog: catalog,
                rules: outcomeRules,
                events: outcomeEvents,
                intake: intake,
                explanation: OutcomeExplanation(assertions: assertions, events: outcomeEvents, rules: outcomeRuleStore),
                basicOutcomes: basicOutcomes,
                platforms: platforms,
                random: dependencies.random
            )
        )
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
                random: dependencies.random,
                courseDirectory: courseDirectory,
                intake: intake,
                stacker: stacker
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
                clock: clock,
                keyRotation: KeyRotation(keyring: keyring, jobs: resigningJobs, catalog: catalog)
            )
        )
    }

    /// Closes the database (admin sessions and failed starts; a daemon closes it through
    /// ``backgroundServices(logger:)``).
    func close() async throws {
        try await database.close()
    }
}
