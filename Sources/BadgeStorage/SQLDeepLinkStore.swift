public import BadgeCore
public import Foundation
public import LTI
import SQLKit

/// Deep-linking picks in SQL: the validated request waits here, under an unguessable id, until
/// the instructor picks a badge class; the id works once and only until it expires.
///
/// A course's links (read at every student launch, the same for every student of the course)
/// serve this store's readers for a second (``RecentReads``): links recorded through this store
/// show at once, other daemons' within that second.
public struct SQLDeepLinkStore: DeepLinkSessionStore, CourseLinkStore {
    private let database: BadgeDatabase
    private let recentLinks = RecentReads<[UUID]>(capacity: 4_096)

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    /// Keeps a validated deep-linking request until `expiresAt`.
    public func save(_ launch: LTILaunch, id: String, expiresAt: Date) async throws {
        try await database.transaction { db in
            try await db.insert(into: "lti_deep_link_sessions").columns("id", "body", "expires_at")
                .values(SQLBind(id), SQLBind(try RowCoding.encode(launch)), SQLBind(expiresAt.unixSeconds)).run()
        }
    }

    /// Takes the request out: nil if the id is unknown, used or expired.
    public func take(id: String, at now: Date) async throws -> LTILaunch? {
        try await database.transaction { db in
            guard
                let row = try await db.raw(
                    "DELETE FROM lti_deep_link_sessions WHERE id = \(bind: id) RETURNING body, expires_at"
                ).first()
            else { return nil }
            guard try row.decode(column: "expires_at", as: Int64.self) > now.unixSeconds else { return nil }
            return try RowCoding.decode(LTILaunch.self, from: try row.decode(column: "body", as: String.self), id: "deep link")
        }
    }

    /// Records a link placed in a course.
    public func recordLink(_ link: CourseLink, id: UUID, at date: Date) async throws {
        defer { recentLinks.clear() }
        try await database.transaction { db in
            try await db.insert(into: "lti_links")
                .columns("id", "issuer", "client_id", "deployment_id", "context_id", "badge_class_id", "created_at")
                .values(
                    SQLBind(id.sqlText),
                    SQLBind(link.issuer),
                    SQLBind(link.clientID),
                    SQLBind(link.deploymentID),
                    SQLBind(link.contextID),
                    SQLBind(link.badgeClassID.sqlText),
                    SQLBind(date.unixSeconds)
                )
                .run()
        }
    }

    /// The badge classes linked in a course of a platform, read in one statement unless read
    /// within the last second.
    public func linkedBadgeClasses(issuer: String, contextID: String) async throws -> [UUID] {
        let key = issuer + "\n" + contextID
        if let linked = recentLinks.value(for: key) { return linked }
        let linked = try await database.read { db in
            try await db.select().column("badge_class_id").from("lti_links")
                .where("issuer", .equal, issuer).where("context_id", .equal, contextID).orderBy("created_at").all()
                .compactMap { UUID(uuidString: try $0.decode(column: "badge_class_id", as: String.self)) }
        }
        recentLinks.store([(key: key, value: linked)])
        return linked
    }
}
