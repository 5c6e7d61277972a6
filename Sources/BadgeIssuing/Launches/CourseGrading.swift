public import BadgeCore
public import Foundation
public import LTI

/// The grades-to-badges part of an instructor's launch page: the course's outcome rules, and
/// the awards waiting for review with a single-use review session each (a form posts it back,
/// so no review needs a key, a cookie or anything in a URL).
public struct CourseGrading: Sendable {
    /// A recorded grade waiting for the instructor, with the session its form posts back.
    public struct Waiting: Sendable {
        /// The recorded grade.
        public let record: RecordedOutcome
        /// The review session (single use, 15 minutes).
        public let session: String
    }

    /// What the page shows.
    public struct Overview: Sendable {
        /// The course's rules.
        public let rules: [StoredOutcomeRule]
        /// Awards waiting for approval and badges flagged for review, newest first (at most 20).
        public let waiting: [Waiting]
        /// The session of the form that adds, changes or removes the rule of the launched
        /// activity.
        public var ruleSession: String? = nil
        /// The rule on the launched activity, if it has one (the form changes or removes it).
        public var activityRule: StoredOutcomeRule? = nil
    }

    /// What an instructor's rule form says (the watched item is the launched activity's).
    public struct RuleForm: Sendable {
        /// The badge class awarded.
        public let badgeClassID: UUID
        /// The condition (`score_ratio`, `dutch_grade`, `pass_fail`, `completed`).
        public let condition: String
        /// The threshold (a percentage for `score_ratio`, a grade for `dutch_grade`).
        public let threshold: Double?
        /// `issue` or `pending`.
        public let action: String

        /// Collects the form.
        public init(badgeClassID: UUID, condition: String, threshold: Double?, action: String) {
            self.badgeClassID = badgeClassID
            self.condition = condition
            self.threshold = threshold
            self.action = action
        }
    }

    /// How long a review form stays usable.
    public static let sessionLifetime: TimeInterval = 900

    let rules: any OutcomeRuleStore
    let events: any OutcomeEventStore
    let sessions: any DeepLinkSessionStore
    let intake: GradeIntake
    let random: any RandomSource
    let clock: any TimeSource

    /// Creates the use case.
    public init(
        rules: any OutcomeRuleStore,
        events: any OutcomeEventStore,
        sessions: any DeepLinkSessionStore,
        intake: GradeIntake,
        random: any RandomSource,
        clock: any TimeSource
    ) {
        self.rules = rules
        self.events = events
        self.sessions = sessions
        self.intake = intake
        self.random = random
        self.clock = clock
    }

    /// The overview for an instructor's launch in a course; nil for anyone else.
    public func overview(for launch: LTILaunch) async throws -> Overview? {
        guard launch.isInstructor, launch.messageType == .resourceLink, let contextID = launch.context?.id else { return nil }
        let course = try await rules.list(institutionID: nil, issuer: launch.issuer, contextID: contextID, limit: 200)
            .filter { $0.rule.match.clientID == launch.clientID }
        var ruleSession: String?
        var activityRule: StoredOutcomeRule?
        if let match = Self.watchedMatch(of: launch) {
            let session = Digest.hex(random.bytes(32))
            try await sessions.save(launch, id: session, expiresAt: clock.now().addingTimeInterval(Self.sessionLifetime))
            ruleSession = session
            activityRule = course.first { $0.rule.matchKey == match.key }
        }
        guard !course.isEmpty else { return Overview(rules: [], waiting: [], ruleSession: ruleSession) }
        let ruleIDs = Set(course.map(\.id))
        let pending = try await events.list(
            OutcomeEventFilter(contextID: contextID, decisions: [.pending, .flagged]),
            page: PageRequest(limit: 100)
        ).items.filter { ruleIDs.contains($0.ruleID) }.prefix(20)
        var waiting: [Waiting] = []
        for record in pending {
            let session = Digest.hex(random.bytes(32))
            try await sessions.save(launch, id: session, expiresAt: clock.now().addingTimeInterval(Self.sessionLifetime))
            waiting.append(Waiting(record: record, session: session))
        }
        return Overview(rules: course, waiting: waiting, ruleSession: ruleSession, activityRule: activityRule)
    }

    /// The match of a rule on the launched activity: its line item when the platform made one,
    /// else its resource link.
    static func watchedMatch(of launch: LTILaunch) -> OutcomeRule.Match? {
        guard let contextID = launch.context?.id else { return nil }
        if let lineItem = launch.ags?.lineItemURL {
            return .init(issuer: launch.issuer, clientID: launch.clientID, contextID: contextID, lineItem: lineItem.absoluteString)
        }
        guard let link = launch.resourceLink?.id else { return nil }
        return .init(issuer: launch.issuer, clientID: launch.clientID, contextID: contextID, resourceLinkID: link)
    }

    /// An instructor's rule for the launched activity, from the launch page's form: added, or
    /// changed when the activity has one (the options the form does not show are kept).
    /// - Returns: the stored rule and the launch (its platform frames the answer), or nil when
    ///   the session is unknown, used or expired.
    /// - Throws: ``BadgeCoreError`` as ``OutcomeRules/create(_:actor:allowed:)``, naming the field.
    public func saveRule(
        session: String,
        _ form: RuleForm,
        rules checker: OutcomeRules
    ) async throws
        -> (rule: StoredOutcomeRule, launch: LTILaunch)?
    {
        guard let (launch, match, existing) = try await activity(of: session) else { return nil }
        let condition: OutcomeRule.Condition
        switch form.condition {
        case "score_ratio": condition = .scoreRatio(atLeast: (form.threshold ?? 55) / 100)
        case "dutch_grade": condition = .dutchGrade(atLeast: form.threshold ?? 5.5)
        case "pass_fail": condition = .passFail
        case "completed": condition = .completed
        default: throw BadgeCoreError.invalid("condition", "choose a condition")
        }
        guard let action = OutcomeRule.Action(rawValue: form.action) else { throw BadgeCoreError.invalid("action", "choose issue or pending") }
        let kept = existing?.rule
        let rule = OutcomeRule(
            badgeClassID: form.badgeClassID,
            match: match,
            condition: condition,
            action: action,
            requireFullyGraded: kept?.requireFullyGraded ?? true,
            includeGrade: kept?.includeGrade ?? false,
            onFallBelow: kept?.onFallBelow ?? .flag,
            writeBack: kept?.writeBack ?? false,
            title: kept?.title ?? launch.resourceLink?.title.map { String($0.prefix(200)) }
        )
        let actor = Self.actor(of: launch)
        if let existing { return (try await checker.update(id: existing.id, to: rule, actor: actor) { _ in true }, launch) }
        return (try await checker.create(rule, actor: actor) { _ in true }, launch)
    }

    /// An instructor's removal of the launched activity's rule; its recorded grades stay in the
    /// audit, and badges issued by it stay issued.
    /// - Returns: the removed rule and the launch, or nil when the session is unknown, used or
    ///   expired.
    /// - Throws: ``BadgeCoreError`` `.notFound` when the activity has no rule.
    public func removeRule(session: String, rules checker: OutcomeRules) async throws -> (rule: StoredOutcomeRule, launch: LTILaunch)? {
        guard let (launch, _, existing) = try await activity(of: session) else { return nil }
        guard let existing else { throw BadgeCoreError(.notFound, "this activity has no grade rule", field: "session") }
        try await checker.delete(id: existing.id, actor: Self.actor(of: launch)) { _ in true }
        return (existing, launch)
    }

    /// The launch of a rule form's session, the launched activity's match, and its rule if any.
    private func activity(of session: String) async throws -> (LTILaunch, OutcomeRule.Match, StoredOutcomeRule?)? {
        guard let launch = try await sessions.take(id: session, at: clock.now()) else { return nil }
        guard launch.isInstructor, let match = Self.watchedMatch(of: launch) else {
            throw BadgeCoreError(.forbidden, "only an instructor's launch of a course activity changes rules")
        }
        let course = try await rules.list(institutionID: nil, issuer: launch.issuer, contextID: match.contextID, limit: 200)
        return (launch, match, course.first { $0.rule.matchKey == match.key })
    }

    /// The audit's actor for an instructor: a digest of platform and user, never the user id.
    static func actor(of launch: LTILaunch) -> String {
        "lti:" + Digest.sha256Hex(launch.issuer + "\n" + (launch.user.subject ?? "")).prefix(16)
    }

    /// An instructor's review from the launch page.
    /// - Returns: the record as it is now and the launch that opened the page (its platform frames
    /// the answer), or nil when the session is unknown, used or expired.
    /// - Throws: ``BadgeCoreError`` `.forbidden` for a grade of another course; as
    ///   ``GradeIntake/review(recordID:_:comment:actor:)`` otherwise.
    public func review(
        session: String,
        recordID: UUID,
        _ review: GradeIntake.Review,
        comment: String?
    ) async throws
        -> (record: RecordedOutcome, launch: LTILaunch)?
    {
        guard let launch = try await sessions.take(id: session, at: clock.now()) else { return nil }
        guard launch.isInstructor, let record = try await events.find(id: recordID), let rule = try await rules.find(id: record.ruleID),
            rule.rule.match.issuer == launch.issuer, rule.rule.match.clientID == launch.clientID, rule.rule.match.contextID == launch.context?.id
        else { throw BadgeCoreError(.forbidden, "that grade is not one of this course's") }
        return (try await intake.review(recordID: recordID, review, comment: comment, actor: Self.actor(of: launch)), launch)
    }
}
