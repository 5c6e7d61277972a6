public import BadgeCore
public import BadgeIssuing
public import BadgeStorage
public import Foundation
public import LTI
import OpenBadges

/// The grades-to-badges ports and use cases on one backend, on top of an ``IssuingWorld`` and
/// wired as the server's composition does, with one sample platform registered to the sample
/// institution.
public struct OutcomeWorld: Sendable {
    public let issuing: IssuingWorld
    public let rules: any OutcomeRuleStore
    public let events: any OutcomeEventStore
    public let learners: any LearnerDirectory
    public let courses: any CourseDirectory
    public let replayGuard: any ReplayGuard
    public let platforms: any PlatformRegistrationStore
    public let identity: LearnerIdentity
    public let intake: GradeIntake
    public let outcomeRules: OutcomeRules
    public let explanation: OutcomeExplanation
    /// The registered sample platform.
    public let platform: Platform

    /// The sample platform's issuer and client id.
    public static let issuer = "https://lms.example.edu"
    public static let clientID = "badged-client"
    /// The sample course and line item.
    public static let contextID = "course-101"
    public static let lineItem = "https://lms.example.edu/api/lti/courses/101/line_items/7"

    public var clock: FixedTimeSource { issuing.clock }
    public var ids: CountingIDGenerator { issuing.ids }

    /// Runs `body` in a fresh world on `backend`.
    public static func with<R>(_ backend: StorageBackend, _ body: (OutcomeWorld) async throws -> R) async throws -> R {
        try await IssuingWorld.with(backend) { issuing in try await body(try await on(issuing)) }
    }

    /// The grade ports and intake on `issuing` (a world of ``IssuingWorld/with(_:random:_:)``,
    /// perhaps reading keys through a wrapper), awarding with `mode` unless a class overrides it.
    /// Make at most one per issuing world: the in-memory stores are wired to each other here.
    public static func on(_ issuing: IssuingWorld, mode: VerificationMode = .hosted) async throws -> OutcomeWorld {
        let rules: any OutcomeRuleStore
        let events: any OutcomeEventStore
        let learners: any LearnerDirectory
        let courses: any CourseDirectory
        let replayGuard: any ReplayGuard
        let platforms: any PlatformRegistrationStore
        if let database = issuing.database {
            rules = SQLOutcomeRuleStore(database: database)
            events = SQLOutcomeEventStore(database: database)
            learners = SQLLearnerDirectory(database: database)
            courses = SQLCourseDirectory(database: database)
            replayGuard = SQLReplayGuard(database: database)
            platforms = SQLPlatformRegistry(database: database)
        } else {
            guard let outbox = issuing.outbox as? InMemoryOutbox, let assertions = issuing.assertions as? InMemoryAssertionStore else {
                throw TestSetupError("the memory world has no in-memory outbox and assertion store")
            }
            let memoryEvents = InMemoryOutcomeEventStore(outbox: outbox, clock: issuing.clock)
            await assertions.settleOutcomes { ids, assertionID, institutionID in
                await memoryEvents.settle(ids, assertionID: assertionID, institutionID: institutionID)
            }
            await memoryEvents.storeAwards { try await assertions.store($0) }
            rules = InMemoryOutcomeRuleStore()
            events = memoryEvents
            let memoryLearners = InMemoryLearnerDirectory()
            await memoryLearners.lookUpHoldings { badgeClassID, keys in
                try await assertions.existing(badgeClassID: badgeClassID, recipientKeys: keys).filter { !$0.value.assertion.isRevoked }
                    .mapValues(\.assertion.id)
            }
            learners = memoryLearners
            courses = InMemoryCourseDirectory()
            replayGuard = InMemoryReplayGuard()
            platforms = InMemoryPlatformRegistrationStore()
        }
        let platform = Self.platform(issuer: issuer, clientID: clientID)
        try await platforms.register(platform, institutionID: issuing.tree.institution.id, id: issuing.ids.makeID(), at: issuing.clock.now())
        let identity = LearnerIdentity(encryption: try KeyEncryption(secret: [UInt8](repeating: 7, count: 32)))
        let intake = GradeIntake(
            .init(
                rules: rules,
                events: events,
                learners: learners,
                assertions: issuing.assertions,
                awarder: issuing.awarder(mode: mode),
                revoker: issuing.revoker,
                identity: identity,
                ids: issuing.ids,
                clock: issuing.clock
            )
        )
        return OutcomeWorld(
            issuing: issuing,
            rules: rules,
            events: events,
            learners: learners,
            courses: courses,
            replayGuard: replayGuard,
            platforms: platforms,
            identity: identity,
            intake: intake,
            outcomeRules: OutcomeRules(rules: rules, catalog: issuing.catalog, platforms: platforms, ids: issuing.ids, clock: issuing.clock),
            explanation: OutcomeExplanation(assertions: issuing.assertions, events: events, rules: rules),
            platform: platform
        )
    }

    /// A platform registration (its URLs are never called).
    public static func platform(issuer: String, clientID: String) -> Platform {
        Platform(
            issuer: issuer,
            clientID: clientID,
            deploymentIDs: ["deployment-1"],
            authURL: URL(string: issuer + "/auth")!,  // a literal URL
            tokenURL: URL(string: issuer + "/token")!,  // a literal URL
            jwksURL: URL(string: issuer + "/jwks")!  // a literal URL
        )
    }

    /// A rule on the sample line item awarding the sample micro-credential.
    public func rule(
        _ condition: OutcomeRule.Condition = .dutchGrade(atLeast: 5.5),
        action: OutcomeRule.Action = .issue,
        includeGrade: Bool = false,
        onFallBelow: OutcomeRule.FallBelowPolicy = .flag,
        writeBack: Bool = false,
        lineItem: String = OutcomeWorld.lineItem
    ) throws -> OutcomeRule {
        OutcomeRule(
            badgeClassID: try issuing.microCredential.id,
            match: .init(issuer: Self.issuer, clientID: Self.clientID, contextID: Self.contextID, lineItem: lineItem),
            condition: condition,
            action: action,
            includeGrade: includeGrade,
            onFallBelow: onFallBelow,
            writeBack: writeBack,
            title: "Unit 1 Quiz"
        )
    }

    /// Creates `rule` through the use case, as an administrator of every institution.
    @discardableResult
    public func create(_ rule: OutcomeRule) async throws -> StoredOutcomeRule {
        try await outcomeRules.create(rule, actor: "test", allowed: { _ in true })
    }

    /// A fully graded grade of the sample line item.
    public func grade(
        _ score: Double?,
        of maximum: Double? = 10,
        userID: String = "user-ada",
        lineItem: String = OutcomeWorld.lineItem,
        source: OutcomeEvent.Source = .agsScore
    ) -> OutcomeEvent {
        OutcomeEvent(
            platform: .init(issuer: Self.issuer, clientID: Self.clientID),
            contextID: Self.contextID,
            lineItemURL: lineItem,
            userID: userID,
            scoreGiven: score,
            scoreMaximum: score == nil ? nil : maximum,
            activityProgress: .completed,
            gradingProgress: .fullyGraded,
            timestamp: clock.now(),
            source: source
        )
    }

    /// Every recorded grade matching `filter`.
    public func recorded(_ filter: OutcomeEventFilter = OutcomeEventFilter()) async throws -> [RecordedOutcome] {
        try await events.list(filter, page: PageRequest(limit: 200)).items
    }

    /// The learner key of a sample platform user.
    public static func learnerKey(_ userID: String) -> String { LearnerIdentity.key(issuer: issuer, userID: userID) }

    /// Imports a second institution (the sample catalogue under another name) and returns its tree.
    public func importOtherInstitution() async throws -> CatalogTree {
        let text = try String(contentsOf: SampleCatalog.fileURL, encoding: .utf8)
            .replacingOccurrences(of: "universiteit-harderwijk.nl", with: "hogeschool-elders.nl")
            .replacingOccurrences(of: "99HW", with: "98HE")
        let tree = try CatalogTree(importing: Data(text.utf8), ids: ids, now: clock.now())
        try await issuing.catalog.insert(tree, by: "test")
        return tree
    }
}
