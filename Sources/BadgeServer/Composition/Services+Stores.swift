import BadgeCore
import BadgeIssuing
import BadgeStorage
import LTI
import OpenBadges

extension Services {
    /// The storage area: every port BadgeStorage implements, opened on one database. ``Services``
    /// exposes each as a property of its own; the area builders take them from here.
    struct Stores: Sendable {
        let catalog: any CatalogStore
        let assertions: any AssertionStore
        let credentialNumbers: any CredentialNumberStore
        let issuerKeys: any IssuerKeyStore
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
        /// Stored EDCI imports (used by the EDCI area and erasure; not exposed by ``Services``).
        let edciImports: any EDCIImportStore
        /// The LTI tool's own keys (kept only with a configured key-encryption key).
        let toolKeyStore: any ToolKeyStore

        /// Builds the SQL stores on `database`.
        /// - Parameters:
        ///   - encryption: seals the login state that ``launchStates`` carries in the `state` value.
        ///   - clock: when grouped single-use values are written.
        init(database: BadgeDatabase, encryption: KeyEncryption, clock: any TimeSource) {
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
            // Concurrent callers' single-use values (every launch's nonce) share one write.
            replayGuard = GroupedReplayGuard(SQLReplayGuard(database: database), clock: clock)
            basicOutcomeConsumers = SQLBasicOutcomeConsumerStore(database: database)
            stackingRuleStore = SQLStackingRuleStore(database: database)
            externalCredentialStore = SQLExternalCredentialStore(database: database)
            studentSessions = SQLStudentSessionStore(database: database)
            walletStore = SQLWalletStore(database: database)
            claimCodeStore = SQLClaimCodeStore(database: database)
            claimMailStore = SQLClaimMailStore(database: database)
            edciImports = SQLEDCIImportStore(database: database)
            toolKeyStore = SQLToolKeyStore(database: database)
            // Logins carry their state sealed in the `state` value; a launch spends its nonce once.
            launchStates = SealedLaunchStates(encryption: encryption, spent: replayGuard)
        }
    }
}
