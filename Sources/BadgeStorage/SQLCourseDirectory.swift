public import BadgeCore
public import Foundation
import SQLKit

/// Courses seen at launches, in SQL.
public struct SQLCourseDirectory: CourseDirectory {
    private let database: BadgeDatabase

    /// Creates a directory on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func record(_ course: LTICourse, at date: Date) async throws {
        let query: SQLQueryString = """
            INSERT INTO lti_courses (issuer, client_id, context_id, title, line_items_url, memberships_url, updated_at)
            VALUES (\(bind: course.issuer), \(bind: course.clientID), \(bind: course.contextID), \(bind: course.title),
                \(bind: course.lineItemsURL), \(bind: course.membershipsURL), \(bind: date.unixSeconds))
            ON CONFLICT (issuer, client_id, context_id) DO UPDATE SET title = excluded.title,
                line_items_url = excluded.line_items_url, memberships_url = excluded.memberships_url, updated_at = excluded.updated_at
            WHERE lti_courses.title IS DISTINCT FROM excluded.title OR lti_courses.line_items_url IS DISTINCT FROM excluded.line_items_url
                OR lti_courses.memberships_url IS DISTINCT FROM excluded.memberships_url
            """
        try await database.session { db in try await db.raw(query).run() }
    }

    public func course(issuer: String, clientID: String, contextID: String) async throws -> LTICourse? {
        try await database.session { db in
            try await db.select().columns("title", "line_items_url", "memberships_url").from("lti_courses")
                .where("issuer", .equal, issuer).where("client_id", .equal, clientID).where("context_id", .equal, contextID).first()
                .map {
                    LTICourse(
                        issuer: issuer,
                        clientID: clientID,
                        contextID: contextID,
                        title: try $0.decode(column: "title", as: String?.self),
                        lineItemsURL: try $0.decode(column: "line_items_url", as: String?.self),
                        membershipsURL: try $0.decode(column: "memberships_url", as: String?.self)
                    )
                }
        }
    }
}
