public import BadgeCore
public import Foundation
public import LTI

/// Reads the results of every line item a rule watches (all pages) and hands each to the
/// grade intake, after a Names and Roles sync of the course maps its members to recipients.
/// Two line items are read and judged at a time (``concurrentRules``).
///
/// Rules are leased in the database before they are read, so daemons sharing it sync disjoint
/// rules; a rule whose sync fails or is cut short keeps its old `synced_at` and is due again
/// when its lease ends (ten minutes: the back-off after a platform's failure), and a rule the
/// request budget left untried is due again at once.
/// An unchanged result is recorded once (the intake's gate), so a sync repeated after a crash
/// doubles nothing.
public struct ResultSync: Sendable {
    /// What one sync did.
    public struct Report: Hashable, Sendable, Encodable {
        /// Rules synced.
        public var rules = 0
        /// Results read.
        public var results = 0
        /// Results recorded (new or changed grades).
        public var recorded = 0
        /// Course members mapped to recipients.
        public var members = 0
        /// Rules left for a later run because the platform's request budget was spent.
        public var deferred = 0
        /// Failures, one line each (no tokens, no identities).
        public var failures: [String] = []

        public init() {}
    }

    let rules: any OutcomeRuleStore
    let courses: any CourseDirectory
    let platforms: any PlatformRegistry
    let services: any GradeServices
    let intake: GradeIntake
    let mapping: LTIRecipientMapping
    let clock: any TimeSource
    let owner: String
    /// Requests one sync may make to one platform (line items and member pages).
    let requestBudget: Int

    /// Creates the use case.
    /// - Parameters:
    ///   - owner: this daemon's lease name.
    ///   - requestBudget: requests per platform per run (`lti.sync.request_budget`).
    public init(
        rules: any OutcomeRuleStore,
        courses: any CourseDirectory,
        platforms: any PlatformRegistry,
        services: any GradeServices,
        intake: GradeIntake,
        mapping: LTIRecipientMapping,
        clock: any TimeSource,
        owner: String,
        requestBudget: Int = 100
    ) {
        self.rules = rules
        self.courses = courses
        self.platforms = platforms
        self.services = services
        self.intake = intake
        self.mapping = mapping
        self.clock = clock
        self.owner = owner
        self.requestBudget = max(1, requestBudget)
    }

    /// Syncs the due rules (all matching ones when `force`).
    /// - Parameters:
    ///   - issuer: only this platform's rules.
    ///   - clientID: only the rules of this registration of the platform (Canvas shares one issuer).
    ///   - contextID: only this course's rules.
    ///   - interval: a rule is due when last synced longer ago than this.
    ///   - force: sync regardless of when the rules last ran.
    public func sync(
        issuer: String? = nil,
        clientID: String? = nil,
        contextID: String? = nil,
        interval: TimeInterval = 900,
        force: Bool = false
    ) async throws -> Report {
        let now = clock.now()
        let claimed = try await rules.claimSync(
            issuer: issuer,
            clientID: clientID,
            contextID: contextID,
            syncedBefore: force ? now.addingTimeInterval(1) : now.addingTimeInterval(-interval),
            owner: owner,
            now: now,
            leaseUntil: now.addingTimeInterval(600),
            limit: 1_000
        )
        var report = Report()
        var spent: [String: Int] = [:]
        var mappedCourses: Set<String> = []
        var due: [(rule: StoredOutcomeRule, platform: Platform)] = []
        var untried: [UUID] = []
        // Each course's members are mapped before its rules' results are read; the request budget
        // decides which rules run now.
        for (courseKey, group) in Dictionary(grouping: claimed, by: { [$0.rule.match.issuer, $0.rule.match.clientID, $0.rule.match.contextID] }) {
            let match = group[0].rule.match
            guard let platform = try await platforms.platform(issuer: match.issuer, clientID: match.clientID) else {
                report.failures.append("no platform is registered for \(match.issuer)")
                continue
            }
            for stored in group {
                guard spent[match.issuer, default: 0] < requestBudget else {
                    report.deferred += 1
                    untried.append(stored.id)
                    continue
                }
                do {
                    if mappedCourses.insert(courseKey.joined(separator: "\n")).inserted {
                        spent[match.issuer, default: 0] += 1
                        report.members += try await mapMembers(of: match, platform: platform)
                    }
                    spent[match.issuer, default: 0] += 1
                    due.append((stored, platform))
                } catch {
                    report.failures.append("rule \(stored.id.uuidString.lowercased()): \(Self.describe(error))")
                }
            }
        }
        // A rule the budget left for later is due again at once (the next run, or `badged sync`
        // run again), not when its lease would have ended.
        try await rules.releaseSync(ids: untried, owner: owner)
        let synced = await syncRules(due, into: &report)
        try await rules.finishSync(ids: synced, owner: owner, at: clock.now())
        return report
    }

    /// The most line items one sync reads and judges at once: while one item's grades commit,
    /// the next item's results are read and judged.
    static let concurrentRules = 2

    /// Syncs `due` rules, ``concurrentRules`` at a time.
    /// - Returns: the ids of the rules synced in full.
    private func syncRules(_ due: [(rule: StoredOutcomeRule, platform: Platform)], into report: inout Report) async -> [UUID] {
        await withTaskGroup(of: (UUID, Result<Report, any Error>).self) { group in
            var pending = due[...]
            func startNext() {
                guard let (stored, platform) = pending.popFirst() else { return }
                group.addTask {
                    do {
                        var part = Report()
                        try await syncRule(stored, platform: platform, report: &part)
                        return (stored.id, .success(part))
                    } catch {
                        return (stored.id, .failure(error))
                    }
                }
            }
            for _ in 0..<Self.concurrentRules { startNext() }
            var synced: [UUID] = []
            while let (id, outcome) = await group.next() {
                switch outcome {
                case .success(let part):
                    report.results += part.results
                    report.recorded += part.recorded
                    report.failures += part.failures
                    report.rules += 1
                    synced.append(id)
                case .failure(let error):
                    report.failures.append("rule \(id.uuidString.lowercased()): \(Self.describe(error))")
                }
                startNext()
            }
            return synced
        }
    }

    private func syncRule(_ stored: StoredOutcomeRule, platform: Platform, report: inout Report) async throws {
        guard let lineItem = stored.rule.match.lineItem.flatMap(URL.init(string:)) else { return }
        let results = try await services.results(of: lineItem, platform: platform)
        report.results += results.count
        let match = stored.rule.match
        let course = try await courses.course(issuer: match.issuer, clientID: match.clientID, contextID: match.contextID)
        let events = results.filter { !$0.userId.isEmpty }.map { result in
            OutcomeEvent(
                platform: .init(issuer: match.issuer, clientID: match.clientID),
                contextID: match.contextID,
                contextTitle: course?.title,
                lineItemURL: match.lineItem,
                itemTitle: stored.rule.title,
                userID: result.userId,
                scoreGiven: result.resultScore,
                // AGS: without resultMaximum, the maximum is 1.
                scoreMaximum: result.resultMaximum ?? (result.resultScore == nil ? nil : 1),
                // A result with a score is the platform's grade of record.
                gradingProgress: result.resultScore == nil ? nil : .fullyGraded,
                timestamp: clock.now(),
                comment: result.comment.map { String($0.prefix(OutcomeEvent.maximumCommentLength)) },
                source: .agsResult
            )
        }
        for outcome in try await intake.receive(events, rule: stored) {
            switch outcome {
            case .success(let receipt): if !receipt.isUnchanged { report.recorded += 1 }
            case .failure(let error): report.failures.append("a result of rule \(stored.id.uuidString.lowercased()) was refused: \(error.message)")
            }
        }
    }

    /// Maps the course's members to recipients (Names and Roles), when a launch told badged
    /// where the membership is.
    private func mapMembers(of match: OutcomeRule.Match, platform: Platform) async throws -> Int {
        // Members map only when Names and Roles carries the claim a launch would use first;
        // otherwise a grade and a launch of one student could reach two recipients.
        guard let first = mapping.rules.first?.claim, ["email", "sub", "lis_person_sourcedid"].contains(first),
            let course = try await courses.course(issuer: match.issuer, clientID: match.clientID, contextID: match.contextID),
            let url = course.membershipsURL.flatMap(URL.init(string:))
        else { return 0 }
        let learners = try await services.members(at: url, platform: platform).filter { $0.status != "Deleted" }.compactMap { member in
            mapping.recipient(claims: Self.claims(of: member)).map { (userID: member.userID, recipient: $0) }
        }
        try await intake.learnersSeen(issuer: match.issuer, learners)
        return learners.count
    }

    static func claims(of member: Member) -> (String) -> String? {
        { claim in
            switch claim {
            case "email": member.email
            case "sub": member.userID
            case "lis_person_sourcedid": member.personSourcedID
            default: nil
            }
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? LTIError { return error.message }
        if let error = error as? BadgeCoreError { return error.message }
        return "\(type(of: error))"
    }
}
