public import BadgeCore
public import Foundation

/// Turns grades into awards: every intake (AGS sync, pushed scores, LTI 1.1 outcomes, manual
/// entry) hands its ``OutcomeEvent`` here.
///
/// A grade is judged by the one rule watching its item, against the recipient the learner
/// directory maps its user to, and recorded with its decision unless the same grade is already
/// the latest for that rule and user (so the same grade arriving 100 times, through any mix of
/// intakes, is judged once). A decision to issue is recorded with an outbox message; the award
/// then commits together with the record's `awarded` state, and a daemon stopped in between
/// finishes it from the outbox after restart. Awarding is idempotent per class and recipient.
public struct GradeIntake: Sendable {
    /// What became of one grade.
    public struct Receipt: Hashable, Sendable {
        /// The recorded grade, nil when it was unchanged.
        public let recordID: UUID?
        /// The decision, nil when unchanged.
        public let decision: AwardDecision?
        /// Why.
        public let reason: String
        /// The assertion issued or held.
        public let assertionID: UUID?

        /// Whether the grade was the same as the latest recorded one (nothing was done).
        public var isUnchanged: Bool { recordID == nil }
    }

    /// The parts the use case works with.
    public struct Parts: Sendable {
        public var rules: any OutcomeRuleStore
        public var events: any OutcomeEventStore
        public var learners: any LearnerDirectory
        public var assertions: any AssertionStore
        public var awarder: Awarder
        public var revoker: Revoker
        public var identity: LearnerIdentity
        public var ids: any IDGenerator
        public var clock: any TimeSource

        /// Collects the parts.
        public init(
            rules: any OutcomeRuleStore,
            events: any OutcomeEventStore,
            learners: any LearnerDirectory,
            assertions: any AssertionStore,
            awarder: Awarder,
            revoker: Revoker,
            identity: LearnerIdentity,
            ids: any IDGenerator,
            clock: any TimeSource
        ) {
            self.rules = rules
            self.events = events
            self.learners = learners
            self.assertions = assertions
            self.awarder = awarder
            self.revoker = revoker
            self.identity = identity
            self.ids = ids
            self.clock = clock
        }
    }

    let parts: Parts

    /// Creates the use case.
    public init(_ parts: Parts) {
        self.parts = parts
    }

    /// Judges, records and acts on one grade.
    /// - Parameter rule: the watching rule when the caller found it already (a sync).
    /// - Throws: ``BadgeCoreError`` `.validation` for a grade out of bounds, `.notFound` naming
    ///   `lineItem` when no rule watches its item.
    public func receive(_ event: OutcomeEvent, rule: StoredOutcomeRule? = nil) async throws -> Receipt {
        try event.validate()
        var watching = rule
        if watching == nil { watching = try await parts.rules.rule(watching: event) }
        guard let rule = watching, rule.rule.match.covers(event) else {
            throw BadgeCoreError(.notFound, "no outcome rule watches this line item or resource link of the course", field: "lineItem")
        }
        let learnerKey = LearnerIdentity.key(issuer: event.platform.issuer, userID: event.userID)
        let recipient = try await mappedRecipient(learnerKey: learnerKey)
        var judged = event
        if judged.itemTitle == nil { judged.itemTitle = rule.rule.title }
        let verdict = rule.rule.evaluate(judged)
        let held = try await heldAssertion(of: rule, recipientKey: recipient?.key)
        let decision = AwardDecision.decide(verdict, rule: rule.rule, isMapped: recipient != nil, holdsBadge: held != nil)
        let record = RecordedOutcome(
            id: parts.ids.makeID(),
            ruleID: rule.id,
            institutionID: rule.institutionID,
            badgeClassID: rule.rule.badgeClassID,
            event: judged,
            learnerKey: learnerKey,
            recipientKey: recipient?.key,
            decision: decision,
            reason: Self.reason(verdict, decision: decision),
            assertionID: decision == .alreadyHeld || decision.isFallBelow ? held : nil,
            receivedAt: parts.clock.now()
        )
        guard try await parts.events.record(record, fingerprint: event.fingerprint) else {
            return Receipt(recordID: nil, decision: nil, reason: "The same grade was received before; nothing changed.", assertionID: nil)
        }
        if decision == .unmapped, let seen = try await mappedRecipient(learnerKey: learnerKey) {
            // The learner was seen meanwhile: their launch or course sync mapped them after this
            // grade read the directory, and looked for waiting grades before it was recorded.
            if let receipt = try await judgeWaiting(record, rule: rule, recipient: seen) { return receipt }
            let current = try await parts.events.find(id: record.id)
            return Receipt(
                recordID: record.id,
                decision: current?.decision ?? decision,
                reason: current?.reason ?? record.reason,
                assertionID: current?.assertionID
            )
        }
        return try await act(on: record, rule: rule, recipient: recipient)
    }

    /// Carries out a recorded decision: issues, or revokes on a fall below.
    func act(on record: RecordedOutcome, rule: StoredOutcomeRule, recipient: Recipient?) async throws -> Receipt {
        switch record.decision {
        case .issue:
            guard let recipient else { break }
            let assertionID = try await award(record, rule: rule, recipient: recipient)
            let settled = try await parts.events.find(id: record.id)
            return Receipt(
                recordID: record.id,
                decision: settled?.decision ?? .awarded,
                reason: settled?.reason ?? record.reason,
                assertionID: assertionID
            )
        case .revoked:
            if let assertionID = record.assertionID {
                _ = try await parts.revoker.revoke(
                    id: assertionID,
                    reason: String(record.reason.prefix(480)),
                    actor: "rule:\(rule.id.uuidString.lowercased())"
                )
            }
        default:
            break
        }
        return Receipt(recordID: record.id, decision: record.decision, reason: record.reason, assertionID: record.assertionID)
    }

    /// Issues the rule's badge for a record decided `issue`; the record becomes `awarded` in the
    /// award's transaction, or `already_held` when the recipient held it already.
    func award(_ record: RecordedOutcome, rule: StoredOutcomeRule, recipient: Recipient) async throws -> UUID? {
        let badgeClass = try await parts.awarder.liveBadgeClass(id: rule.rule.badgeClassID)
        let input = AwardInput(
            recipient: recipient,
            narrative: record.reason,
            grade: rule.rule.gradeText(for: record.event),
            outcomeIDs: [record.id]
        )
        let results = try await parts.awarder.award([input], of: badgeClass, actor: "rule:\(rule.id.uuidString.lowercased())", failFast: true)
        let assertionID = results.first?.assertionID.flatMap(UUID.init(uuidString:))
        if results.first?.status == "existing" {
            // One assertion per class and recipient: a revoked one is not issued again, and the
            // recipient does not hold the badge, so the grade is not awarded (saying why).
            var isRevoked = false
            if let assertionID { isRevoked = try await parts.assertions.find(id: assertionID)?.assertion.isRevoked ?? false }
            _ = try await parts.events.transition(
                id: record.id,
                from: [.issue],
                to: isRevoked ? .notAwarded : .alreadyHeld,
                recipientKey: nil,
                reason: isRevoked ? record.reason + " The recipient's badge was revoked earlier and is not issued again." : nil,
                assertionID: assertionID,
                comment: nil,
                actor: "rule",
                at: parts.clock.now()
            )
            if isRevoked { return nil }
        }
        return assertionID
    }

    /// The recipient the learner directory maps a learner key to.
    func mappedRecipient(learnerKey: String) async throws -> Recipient? {
        guard let entry = try await parts.learners.entry(learnerKey: learnerKey) else { return nil }
        // Sealed under another key-encryption key (an ephemeral development key of an earlier
        // run): the student is unknown again until their next launch or course sync.
        return try? parts.identity.recipient(of: entry, learnerKey: learnerKey)
    }

    /// The unrevoked assertion of the rule's class the recipient holds.
    func heldAssertion(of rule: StoredOutcomeRule, recipientKey: String?) async throws -> UUID? {
        guard let recipientKey else { return nil }
        let held = try await parts.assertions.existing(badgeClassID: rule.rule.badgeClassID, recipientKeys: [recipientKey])[recipientKey]
        guard let held, held.assertion.revokedAt == nil else { return nil }
        return held.assertion.id
    }

    static func reason(_ verdict: OutcomeVerdict, decision: AwardDecision) -> String {
        switch decision {
        case .unmapped: verdict.reason + " The student is not known to badged yet; the grade waits for their launch or a course sync."
        case .pending: verdict.reason + " The award waits for approval."
        case .alreadyHeld: verdict.reason + " The student holds the badge already."
        case .flagged: verdict.reason + " The badge was issued earlier; it is flagged for review."
        case .revoked: verdict.reason + " The badge was issued earlier and is revoked."
        case .kept: verdict.reason + " The badge was issued earlier and stays."
        default: verdict.reason
        }
    }
}

extension AwardDecision {
    /// Whether the decision is about a badge already held that a later grade no longer earns.
    var isFallBelow: Bool { self == .kept || self == .flagged || self == .revoked }
}
