import BadgeCore
import BadgeIssuing
import Foundation
import LTI
import OpenBadges

/// The page a launch ends on, in one of three variants: instructors see the institution's badge
/// classes that a course activity can be linked to, students see their badges for the course,
/// and a deep-linking request shows one pick form per badge class, posting `session` and
/// `badge_class_id` back to `deep-linking`.
struct LaunchPage: PageModel {
    static let template = "launch"

    /// A badge the student holds, linking to its public page.
    struct HeldBadge: Hashable, Sendable {
        /// The badge class's name.
        let name: String
        /// The public assertion page.
        let url: String
        /// The award date as the page shows it (ISO 8601 calendar date).
        let issuedOn: String

        /// A held badge awarded on `issuedOn`.
        init(name: String, url: String, issuedOn: Date) {
            self.name = name
            self.url = url
            self.issuedOn = issuedOn.formatted(.iso8601.year().month().day())
        }
    }

    /// A badge class on the instructor and pick variants.
    struct BadgeClassItem: Hashable, Sendable {
        /// The badge class id (lowercase UUID), the pick form's `badge_class_id`.
        let id: String
        /// Its name in its own language.
        let name: String
        /// Its kind and credits, such as "micro_credential · 5 EC".
        let details: String
    }

    /// An outcome rule of the course (instructor variant).
    struct RuleItem: Hashable, Sendable {
        /// The watched item.
        let item: String
        /// The badge class awarded.
        let badgeClass: String
        /// The condition and action, such as "Dutch grade ≥ 5.5 · issued at once".
        let summary: String
    }

    /// A grade waiting for the instructor's review, with its form's session.
    struct WaitingItem: Hashable, Sendable {
        /// The recorded grade's id.
        let id: String
        /// The review session the form posts back.
        let session: String
        /// `pending` or `flagged`, as words.
        let kind: String
        /// The reason sentence.
        let reason: String
    }

    /// The document title, which is also the page's heading.
    let title: String
    /// The course's title, label or "this course".
    let course: String
    /// Set for a deep-linking request: the pick session the forms post back.
    let pickSession: String?
    /// Whether this is the instructor's list (neither a pick nor a student's page).
    let isInstructorList: Bool
    /// Whether this is a student's page.
    let isStudentPage: Bool
    /// The institution's badge classes (instructor and pick variants).
    let badgeClasses: [BadgeClassItem]
    /// The student's badges (student variant).
    let heldBadges: [HeldBadge]
    /// The course's outcome rules (instructor variant).
    var rules: [RuleItem] = []
    /// Grades waiting for review (instructor variant).
    var waiting: [WaitingItem] = []
    /// The form adding, changing or removing the launched activity's rule (instructor variant).
    var ruleForm: RuleForm?
    /// Progress toward the course's composites (student variant).
    var progress: [ProgressItem] = []
    /// The one-time token of the "open my wallet" form (student variant): posted to
    /// `/wallet/enter` in a new tab, since the LMS frame may not keep badged's cookies.
    var walletHandoff: String?
}

extension LaunchPage {
    /// A composite the course's badges count toward, and where the student stands.
    struct ProgressItem: Hashable, Sendable {
        let name: String
        let explanation: String
        /// Set when the student holds the composite: its public page.
        let heldURL: String?
    }

    /// Adds the student's progress toward the course's composites.
    mutating func show(progress assessments: [Stacker.Assessment], urls: PublicURLs) {
        progress = assessments.map { assessment in
            let held = assessment.held.flatMap { $0.isRevoked ? nil : $0 }
            return ProgressItem(
                name: assessment.composite.name.preferred(assessment.composite.language),
                explanation: assessment.verdict.explanation,
                heldURL: held.map { urls.assertion($0.id) }
            )
        }
    }
}

extension LaunchPage {
    /// One choice of a select box.
    struct Option: Hashable, Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// The launched activity's rule form, filled in with its rule when it has one.
    struct RuleForm: Hashable, Sendable {
        /// The single-use session the form posts back.
        let session: String
        /// Whether the activity has a rule (the form changes or removes it).
        let isChange: Bool
        let badgeClasses: [Option]
        let conditions: [Option]
        let actions: [Option]
        /// The threshold as the field shows it (a grade, or a percentage).
        let threshold: String

        init(session: String, rule: OutcomeRule?, badgeClasses: [Record<BadgeClass>]) {
            self.session = session
            isChange = rule != nil
            self.badgeClasses = badgeClasses.map { record in
                Option(
                    value: record.id.uuidString.lowercased(),
                    label: record.name.preferred(record.language),
                    selected: record.id == rule?.badgeClassID
                )
            }
            let chosen: String
            switch rule?.condition {
            case .scoreRatio(let ratio):
                chosen = "score_ratio"
                threshold = (ratio * 100).formatted()
            case .dutchGrade(let grade):
                chosen = "dutch_grade"
                threshold = grade.formatted()
            case .passFail:
                chosen = "pass_fail"
                threshold = ""
            case .completed:
                chosen = "completed"
                threshold = ""
            case nil:
                chosen = "dutch_grade"
                threshold = ""
            }
            conditions = [
                ("dutch_grade", "Dutch grade at least (1–10)"), ("score_ratio", "score at least (%)"), ("pass_fail", "passed"),
                ("completed", "completed"),
            ].map { Option(value: $0.0, label: $0.1, selected: $0.0 == chosen) }
            actions = [("issue", "issue the badge at once"), ("pending", "ask me to approve")].map {
                Option(value: $0.0, label: $0.1, selected: $0.0 == (rule?.action ?? .issue).rawValue)
            }
        }
    }
}

extension LaunchPage {
    /// The page for a launch.
    /// - Parameters:
    ///   - launch: the validated launch.
    ///   - badgeClasses: the institution's badge classes.
    ///   - heldBadges: the student's badges (student launches only).
    ///   - pickSession: the pick session of a deep-linking request.
    init(launch: LTILaunch, badgeClasses: [Record<BadgeClass>], heldBadges: [HeldBadge], pickSession: String?) {
        let course = launch.context?.title ?? launch.context?.label ?? "this course"
        let isInstructorList = pickSession == nil && launch.isInstructor
        let isStudentPage = pickSession == nil && !launch.isInstructor
        self.init(
            title: pickSession != nil ? "Place a badge in \(course)" : isInstructorList ? "Badges for \(course)" : "Your badges for \(course)",
            course: course,
            pickSession: pickSession,
            isInstructorList: isInstructorList,
            isStudentPage: isStudentPage,
            badgeClasses: badgeClasses.map { record in
                BadgeClassItem(
                    id: record.id.uuidString.lowercased(),
                    name: record.name.preferred(record.language),
                    details: record.kind.rawValue + (record.ects.map { " · \($0.formatted) EC" } ?? "")
                )
            },
            heldBadges: heldBadges
        )
    }
}

extension LaunchPage {
    /// Adds the course's rules and the grades waiting for review (instructor variant).
    mutating func show(_ overview: CourseGrading.Overview, badgeClasses: [Record<BadgeClass>]) {
        let names = Dictionary(badgeClasses.map { ($0.id, $0.name.preferred($0.language)) }) { first, _ in first }
        rules = overview.rules.map { stored in
            let rule = stored.rule
            let condition =
                switch rule.condition {
                case .scoreRatio(let threshold): "score ≥ \((threshold * 100).formatted()) %"
                case .dutchGrade(let threshold): "Dutch grade ≥ \(threshold.formatted())"
                case .passFail: "passed"
                case .completed: "completed"
                }
            return RuleItem(
                item: rule.title ?? rule.match.lineItem ?? rule.match.resourceLinkID ?? "an activity",
                badgeClass: names[rule.badgeClassID] ?? "a badge class",
                summary: condition + (rule.action == .issue ? " · issued at once" : " · after approval")
            )
        }
        ruleForm = overview.ruleSession.map { RuleForm(session: $0, rule: overview.activityRule?.rule, badgeClasses: badgeClasses) }
        waiting = overview.waiting.map { item in
            WaitingItem(
                id: item.record.id.uuidString.lowercased(),
                session: item.session,
                kind: item.record.decision == .pending ? "Awaiting approval" : "Flagged (a later grade fell below)",
                reason: item.record.reason
            )
        }
    }
}
