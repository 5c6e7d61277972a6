public import Foundation

/// What to list of the recorded grades.
public struct OutcomeEventFilter: Hashable, Sendable {
    /// Only grades of rules of this institution.
    public var institutionID: UUID?
    /// Only grades of this course.
    public var contextID: String?
    /// Only grades of this recipient key.
    public var recipientKey: String?
    /// Only grades of rules awarding this badge class.
    public var badgeClassID: UUID?
    /// Only grades with one of these decisions.
    public var decisions: Set<AwardDecision>?

    /// Creates a filter.
    public init(
        institutionID: UUID? = nil,
        contextID: String? = nil,
        recipientKey: String? = nil,
        badgeClassID: UUID? = nil,
        decisions: Set<AwardDecision>? = nil
    ) {
        self.institutionID = institutionID
        self.contextID = contextID
        self.recipientKey = recipientKey
        self.badgeClassID = badgeClassID
        self.decisions = decisions
    }
}

/// The storage port for recorded grades (the outcome audit).
public protocol OutcomeEventStore: Sendable {
    /// Records judged grades, in order and in one transaction, except those whose grade (by
    /// `fingerprint`) is already the latest recorded for their rule and user; the check and the
    /// write are one statement pair in that transaction, so the same grade arriving concurrently
    /// is recorded once. A record decided ``AwardDecision/issue`` gets an outbox message
    /// (`outcome.decided`) in the same transaction, so that a daemon stopped before awarding
    /// finishes the award after restart.
    /// - Returns: per item, false when the grade was unchanged and nothing was written for it.
    func record(_ batch: [(outcome: RecordedOutcome, fingerprint: String)]) async throws -> [Bool]

    /// Does what ``record(prepared:)`` needs of one grade before the transaction (see
    /// ``PreparedOutcome``); cheap to call concurrently.
    func prepare(_ outcome: RecordedOutcome, fingerprint: String) throws -> PreparedOutcome

    /// ``record(_:)`` of grades made ready by ``prepare(_:fingerprint:)``.
    func record(prepared batch: [PreparedOutcome]) async throws -> [Bool]
    /// Records grades decided to issue together with their awards, in one transaction: each
    /// grade passes its gate as in ``record(_:)``; for each that passes, the assertion is stored
    /// (idempotent per badge class and recipient, with its audit row and outbox message) and the
    /// grade is recorded ``AwardDecision/awarded`` with it and an `outcome.awarded` message. When
    /// the recipient held the class already (a concurrent award won), the grade is recorded
    /// `issue` with an `outcome.decided` message instead, for the intake to settle.
    /// - Returns: per item, nil when the grade was unchanged and nothing was written for it,
    ///   otherwise what became of its award.
    /// - Throws: ``BadgeCoreError`` `.signingKeyRetired`, writing nothing, as
    ///   ``AssertionStore/store(_:)``.
    func recordAwarding(_ batch: [GradedAward]) async throws -> [AwardOutcome?]
    /// The record with this id.
    func find(id: UUID) async throws -> RecordedOutcome?
    /// Records matching `filter`, newest first.
    func list(_ filter: OutcomeEventFilter, page: PageRequest) async throws -> Page<RecordedOutcome>
    /// The latest record of a rule for a user.
    func latest(ruleID: UUID, learnerKey: String) async throws -> RecordedOutcome?
    /// Records of a rule decided `issue` whose award did not complete (a daemon stopped between
    /// recording and awarding), of the given users.
    func awaitingAward(ruleID: UUID, learnerKeys: [String]) async throws -> [RecordedOutcome]
    /// Records of users still waiting for a mapping, oldest first.
    func unmapped(learnerKeys: [String], limit: Int) async throws -> [RecordedOutcome]
    /// Unlinks recorded grades from a recipient (erasure): their recipient and learner keys are
    /// cleared, and those waiting for the recipient are decided `not_awarded`.
    /// - Returns: how many records were unlinked.
    func unlink(recipientKey: String, institutionID: UUID?) async throws -> Int
    /// Moves a record from one of `from` to a new decision, with an audit row naming the actor;
    /// false when the record is not in one of `from` (someone else moved it first).
    func transition(
        id: UUID,
        from: Set<AwardDecision>,
        to decision: AwardDecision,
        recipientKey: String?,
        reason: String?,
        assertionID: UUID?,
        comment: String?,
        actor: String,
        at date: Date
    ) async throws -> Bool
}

extension OutcomeEventStore {
    /// Nothing to prepare: the grade as it is.
    public func prepare(_ outcome: RecordedOutcome, fingerprint: String) throws -> PreparedOutcome {
        PreparedOutcome(outcome: outcome, fingerprint: fingerprint, encoded: nil)
    }

    /// ``record(_:)`` of the prepared grades.
    public func record(prepared batch: [PreparedOutcome]) async throws -> [Bool] {
        try await record(batch.map { (outcome: $0.outcome, fingerprint: $0.fingerprint) })
    }

    /// Records one judged grade; see ``record(_:)``.
    /// - Returns: false when the grade was unchanged.
    public func record(_ outcome: RecordedOutcome, fingerprint: String) async throws -> Bool {
        try await record([(outcome, fingerprint)]).first ?? false
    }

    /// Records of one user still waiting for a mapping, oldest first.
    public func unmapped(learnerKey: String, limit: Int) async throws -> [RecordedOutcome] {
        try await unmapped(learnerKeys: [learnerKey], limit: limit)
    }
}
