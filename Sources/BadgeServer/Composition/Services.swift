import BadgeCore
import BadgeIssuing
import BadgeStorage
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
    /// The opened database, closed by the daemon's background services or by ``close()``.
    let database: BadgeDatabase

    /// The storage ports on the opened database (``Stores``); the properties below read from it.
    let stores: Stores

    // Ports, implemented by BadgeStorage (opened in ``Stores``).
    var catalog: any CatalogStore { stores.catalog }
    var assertions: any AssertionStore { stores.assertions }
    var credentialNumbers: any CredentialNumberStore { stores.credentialNumbers }
    var issuerKeys: any IssuerKeyStore { stores.issuerKeys }
    /// Key rotations and their re-signing jobs.
    var resigningJobs: any ResigningJobStore { stores.resigningJobs }
    var apiKeys: any APIKeyStore { stores.apiKeys }
    var platforms: any PlatformRegistrationStore { stores.platforms }
    var launchStates: any LaunchStateStore { stores.launchStates }
    var deepLinks: any DeepLinkSessionStore { stores.deepLinks }
    var courseLinks: any CourseLinkStore { stores.courseLinks }
    var idempotency: any IdempotencyStore { stores.idempotency }
    var registrationLinkStore: any RegistrationLinkStore { stores.registrationLinkStore }
    var outbox: any Outbox { stores.outbox }
    var readiness: any ReadinessProbe { stores.readiness }
    var outcomeRuleStore: any OutcomeRuleStore { stores.outcomeRuleStore }
    var outcomeEvents: any OutcomeEventStore { stores.outcomeEvents }
    var learners: any LearnerDirectory { stores.learners }
    var courseDirectory: any CourseDirectory { stores.courseDirectory }
    var replayGuard: any ReplayGuard { stores.replayGuard }
    var basicOutcomeConsumers: any BasicOutcomeConsumerStore { stores.basicOutcomeConsumers }
    var stackingRuleStore: any StackingRuleStore { stores.stackingRuleStore }
    var externalCredentialStore: any ExternalCredentialStore { stores.externalCredentialStore }
    var studentSessions: any StudentSessionStore { stores.studentSessions }
    var walletStore: any WalletStore { stores.walletStore }
    var claimCodeStore: any ClaimCodeStore { stores.claimCodeStore }
    var claimMailStore: any ClaimMailStore { stores.claimMailStore }

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

    /// Wires every area on `database`, each built by its ``Builder`` factory (one file per area:
    /// `Services+Signing.swift`, `+LTI`, `+Stacking`, `+EDCI`, `+Students`, `+Outcomes`, `+Administration`).
    private init(database: BadgeDatabase, configuration: AppConfiguration, dependencies: AppDependencies, logger: Logger) throws {
        self.database = database
        self.configuration = configuration
        self.dependencies = dependencies
        let encryption = try dependencies.keyEncryption(configuration)
        stores = Stores(database: database, encryption: encryption, clock: dependencies.clock)
        let build = Builder(
            stores: stores,
            configuration: configuration,
            dependencies: dependencies,
            encryption: encryption,
            logger: logger
        )

        (urls, documents, keyring, awarder, revoker) = try build.signing()
        (toolKeyring, toolKeys, advantage) = build.ltiKeys()
        (stackingRules, stacker) = build.stacking(awarder: awarder, revoker: revoker, urls: urls)
        (externalCredentials, externalChecks) = build.externalCredentials(stacker: stacker)
        (schemas, exports, imports, edciExternalCredentials) = build.edci(keyring: keyring, urls: urls, stacker: stacker)
        (claimCodes, claimMail, claimReviewers, mailSender) = build.claims(awarder: awarder)
        (studentAccess, studentSignIn, wallet) = build.students(stacker: stacker, documents: documents)
        (learnerIdentity, intake, basicOutcomes, grading) = build.gradeIntake(awarder: awarder, revoker: revoker)
        (outcomeRules, outcomeAdministration) = build.outcomeAdministration(intake: intake, basicOutcomes: basicOutcomes)
        (registrationLinks, courses) = build.ltiCourses(urls: urls, intake: intake, stacker: stacker)
        (erasure, administration) = build.administration(
            awarder: awarder,
            revoker: revoker,
            keyring: keyring,
            toolKeyring: toolKeyring,
            registrationLinks: registrationLinks
        )
    }

    /// Closes the database (admin sessions and failed starts; a daemon closes it through
    /// ``backgroundServices(logger:)``).
    func close() async throws {
        try await database.close()
    }
}

/// Closes the database when the service group shuts down.
struct DatabaseService: Service {
    let database: BadgeDatabase

    func run() async throws {
        try? await gracefulShutdown()
        try await database.close()
    }
}
