public import BadgeCore
public import Foundation
public import LTI

/// The operator and registrar tasks of grades to badges behind `badged rules`, `badged sync`,
/// `badged explain`, `badged pending` and `badged outcomes`.
public struct OutcomeAdministration: Sendable {
    /// The parts the tasks work with.
    public struct Parts: Sendable {
        public var catalog: any CatalogStore
        public var rules: OutcomeRules
        public var events: any OutcomeEventStore
        public var intake: GradeIntake
        public var explanation: OutcomeExplanation
        public var basicOutcomes: BasicOutcomes
        public var platforms: any PlatformRegistrationStore
        public var random: any RandomSource

        /// Collects the parts.
        public init(
            catalog: any CatalogStore,
            rules: OutcomeRules,
            events: any OutcomeEventStore,
            intake: GradeIntake,
            explanation: OutcomeExplanation,
            basicOutcomes: BasicOutcomes,
            platforms: any PlatformRegistrationStore,
            random: any RandomSource
        ) {
            self.catalog = catalog
            self.rules = rules
            self.events = events
            self.intake = intake
            self.explanation = explanation
            self.basicOutcomes = basicOutcomes
            self.platforms = platforms
            self.random = random
        }
    }

    private let parts: Parts

    /// Creates the tasks.
    public init(_ parts: Parts) {
        self.parts = parts
    }

    /// Imports a rule file (`badged rules import`); rules with an existing match are replaced.
    public func importRules(_ data: Data) async throws -> [StoredOutcomeRule] {
        try await parts.rules.importFile(data, actor: "cli") { _ in true }
    }

    /// Why a recipient has or has not got a badge class (`badged explain`).
    public func explain(recipient: Recipient, badgeClassID: UUID) async throws -> String {
        guard let badgeClass = try await parts.catalog.find(BadgeClass.self, id: badgeClassID) else {
            throw BadgeCoreError(.notFound, "no badge class with that id")
        }
        return try await parts.explanation.explain(recipient: recipient, badgeClass: badgeClass)
    }

    /// Awards waiting for approval and badges flagged for review, newest first.
    public func pending(limit: Int = 200) async throws -> [RecordedOutcome] {
        try await parts.events.list(OutcomeEventFilter(decisions: [.pending, .flagged]), page: PageRequest(limit: min(max(limit, 1), 200))).items
    }

    /// Approves or denies a pending award or flagged badge (`badged pending approve|deny`).
    public func review(recordID: UUID, _ review: GradeIntake.Review, comment: String?) async throws -> RecordedOutcome {
        try await parts.intake.review(recordID: recordID, review, comment: comment, actor: "cli")
    }

    /// Syncs the results of a platform registration's watched line items now (`badged sync`).
    /// - Throws: ``BadgeCoreError`` `.notFound` for an unknown registration.
    public func sync(platformID: UUID, contextID: String?, using sync: ResultSync) async throws -> ResultSync.Report {
        guard let registration = try await parts.platforms.registration(id: platformID) else {
            throw BadgeCoreError(.notFound, "no platform registration with that id")
        }
        return try await sync.sync(issuer: registration.platform.issuer, clientID: registration.platform.clientID, contextID: contextID, force: true)
    }

    /// Creates an LTI 1.1 consumer for an institution; returns its secret, shown once.
    public func createBasicOutcomeConsumer(key: String, institution: String) async throws -> String {
        let institutionID = try await InstitutionDirectory(catalog: parts.catalog).liveInstitution(institution).id
        return try await parts.basicOutcomes.createConsumer(key: key, institutionID: institutionID, random: parts.random)
    }
}
