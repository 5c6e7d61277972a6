import BadgeCore
import Foundation
import LTI

/// The page a launch ends on. Instructors see the institution's badge classes that a course
/// activity can be linked to; students see their badges for the course.
struct LaunchPage {
    /// A badge the student holds, linking to its public page.
    struct HeldBadge: Hashable {
        let name: String
        let url: String
        let issuedOn: Date
    }

    let launch: LTILaunch
    let badgeClasses: [Record<BadgeClass>]
    /// The student's badges (student launches only).
    let heldBadges: [HeldBadge]
    /// Set for a deep-linking request: the pick session the forms post back.
    let pickSession: String?

    var html: String {
        let course = HTMLText.escape(launch.context?.title ?? launch.context?.label ?? "this course")
        let body: String
        if let pickSession {
            let forms = badgeClasses.map { record in
                "<li><form method=\"post\" action=\"deep-linking\"><input type=\"hidden\" name=\"session\" value=\"\(pickSession)\">"
                    + "<input type=\"hidden\" name=\"badge_class_id\" value=\"\(record.id.uuidString.lowercased())\">"
                    + "<button type=\"submit\">\(HTMLText.escape(record.name.preferred(record.language)))</button></form></li>"
            }
            body = """
                <h1>Place a badge in \(course)</h1>
                <p>Pick the badge class this activity awards:</p>
                <ul>\(forms.isEmpty ? "<li>No badge classes yet.</li>" : forms.joined())</ul>
                """
        } else if launch.isInstructor {
            let rows = badgeClasses.map { record in
                let ects = record.ects.map { " · \($0.formatted) EC" } ?? ""
                return "<li>\(HTMLText.escape(record.name.preferred(record.language)))<small> · \(record.kind.rawValue)\(ects)</small></li>"
            }
            body = """
                <h1>Badges for \(course)</h1>
                <p>Link an activity of this course to one of your institution's badge classes:</p>
                <ul>\(rows.isEmpty ? "<li>No badge classes yet: an administrator imports or creates them.</li>" : rows.joined())</ul>
                """
        } else {
            let items = heldBadges.map { badge in
                "<li><a href=\"\(HTMLText.escape(badge.url))\">\(HTMLText.escape(badge.name))</a>"
                    + "<small> · \(badge.issuedOn.formatted(.iso8601.year().month().day()))</small></li>"
            }
            body = """
                <h1>Your badges for \(course)</h1>
                \(items.isEmpty ? "<p>You have no badges for this course yet. They appear here once you earn them.</p>" : "<ul>\(items.joined())</ul>")
                """
        }
        return """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>badged</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto">\(body)</body></html>
            """
    }
}
