public import BadgeCore
public import Foundation

/// Turns grades into awards: every intake (AGS sync, pushed scores, LTI 1.1 outcomes, manual
/// entry) hands its ``OutcomeEvent`` here.
///
/// A grade is judged by the one rule watching its item, against the recipient the learner
/// directory maps its user to, and recorded with its decision unless the same grade is already
/// the latest for that rule and user (so the same grade arriving 100 times, through any mix of
/// intakes, is judged once). A decision to issue a known student's badge commits in one
/// transaction with the award: the gate, the record (`awarded`), the signed assertion, its audit
/// row and the outbox messages. Decisions acted on later (an approval, a grade whose award lost
/// a race or whose learner is mapped later) are recorded `issue` with an `outcome.decided`
/// outbox message, so a daemon stopped in between finishes them after restart. Awarding is
/// idempotent per class and recipient.
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
    let committer: GroupCommit<PreparedOutcome, Bool>
    let awardCommitter: GroupCommit<GradedAward, AwardOutcome?>

    /// A judged grade with the fingerprint its gate compares.
    typealias Recorded = (outcome: RecordedOutcome, fingerprint: String)

    /// Creates the use case; concurrent grades share commits (group commit).
    public init(_ parts: Parts) {
        self.parts = parts
        self.committer = GroupCommit { [events = parts.events] in try await events.record(prepared: $0) }
        self.awardCommitter = GroupCommit { [events = parts.events] in try await events.recordAwarding($0) }
    }

    /// Judges, records and acts on one grade.
    /// - Parameters:
    ///   - rule: the watching rule when the caller found it already.
    ///   - badgeClass: the rule's badge class when the caller read it with the rule.
    /// - Throws: ``BadgeCoreError`` `.validation` for a grade out of bounds, `.notFound` naming
    ///   `lineItem` when no rule watches its item.
    public func receive(_ event: OutcomeEvent, rule: StoredOutcomeRule? = nil, badgeClass: Record<BadgeClass>? = nil) async throws -> Receipt {
        try event.validate()
        var watching = rule.map { (rule: $0, badgeClass: badgeClass) }
        if watching == nil { watching = try await parts.rules.ruleAndBadgeClass(watching: event) }
        guard let (rule, badgeClass) = watching, rule.rule.match.covers(event) else {
            throw BadgeCoreError(.notFound, "no outcome rule watches this line item or resource link of the course", field: "lineItem")
        }
        return try await receive([event], rule: rule, badgeClass: badgeClass)[0].get()
    }

    /// Judges, records and acts on one share of a batch of grades (see the batch `receive`):
    /// one lookup of the users' mappings and holdings, one transaction for the records (shared
    /// with concurrent callers), and the awards as one batch (signed in parallel, committed in
    /// chunks).
    func receiveShare(
        _ events: [OutcomeEvent],
        rule: StoredOutcomeRule,
        badgeClass: Record<BadgeClass>?
    ) async throws -> [Result<Receipt, BadgeCoreError>] {
        var results = [Result<Receipt, BadgeCoreError>?](repeating: nil, count: events.count)
        var valid: [(index: Int, event: OutcomeEvent, learnerKey: String)] = []
        for (index, event) in events.enumerated() {
            do {
                try event.validate()
                guard rule.rule.match.covers(event) else { throw BadgeCoreError.invalid("lineItem", "the grade is not of the rule's item") }
                var judged = event
                if judged.itemTitle == nil { judged.itemTitle = rule.rule.title }
                valid.append((index, judged, LearnerIdentity.key(issuer: event.platform.issuer, userID: event.userID)))
            } catch let error as BadgeCoreError {
                results[index] = .failure(error)
            }
        }
        let verdicts = valid.map { rule.rule.evaluate($0.event) }
        // When a grade passes a rule that issues at once, the badge class and the issuer's key
        // are read while the learners are: a pushed passing grade then waits for one read, not two.
        let mayIssue = rule.rule.action == .issue && verdicts.contains { $0.kind == .passes }
        async let issuing = mayIssue ? try? await awardingParts(of: rule, known: badgeClass) : nil
        let entries = try await parts.learners.entries(learnerKeys: Array(Set(valid.map(\.learnerKey))), holding: rule.rule.badgeClassID)
        // Only a grade that issues or waits for approval needs the student's identity: the
        // others are decided on the recipient key and holding the directory row carries, so the
        // common case (a grade that does not pass) opens no sealed identity.
        var recipients: [String: Recipient] = [:]
        var unopenable: Set<String> = []
        let now = parts.clock.now()
        let judged: [Recorded] = zip(valid, verdicts).map { item, verdict in
            var mapped = entries[item.learnerKey]
            var decision = AwardDecision.decide(verdict, rule: rule.rule, isMapped: mapped != nil, holdsBadge: mapped?.held != nil)
            if decision.needsIdentity, let entry = mapped?.entry, recipients[item.learnerKey] == nil {
                if !unopenable.contains(item.learnerKey), let recipient = self.recipient(of: entry, learnerKey: item.learnerKey) {
                    recipients[item.learnerKey] = recipient
                } else {
                    // Sealed under another key-encryption key: unknown until the next launch or sync.
                    unopenable.insert(item.learnerKey)
                    mapped = nil
                    decision = .unmapped
                }
            }
            let holding = mapped?.held
            let record = RecordedOutcome(
                id: parts.ids.makeID(),
                ruleID: rule.id,
                institutionID: rule.institutionID,
                badgeClassID: rule.rule.badgeClassID,
                event: item.event,
                learnerKey: item.learnerKey,
                recipientKey: mapped?.entry.recipientKey,
                decision: decision,
                reason: Self.reason(verdict, decision: decision),
                assertionID: decision == .alreadyHeld || decision.isFallBelow ? holding : nil,
                receivedAt: now
            )
            return (record, item.event.fingerprint)
        }
        // A grade decided `issue` for a known student, the batch's only grade of that student, is
        // recorded with its award in one transaction; the others are recorded, then acted on.
        let perLearner = Dictionary(valid.map { ($0.learnerKey, 1) }, uniquingKeysWith: +)
        let isDirect = judged.map { item in
            item.outcome.decision == .issue && perLearner[item.outcome.learnerKey] == 1 && recipients[item.outcome.learnerKey] != nil
        }
        var written = [Bool](repeating: false, count: judged.count)
        var settled: [UUID: (AwardDecision, UUID?, String)] = [:]
        // The other grades are recorded while the awards are signed.
        async let recording = record(judged.indices.filter { !isDirect[$0] }, of: judged)
        let direct = try await awardDirectly(
            judged.indices.filter { isDirect[$0] }.map { judged[$0] },
            rule: rule,
            issuing: await issuing,
            recipients: recipients
        )
        var leftOver: [Int] = []
        for (index, item) in judged.enumerated() where isDirect[index] {
            guard let outcome = direct[item.outcome.id] else {
                leftOver.append(index)
                continue
            }
            if let outcome {
                written[index] = true
                settled[item.outcome.id] = outcome
            }
        }
        for (index, isNew) in try await recording { written[index] = isNew }
        for (index, isNew) in try await record(leftOver, of: judged) { written[index] = isNew }
        let unchanged = "The same grade was received before; nothing changed."
        var recorded: [RecordedOutcome] = []
        var repeated: [String] = []
        for ((item, record), isNew) in zip(zip(valid, judged), written) {
            if isNew {
                if settled[record.outcome.id] == nil { recorded.append(record.outcome) }
            } else {
                repeated.append(item.learnerKey)
                results[item.index] = .success(Receipt(recordID: nil, decision: nil, reason: unchanged, assertionID: nil))
            }
        }
        // A grade sent again after a daemon stopped between recording and awarding it finishes
        // its award now, without waiting for the outbox's lease of that daemon to run out.
        // (Not a grade recorded by this call, which a repeat later in the same batch would
        // otherwise find: it is acted on below.)
        let recordedNow = Set(recorded.map(\.id))
        let awaiting = try await parts.events.awaitingAward(ruleID: rule.id, learnerKeys: repeated).filter { !recordedNow.contains($0.id) }
        let unfinished = awaiting.compactMap { record in
            (recipients[record.learnerKey] ?? entries[record.learnerKey].flatMap { self.recipient(of: $0.entry, learnerKey: record.learnerKey) })
                .map { (record, $0) }
        }
        if !unfinished.isEmpty { _ = try await award(unfinished, rule: rule) }
        for (id, outcome) in try await act(on: recorded, rule: rule, recipients: recipients) { settled[id] = outcome }
        // A grade judged unmapped while its learner was being seen (the launch or course sync
        // looked for waiting grades before this one was recorded) is judged now.
        let waiting = recorded.filter { $0.decision == .unmapped }
        var lateReceipts: [UUID: Receipt] = [:]
        if !waiting.isEmpty {
            var seen: [String: Recipient] = [:]
            for (learnerKey, entry) in try await parts.learners.entries(learnerKeys: Array(Set(waiting.map(\.learnerKey)))) {
                seen[learnerKey] = self.recipient(of: entry, learnerKey: learnerKey)
            }
            if !seen.isEmpty { lateReceipts = try await judgeWaiting(waiting.filter { seen[$0.learnerKey] != nil }, recipients: seen) }
        }
        for ((item, record), isNew) in zip(zip(valid, judged), written) where isNew {
            if let late = lateReceipts[record.outcome.id] {
                results[item.index] = .success(late)
                continue
            }
            let outcome = settled[record.outcome.id] ?? (record.outcome.decision, record.outcome.assertionID, record.outcome.reason)
            results[item.index] = .success(Receipt(recordID: record.outcome.id, decision: outcome.0, reason: outcome.2, assertionID: outcome.1))
        }
        return results.map { $0 ?? .failure(BadgeCoreError(.validation, "the grade was not judged")) }
    }

    /// Records the judged grades at `indices` (in commits shared with concurrent callers),
    /// prepared for the store here, before the shared commit's turn.
    /// - Returns: per index, whether its grade was new.
    func record(_ indices: [Int], of judged: [Recorded]) async throws -> [(Int, Bool)] {
        var written: [(Int, Bool)] = []
        for start in stride(from: 0, to: indices.count, by: 1_000) {
            let chunk = indices[start..<min(start + 1_000, indices.count)]
            let prepared = try chunk.map { try parts.events.prepare(judged[$0].outcome, fingerprint: judged[$0].fingerprint) }
            written += zip(chunk, try await committer.write(prepared)).map { ($0, $1) }
        }
        return written
    }

    /// Carries out recorded decisions: the awards as one batch, revocations on a fall below.
    /// - Returns: the decision, assertion and reason of each record that changed.
    func act(
        on records: [RecordedOutcome],
        rule: StoredOutcomeRule,
        recipients: [String: Recipient]
    ) async throws
        -> [UUID: (AwardDecision, UUID?, String)]
    {
        var settled: [UUID: (AwardDecision, UUID?, String)] = [:]
        let issuing = records.filter { $0.decision == .issue }.compactMap { record in recipients[record.learnerKey].map { (record, $0) } }
        if !issuing.isEmpty {
            for (record, outcome) in zip(issuing.map(\.0), try await award(issuing, rule: rule)) { settled[record.id] = outcome }
        }
        for record in records where record.decision == .revoked {
            guard let assertionID = record.assertionID else { continue }
            _ = try await parts.revoker.revoke(
                id: assertionID,
                reason: String(record.reason.prefix(480)),
                actor: "rule:\(rule.id.uuidString.lowercased())"
            )
        }
        return settled
    }
}

extension AwardDecision {
    /// Whether the decision is about a badge already held that a later grade no longer earns.
    var isFallBelow: Bool { self == .kept || self == .flagged || self == .revoked }

    /// Whether acting on the decision needs the student's identity (to issue to them).
    var needsIdentity: Bool { self == .issue || self == .pending }
}
