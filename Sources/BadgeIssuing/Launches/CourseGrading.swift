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
        /// The session of the form that adds a rule for the launched activity, when there is
        /// no rule on it yet.
        public var ruleSession: String? = nil
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
        if Self.watchedMatch(of: launch).map({ match in !course.contains { $0.rule.matchKey == match.key } }) ?? false {
            let session = Digest.hex(random.bytes(32))
            try await sessions.save(launch, id: session, expiresAt: clock.now().addingTimeInterval(Self.sessionLifetime))
            ruleSession = session
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
        return Overview(rules: course, waiting: waiting, ruleSession: ruleSession)
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

    /// An instructor's new rule for the launched activity, from the launch page's form.
    /// - Returns: the stored rule and the launch (its platform frames the answer), or nil when
    ///   the session is unknown, used or expired.
    /// - Throws: ``BadgeCoreError`` as ``OutcomeRules/create(_:actor:allowed:)``, naming the field.
    public func addRule(
        session: String,
        _ form: RuleForm,
        rules checker: OutcomeRules
    ) async throws
        -> (rule: StoredOutcomeRule, launch: LTILaunch)?
    {
        guard let launch = try await sessions.take(id: session, at: clock.now()) else { return nil }
        guard launch.isInstructor, let match = Self.watchedMatch(of: launch) else {
            throw BadgeCoreError(.forbidden, "only an instructor's launch of a course activity adds rules")
        }
        let condition: OutcomeRule.Condition
        switch form.condition {
        case "score_ratio": condition = .scoreRatio(atLeast: (form.threshold ?? 55) / 100)
        case "dutch_grade": condition = .dutchGrade(atLeast: form.threshold ?? 5.5)
        case "pass_fail": condition = .passFail
        case "completed": condition = .completed
        default: throw BadgeCoreError.invalid("condition", "choose a condition")
        }
        guard let action = OutcomeRule.Action(rawValue: form.action) else { throw BadgeCoreError.invalid("action", "choose issue or pending") }
        let rule = OutcomeRule(
            badgeClassID: form.badgeClassID,
            match: match,
            condition: condition,
            action: action,
            title: launch.resourceLink?.title.map { String($0.prefix(200)) }
        )
        let actor = "lti:" + Digest.sha256Hex(launch.issuer + "\n" + (launch.user.subject ?? "")).prefix(16)
        return (try await checker.create(rule, actor: actor) { _ in true }, launch)
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
        let actor = "lti:" + Digest.sha256Hex(launch.issuer + "\n" + (launch.user.subject ?? "")).prefix(16)
        return (try await intake.review(recordID: recordID, review, comment: comment, actor: actor), launch)
    }
}
