public import BadgeCore
public import Foundation

/// Outcome rules in memory, with the SQL store's rules: one rule per match key, and sync leases
/// that keep a claimed rule from other owners until the lease ends or the sync finishes.
public actor InMemoryOutcomeRuleStore: OutcomeRuleStore {
    private struct Lease {
        var owner: String?
        var until: Date?
        var syncedAt: Date?
    }

    private var rules: [UUID: StoredOutcomeRule] = [:]
    private var order: [UUID] = []
    private var leases: [UUID: Lease] = [:]
    /// The audit trail: action, rule id and actor, in order.
    public private(set) var audit: [(action: String, id: UUID, actor: String)] = []

    /// Creates an empty store.
    public init() {}

    public func create(_ rule: OutcomeRule, id: UUID, institutionID: UUID, at date: Date, actor: String) async throws -> StoredOutcomeRule {
        guard !rules.values.contains(where: { $0.rule.matchKey == rule.matchKey }) else { throw Self.duplicate }
        let stored = StoredOutcomeRule(id: id, institutionID: institutionID, rule: rule, createdAt: date, updatedAt: date)
        rules[id] = stored
        order.append(id)
        audit.append(("create", id, actor))
        return stored
    }

    static let duplicate = BadgeCoreError(.conflict, "another rule already watches this item of the course", field: "match")

    public func update(id: UUID, to rule: OutcomeRule, at date: Date, actor: String) async throws -> StoredOutcomeRule? {
        guard let current = rules[id] else { return nil }
        guard !rules.values.contains(where: { $0.id != id && $0.rule.matchKey == rule.matchKey }) else { throw Self.duplicate }
        let updated = StoredOutcomeRule(id: id, institutionID: current.institutionID, rule: rule, createdAt: current.createdAt, updatedAt: date)
        rules[id] = updated
        audit.append(("update", id, actor))
        return updated
    }

    public func delete(id: UUID, at date: Date, actor: String) async throws -> Bool {
        guard rules.removeValue(forKey: id) != nil else { return false }
        order.removeAll { $0 == id }
        leases[id] = nil
        audit.append(("delete", id, actor))
        return true
    }

    public func find(id: UUID) async throws -> StoredOutcomeRule? { rules[id] }

    public func rule(watching event: OutcomeEvent) async throws -> StoredOutcomeRule? {
        // A rule on the line item wins over one on the resource link.
        OutcomeRule.Match.keys(watching: event).lazy.compactMap { key in self.rules.values.first { $0.rule.matchKey == key } }.first
    }

    public func list(institutionID: UUID?, issuer: String?, contextID: String?, limit: Int) async throws -> [StoredOutcomeRule] {
        let found = order.compactMap { rules[$0] }.filter { stored in
            (institutionID == nil || stored.institutionID == institutionID) && (issuer == nil || stored.rule.match.issuer == issuer)
                && (contextID == nil || stored.rule.match.contextID == contextID)
        }
        return Array(found.prefix(min(max(limit, 1), 1_000)))
    }

    public func claimSync(
        issuer: String?,
        clientID: String?,
        contextID: String?,
        syncedBefore: Date,
        owner: String,
        now: Date,
        leaseUntil: Date,
        limit: Int
    ) async throws -> [StoredOutcomeRule] {
        let due = order.compactMap { rules[$0] }.filter { stored in
            let lease = leases[stored.id] ?? Lease()
            return stored.rule.match.lineItem != nil && (issuer == nil || stored.rule.match.issuer == issuer)
                && (clientID == nil || stored.rule.match.clientID == clientID)
                && (contextID == nil || stored.rule.match.contextID == contextID)
                && (lease.syncedAt.map { $0 < syncedBefore } ?? true) && (lease.until.map { $0 <= now } ?? true)
        }
        let claimed = Array(
            due.sorted { (leases[$0.id]?.syncedAt ?? .distantPast) < (leases[$1.id]?.syncedAt ?? .distantPast) }
                .prefix(min(max(limit, 1), 1_000))
        )
        for stored in claimed {
            leases[stored.id, default: Lease()].owner = owner
            leases[stored.id, default: Lease()].until = leaseUntil
        }
        return claimed
    }

    public func finishSync(ids: [UUID], owner: String, at date: Date) async throws {
        for id in ids where leases[id]?.owner == owner {
            leases[id] = Lease(owner: nil, until: nil, syncedAt: date)
        }
    }

    public func releaseSync(ids: [UUID], owner: String) async throws {
        for id in ids where leases[id]?.owner == owner {
            leases[id]?.owner = nil
            leases[id]?.until = nil
        }
    }
}

/// Recorded grades in memory, with the SQL store's gate: the latest fingerprint per rule and
/// learner lets one copy of a grade through, and a record decided `issue` gets an
/// `outcome.decided` message.
public actor InMemoryOutcomeEventStore: OutcomeEventStore {
    private var records: [UUID: RecordedOutcome] = [:]
    private var gates: [String: String] = [:]
    private let outbox: InMemoryOutbox
    private let clock: any TimeSource
    private var storeAssertions: (@Sendable ([NewAssertion]) async throws -> [AwardOutcome])?
    /// The audit trail: action, record id and actor, in order.
    public private(set) var audit: [(action: String, id: UUID, actor: String)] = []

    /// Creates an empty store writing its messages to `outbox`.
    public init(outbox: InMemoryOutbox, clock: any TimeSource) {
        self.outbox = outbox
        self.clock = clock
    }

    public func record(_ batch: [(outcome: RecordedOutcome, fingerprint: String)]) async throws -> [Bool] {
        var written: [Bool] = []
        for (outcome, fingerprint) in batch { written.append(await recordOne(outcome, fingerprint: fingerprint)) }
        return written
    }

    private func recordOne(_ outcome: RecordedOutcome, fingerprint: String) async -> Bool {
        guard passGate(outcome, fingerprint: fingerprint) else { return false }
        keep(outcome)
        if outcome.decision == .issue {
            await outbox.enqueue(.outcomeDecided, subjectID: outcome.id, institutionID: outcome.institutionID, at: clock.now())
        }
        return true
    }

    /// Stores awards through `hook` from now on (the world wires the assertion store).
    public func storeAwards(with hook: @escaping @Sendable ([NewAssertion]) async throws -> [AwardOutcome]) {
        storeAssertions = hook
    }

    public func recordAwarding(_ batch: [GradedAward]) async throws -> [AwardOutcome?] {
        guard let storeAssertions else { throw TestSetupError("the in-memory grade store has no assertion store wired") }
        var outcomes: [AwardOutcome?] = []
        for item in batch {
            let previousFingerprint = gates[Self.gate(of: item.outcome)]
            guard passGate(item.outcome, fingerprint: item.fingerprint) else {
                outcomes.append(nil)
                continue
            }
            let outcome: AwardOutcome
            do {
                outcome = try await storeAssertions([item.assertion])[0]
            } catch {
                // The SQL store rolls the gate back with the award.
                gates[Self.gate(of: item.outcome)] = previousFingerprint
                throw error
            }
            var record = item.outcome
            if case .created(let assertion, _) = outcome {
                record.decision = .awarded
                record.assertionID = assertion.id
                keep(record)
                if item.writesBack {
                    await outbox.enqueue(.outcomeAwarded, subjectID: record.id, institutionID: record.institutionID, at: clock.now())
                }
            } else {
                keep(record)
                await outbox.enqueue(.outcomeDecided, subjectID: record.id, institutionID: record.institutionID, at: clock.now())
            }
            outcomes.append(outcome)
        }
        return outcomes
    }

    private static func gate(of outcome: RecordedOutcome) -> String {
        outcome.ruleID.uuidString + "\n" + outcome.learnerKey
    }

    private func passGate(_ outcome: RecordedOutcome, fingerprint: String) -> Bool {
        let gate = Self.gate(of: outcome)
        guard gates[gate] != fingerprint else { return false }
        gates[gate] = fingerprint
        return true
    }

    private func keep(_ outcome: RecordedOutcome) {
        var stripped = outcome
        stripped.event.identities = []
        records[outcome.id] = stripped
    }

    public func find(id: UUID) async throws -> RecordedOutcome? { records[id] }

    public func list(_ filter: OutcomeEventFilter, page: PageRequest) async throws -> Page<RecordedOutcome> {
        var found = records.values.filter { record in
            (filter.institutionID == nil || record.institutionID == filter.institutionID)
                && (filter.contextID == nil || record.event.contextID == filter.contextID)
                && (filter.recipientKey == nil || record.recipientKey == filter.recipientKey)
                && (filter.badgeClassID == nil || record.badgeClassID == filter.badgeClassID)
                && (filter.decisions.map { $0.contains(record.decision) } ?? true)
        }
        found.sort(by: Self.newestFirst)
        if let after = page.after, let cursor = records[after] {
            found = found.filter { Self.newestFirst(cursor, $0) }
        }
        let items = Array(found.prefix(page.limit))
        return Page(items: items, nextCursor: found.count > page.limit ? items.last?.id : nil)
    }

    public func latest(ruleID: UUID, learnerKey: String) async throws -> RecordedOutcome? {
        records.values.filter { $0.ruleID == ruleID && $0.learnerKey == learnerKey }.sorted(by: Self.newestFirst).first
    }

    public func awaitingAward(ruleID: UUID, learnerKeys: [String]) async throws -> [RecordedOutcome] {
        let keys = Set(learnerKeys)
        return records.values.filter { $0.ruleID == ruleID && $0.decision == .issue && keys.contains($0.learnerKey) }
    }

    public func unmapped(learnerKeys: [String], limit: Int) async throws -> [RecordedOutcome] {
        let keys = Set(learnerKeys)
        let waiting = records.values.filter { keys.contains($0.learnerKey) && $0.decision == .unmapped }.sorted(by: Self.newestFirst).reversed()
        return Array(waiting.prefix(min(max(limit, 1), 10_000)))
    }

    public func unlink(recipientKey: String, institutionID: UUID?) async throws -> Int {
        var count = 0
        for (id, record) in records where record.recipientKey == recipientKey && (institutionID == nil || record.institutionID == institutionID) {
            var event = record.event
            event.userID = "erased"
            event.comment = nil
            let open = record.decision == .pending || record.decision == .issue
            gates = gates.filter { !$0.key.hasSuffix("\n" + record.learnerKey) }
            records[id] = RecordedOutcome(
                id: record.id,
                ruleID: record.ruleID,
                institutionID: record.institutionID,
                badgeClassID: record.badgeClassID,
                event: event,
                learnerKey: "erased",
                recipientKey: nil,
                decision: open ? .notAwarded : record.decision,
                reason: open ? "The recipient's data was erased on request." : record.reason,
                assertionID: record.assertionID,
                receivedAt: record.receivedAt,
                decidedBy: record.decidedBy,
                reviewComment: record.reviewComment
            )
            count += 1
        }
        return count
    }

    public func transition(
        id: UUID,
        from: Set<AwardDecision>,
        to decision: AwardDecision,
        recipientKey: String?,
        reason: String?,
        assertionID: UUID?,
        comment: String?,
        actor: String,
        at date: Date
    ) async throws -> Bool {
        guard var record = records[id], from.contains(record.decision) else { return false }
        record.decision = decision
        record.decidedBy = actor
        if let recipientKey { record.recipientKey = recipientKey }
        if let reason { record.reason = reason }
        if let assertionID { record.assertionID = assertionID }
        if let comment { record.reviewComment = comment }
        records[id] = record
        audit.append(("outcome.\(decision.rawValue)", id, actor))
        if decision == .issue {
            await outbox.enqueue(.outcomeDecided, subjectID: id, institutionID: record.institutionID, at: clock.now())
        }
        return true
    }

    /// Settles the records of a newly stored assertion, as the SQL assertion store does in the
    /// award's transaction: each record still `issue` becomes `awarded` with the assertion and
    /// gets an `outcome.awarded` message.
    public func settle(_ ids: [UUID], assertionID: UUID, institutionID: UUID) async {
        for id in ids {
            guard var record = records[id], record.decision == .issue else { continue }
            record.decision = .awarded
            record.assertionID = assertionID
            records[id] = record
            await outbox.enqueue(.outcomeAwarded, subjectID: id, institutionID: institutionID, at: clock.now())
        }
    }

    /// Newest first by receipt, then by id (as the SQL store orders its text ids).
    static func newestFirst(_ lhs: RecordedOutcome, _ rhs: RecordedOutcome) -> Bool {
        if lhs.receivedAt != rhs.receivedAt { return lhs.receivedAt > rhs.receivedAt }
        return lhs.id.uuidString.lowercased() > rhs.id.uuidString.lowercased()
    }
}

/// The learner directory in memory.
public actor InMemoryLearnerDirectory: LearnerDirectory {
    private var entries: [String: LearnerEntry] = [:]
    private var holdings: (@Sendable (UUID, [String]) async throws -> [String: UUID])?

    /// Creates an empty directory.
    public init() {}

    /// Looks up holdings through `hook` from now on (the world wires the assertion store):
    /// badge class id and recipient keys to the unrevoked assertion of each holder.
    public func lookUpHoldings(with hook: @escaping @Sendable (UUID, [String]) async throws -> [String: UUID]) {
        holdings = hook
    }

    public func entries(learnerKeys: [String], holding badgeClassID: UUID) async throws -> [String: (entry: LearnerEntry, held: UUID?)] {
        guard let holdings else { throw TestSetupError("the in-memory learner directory has no assertion store wired") }
        let found = try await entries(learnerKeys: learnerKeys)
        let held = try await holdings(badgeClassID, Array(Set(found.values.map(\.recipientKey))))
        return found.mapValues { ($0, held[$0.recipientKey]) }
    }

    public func record(_ batch: [(learnerKey: String, entry: LearnerEntry)], at date: Date) async throws {
        for (key, entry) in batch { entries[key] = entry }
    }

    public func entries(learnerKeys: [String]) async throws -> [String: LearnerEntry] {
        var found: [String: LearnerEntry] = [:]
        for key in learnerKeys { found[key] = entries[key] }
        return found
    }

    public func forget(recipientKey: String) async throws -> Int {
        let forgotten = entries.filter { $0.value.recipientKey == recipientKey }.map(\.key)
        for key in forgotten { entries[key] = nil }
        return forgotten.count
    }
}

/// Single-use values in memory: the first use wins until the value expires.
public actor InMemoryReplayGuard: ReplayGuard {
    private var used: [String: Date] = [:]

    /// Creates an empty guard.
    public init() {}

    public func firstUse(scope: String, value: String, expiresAt: Date, now: Date) async throws -> Bool {
        used = used.filter { $0.value >= now }
        let key = scope + "\n" + value
        guard used[key] == nil else { return false }
        used[key] = expiresAt
        return true
    }
}

/// Courses seen at launches, in memory.
public actor InMemoryCourseDirectory: CourseDirectory {
    private var courses: [String: LTICourse] = [:]

    /// Creates an empty directory.
    public init() {}

    public func record(_ course: LTICourse, at date: Date) async throws {
        courses[[course.issuer, course.clientID, course.contextID].joined(separator: "\n")] = course
    }

    public func course(issuer: String, clientID: String, contextID: String) async throws -> LTICourse? {
        courses[[issuer, clientID, contextID].joined(separator: "\n")]
    }
}
