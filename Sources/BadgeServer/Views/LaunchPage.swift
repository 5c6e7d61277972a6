import BadgeCore
import Foundation
import LTI

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
